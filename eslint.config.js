// ESLint flat config: typescript-eslint's strict type-checked rules everywhere, React hooks and Next's rules
// for the front end, Prettier owning layout (eslint-config-prettier last). Every rule turned off or relaxed
// here carries a one-line reason.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import prettier from "eslint-config-prettier";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores([
    ".next/",
    ".next-*/",
    "node_modules/",
    ".data/",
    "server/db/generated/",
    "test-artifacts/",
    "docs/bench-output/",
    "bench/results/",
    "next-env.d.ts",
  ]),

  js.configs.recommended,
  // The service worker is plain JavaScript run in the worker's global scope.
  { files: ["public/sw.js"], languageOptions: { globals: globals.serviceworker } },
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      // Ports are interfaces and data shapes are types, both on purpose (docs/ARCHITECTURE.md).
      "@typescript-eslint/consistent-type-definitions": "off",
      // `() => setX(v)` and `(done) => resolve()` callbacks are idiomatic and read clearly as statements.
      // `return f()` from a void function is this code base's early exit.
      "@typescript-eslint/no-confusing-void-expression": [
        "error",
        { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true },
      ],
      // Numbers print as themselves in a template; only objects, nullish and the like are the mistakes here.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // `x === null || x.y === null` narrows the same as an optional chain and matches how the code reads elsewhere.
      "@typescript-eslint/prefer-optional-chain": "off",
      // `||` on strings and booleans deliberately treats "" and false as absent (an empty env value, a blank field).
      "@typescript-eslint/prefer-nullish-coalescing": [
        "error",
        { ignorePrimitives: { string: true, boolean: true } },
      ],
      // A leading underscore marks a binding left unused on purpose (an omitted field, a required parameter).
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
    },
  },

  // The few plain JavaScript files (this config, postcss, scripts/dev) are not in tsconfig: no type info.
  { files: ["**/*.{js,mjs,cjs}"], extends: [tseslint.configs.disableTypeChecked] },

  // Front end: browser globals, the rules of React (hooks + compiler rules) and Next's rules.
  {
    files: ["src/**/*.{ts,tsx}"],
    extends: [
      reactHooks.configs.flat.recommended,
      nextPlugin.configs.recommended,
      nextPlugin.configs["core-web-vitals"],
    ],
    languageOptions: { globals: { ...globals.browser } },
    settings: { next: { rootDir: import.meta.dirname } },
    rules: {
      // Screens load their data in effects (load() resets its own error first) and useNow reads the clock after
      // hydration on purpose; moving them to Suspense data loading is a rewrite beyond a lint pass.
      "react-hooks/set-state-in-effect": "off",
      // The app does not run the React Compiler (next.config.ts), so a skipped compilation costs nothing; the
      // callbacks it skips read a ref's current value on purpose and must stay stable for their children.
      "react-hooks/preserve-manual-memoization": "off",
    },
  },

  // Server code writes through the logger passed in deps, never to the console (bench/ and scripts may print).
  { files: ["server/**/*.ts"], rules: { "no-console": "error" } },

  // Tests and benches.
  {
    files: ["tests/**/*.ts"],
    rules: {
      // A test that reaches into a result it just asserted exists reads better with `!` than a guard.
      "@typescript-eslint/no-non-null-assertion": "off",
      // Fakes implement async ports with async functions that need nothing to await.
      "@typescript-eslint/require-await": "off",
      // Teardown guards values a failed beforeAll never set (`await app?.close()`), which the types cannot see.
      "@typescript-eslint/no-unnecessary-condition": "off",
      // vitest's asymmetric matchers (expect.any, expect.stringMatching) are typed `any` inside expected objects.
      "@typescript-eslint/no-unsafe-assignment": "off",
    },
  },

  prettier,
);
