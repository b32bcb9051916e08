import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { catalogNamespaces } from "@/i18n/catalogs";
import { LOCALES, negotiateLocale } from "@/i18n/locales";

type Tree = { [key: string]: string | Tree };

function isTree(value: unknown): value is Tree {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every message of a catalog by its dotted key. */
function flatten(tree: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (!isTree(tree)) return out;
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The arguments a message takes ({name}, plurals, selects, rich-text tags), in any branch. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    into.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select)
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    if (element.type === TYPE.tag) argumentsOf(element.children, into);
  }
  return into;
}

describe("[I18N-1] every catalog is complete in every language", () => {
  for (const [namespace, byLocale] of Object.entries(catalogNamespaces)) {
    const english = flatten(byLocale.en);
    it(`${namespace}: has messages`, () => expect(english.size).toBeGreaterThan(0));
    for (const locale of LOCALES.filter((l) => l !== "en")) {
      it(`${namespace}: ${locale} has exactly the English keys, each with the same arguments`, () => {
        const translated = flatten(byLocale[locale]);
        expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
        for (const [key, source] of english) {
          const text = translated.get(key) ?? "";
          expect(text.trim(), `${namespace}.${key} is empty in ${locale}`).not.toBe("");
          const want = [...argumentsOf(parse(source))].sort();
          expect([...argumentsOf(parse(text))].sort(), `${namespace}.${key} in ${locale}`).toEqual(want);
        }
      });
    }
  }
});

describe("[I18N-2] the language of a request", () => {
  it.each([
    [undefined, null, "en"],
    [undefined, "id-ID,id;q=0.9,en;q=0.8", "id"],
    [undefined, "zh-CN,zh;q=0.9", "zh-CN"],
    [undefined, "zh-TW", "zh-CN"],
    [undefined, "fr-FR,fr;q=0.9,id;q=0.5", "id"],
    [undefined, "en;q=0.2,zh;q=0.8", "zh-CN"],
    [undefined, "id;q=0, en", "en"],
    [undefined, "de, *", "en"],
    ["id", "zh-CN", "id"],
    ["klingon", "zh-CN", "zh-CN"],
  ] as const)("cookie %s, Accept-Language %s → %s", (cookie, header, expected) => {
    expect(negotiateLocale(cookie, header)).toBe(expected);
  });
});
