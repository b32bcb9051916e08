import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { envSchema } from "../../server/config/env";

/** The names in the first column of README's configuration tables (a row may name two: `A` / `B`). */
function documentedNames(): Set<string> {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const names = new Set<string>();
  for (const line of readme.split("\n")) {
    const first = /^\|([^|]+)\|/.exec(line)?.[1];
    if (!first) continue;
    for (const match of first.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) if (match[1]) names.add(match[1]);
  }
  return names;
}

describe("README configuration", () => {
  it("[CONFIG-1] names every environment variable the server reads, limits included", () => {
    const documented = documentedNames();
    // NODE_ENV is Node's own convention, set by the npm scripts, not an operator's setting.
    const missing = Object.keys(envSchema.shape).filter(
      (name) => name !== "NODE_ENV" && !documented.has(name),
    );
    expect(missing).toEqual([]);
  });
});
