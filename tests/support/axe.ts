import { createRequire } from "node:module";
import fs from "node:fs";
import type { Page } from "playwright-core";
import { z } from "zod";

/**
 * axe-core run inside a page the tests drive. The source is evaluated through the DevTools
 * protocol (page.evaluate), which the page's Content-Security-Policy does not apply to, so the
 * app's nonce-only script policy stays as it is in production.
 */
const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const nodeSchema = z.object({ target: z.array(z.unknown()), failureSummary: z.string().optional() });
const violationSchema = z.object({
  id: z.string(),
  impact: z.string().nullable().optional(),
  help: z.string(),
  helpUrl: z.string(),
  nodes: z.array(nodeSchema),
});
export type AxeViolation = z.infer<typeof violationSchema>;

/** The WCAG 2.x A and AA rules plus axe's best practices: what the "no serious or critical" counts. */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/** Every violation axe finds on the page as it is now (all impacts). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate("typeof window.axe === 'object'");
  if (loaded !== true) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(
    `window.axe.run(document, { runOnly: { type: "tag", values: ${JSON.stringify(TAGS)} }, resultTypes: ["violations"] }).then((r) => r.violations)`,
  );
  return z.array(violationSchema).parse(result);
}

/** The violations one line each, with the elements they were found on: readable in a test failure. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes
        .slice(0, 6)
        .map((node) => `    - ${node.target.map(String).join(" > ")}${summary(node.failureSummary)}`)
        .join("\n");
      const more = violation.nodes.length > 6 ? `\n    … and ${violation.nodes.length - 6} more` : "";
      return `  [${violation.impact ?? "?"}] ${violation.id}: ${violation.help} (${violation.helpUrl})\n${nodes}${more}`;
    })
    .join("\n");
}

function summary(failure: string | undefined): string {
  if (!failure) return "";
  const line = failure.split("\n").find((text) => text.trim() && !text.startsWith("Fix"));
  return line ? `: ${line.trim()}` : "";
}

const SERIOUS = new Set(["serious", "critical"]);

/** Everything axe found on pages so far, by page name: the before/after tally the README quotes. */
export const axeTally: Record<string, { serious: number; other: number }> = {};

/**
 * Fails with the serious and critical violations listed readably; minor and moderate ones are
 * counted (and printed) without failing, so they stay visible.
 */
export async function expectNoSeriousViolations(page: Page, name: string): Promise<void> {
  const violations = await axeViolations(page);
  const serious = violations.filter((v) => SERIOUS.has(v.impact ?? ""));
  const other = violations.filter((v) => !SERIOUS.has(v.impact ?? ""));
  axeTally[name] = { serious: serious.length, other: other.length };
  if (other.length > 0) process.stdout.write(`axe (${name}), not failing:\n${formatViolations(other)}\n`);
  if (serious.length > 0 && process.env.AXE_REPORT_ONLY === "1") {
    process.stdout.write(`axe (${name}) SERIOUS:\n${formatViolations(serious)}\n`);
    return;
  }
  if (serious.length > 0)
    throw new Error(`axe found serious or critical violations on ${name}:\n${formatViolations(serious)}`);
}
