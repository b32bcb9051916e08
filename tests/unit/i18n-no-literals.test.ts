import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * [I18N-3] Every word a person reads comes from a catalog: no JSX text and no human-facing
 * attribute (aria-label, placeholder, title, alt) written as an English literal in the UI.
 * Punctuation, emoji, numbers and symbols are not words and may stay.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const UI_DIRS = ["src/app", "src/components", "src/features"];
const HUMAN_ATTRIBUTES = new Set(["aria-label", "placeholder", "title", "alt", "aria-description"]);
/**
 * Link-preview images: drawn for chat apps' crawlers (no reader language) with the one bundled
 * Latin font, which has no CJK glyphs; they stay English on purpose (docs/ARCHITECTURE.md).
 */
const EXEMPT = new Set<string>([
  "src/app/rooms/[roomId]/opengraph-image.tsx",
  "src/app/u/[username]/opengraph-image.tsx",
  "src/features/link-previews/preview-card.tsx",
]);
/** Not words of any language: an example handle in the sign-up form. */
const ALLOWED = new Set(["ada"]);
const hasWord = (text: string) => !ALLOWED.has(text.trim()) && /\p{L}{2,}/u.test(text);

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return tsxFiles(full);
    return full.endsWith(".tsx") ? [full] : [];
  });
}

/**
 * Strings a JSX child expression renders as they are: `{"Joining…"}`, `{a ? "Raised" : "Down"}`,
 * `{title ?? "Untitled"}`, `{`${n} in room`}`. Strings passed to calls (t("key")) are not rendered.
 */
function renderedStrings(expression: ts.Expression): string[] {
  if (ts.isParenthesizedExpression(expression)) return renderedStrings(expression.expression);
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression))
    return hasWord(expression.text) ? [expression.text] : [];
  if (ts.isTemplateExpression(expression)) {
    const parts = [expression.head.text, ...expression.templateSpans.map((span) => span.literal.text)];
    return parts.some(hasWord) ? [parts.join("…")] : [];
  }
  if (ts.isConditionalExpression(expression))
    return [...renderedStrings(expression.whenTrue), ...renderedStrings(expression.whenFalse)];
  if (
    ts.isBinaryExpression(expression) &&
    [
      ts.SyntaxKind.QuestionQuestionToken,
      ts.SyntaxKind.BarBarToken,
      ts.SyntaxKind.AmpersandAmpersandToken,
    ].includes(expression.operatorToken.kind)
  )
    return [
      ...(expression.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken
        ? []
        : renderedStrings(expression.left)),
      ...renderedStrings(expression.right),
    ];
  return [];
}

function literalsIn(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, "utf8"),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const found: string[] = [];
  const where = (node: ts.Node) => `${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWord(node.text)) found.push(`${where(node)}: ${node.text.trim()}`);
    if (
      ts.isJsxAttribute(node) &&
      HUMAN_ATTRIBUTES.has(node.name.getText(source)) &&
      node.initializer &&
      ts.isStringLiteral(node.initializer) &&
      hasWord(node.initializer.text)
    )
      found.push(`${where(node)}: ${node.name.getText(source)}="${node.initializer.text}"`);
    if (
      ts.isJsxExpression(node) &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)) &&
      node.expression
    )
      for (const text of renderedStrings(node.expression)) found.push(`${where(node)}: {"${text}"}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("[I18N-3] no untranslated words in the UI", () => {
  const files = UI_DIRS.flatMap((dir) => tsxFiles(path.join(ROOT, dir))).filter(
    (file) => !EXEMPT.has(path.relative(ROOT, file)),
  );
  it("finds the UI files", () => expect(files.length).toBeGreaterThan(50));
  it("every JSX text and human-facing attribute comes from a catalog", () => {
    const offenders = files
      .map((file) => ({ file: path.relative(ROOT, file), literals: literalsIn(file) }))
      .filter((entry) => entry.literals.length > 0)
      .map((entry) => `${entry.file}\n  ${entry.literals.join("\n  ")}`);
    expect(offenders, offenders.join("\n")).toEqual([]);
  });
});
