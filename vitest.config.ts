import { defineConfig } from "vitest/config";
import path from "node:path";

// Unit, integration and media tests. Browser tests have their own config (vitest.e2e.config.ts)
// because they share one built app and must run one file at a time.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "src") } },
  test: {
    include: [
      "tests/unit/**/*.test.ts",
      "tests/integration/**/*.test.ts",
      "tests/media/**/*.test.ts",
      // The proofs of issue 13's security findings, one place for the attack surface.
      "tests/security/**/*.test.ts",
    ],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    setupFiles: ["tests/support/setup-env.ts"],
  },
});
