import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** The house rule (DESIGN.md, "Small, named"): a file past this many lines has more than one job. */
const MAX_LINES = 300;
/** Folders held to the rule, from the repository root. */
const CHECKED_ROOTS = ["server", "bench", "src"];
/** Written by tools, not by us: Prisma's generated client. */
const SKIPPED_DIRS = new Set(["node_modules", "generated"]);

const repoRoot = path.resolve(import.meta.dirname, "../..");

function lineCount(text: string): number {
  if (text.length === 0) return 0;
  const lines = text.split("\n").length;
  return text.endsWith("\n") ? lines - 1 : lines;
}

/** Every .ts/.tsx file under `dir` (relative to `root`) with more than `max` lines, as "path (n lines)". */
function oversized(root: string, dir: string, max: number): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(child);
      } else if (/\.tsx?$/.test(entry.name)) {
        const lines = lineCount(readFileSync(path.join(root, child), "utf8"));
        if (lines > max) found.push(`${child} (${lines} lines)`);
      }
    }
  };
  walk(dir);
  return found.sort();
}

describe("file sizes", () => {
  it(`[SIZE-1] no .ts/.tsx file under ${CHECKED_ROOTS.join("/, ")}/ is over ${MAX_LINES} lines`, () => {
    const tooLong = CHECKED_ROOTS.flatMap((dir) => oversized(repoRoot, dir, MAX_LINES));
    // The message names each file, so whoever grew it knows what to split.
    expect(tooLong, `split these files by responsibility:\n${tooLong.join("\n")}`).toEqual([]);
  });

  it("[SIZE-1] the check sees a long file, and skips generated code", () => {
    const root = mkdtempSync(path.join(tmpdir(), "file-sizes-"));
    try {
      mkdirSync(path.join(root, "server/db/generated"), { recursive: true });
      const long = "const a = 1;\n".repeat(MAX_LINES + 1);
      writeFileSync(path.join(root, "server/long.ts"), long);
      writeFileSync(path.join(root, "server/ok.tsx"), "const b = 2;\n".repeat(MAX_LINES));
      writeFileSync(path.join(root, "server/db/generated/client.ts"), long);
      writeFileSync(path.join(root, "server/notes.md"), long);
      expect(oversized(root, "server", MAX_LINES)).toEqual([`server/long.ts (${MAX_LINES + 1} lines)`]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
