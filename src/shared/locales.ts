/**
 * The languages the UI speaks, and how a request picks one: the person's choice (a cookie the
 * language picker sets) wins, then the browser's Accept-Language, then English. Pure, so the
 * server (pages, .ics files) and the tests share one rule.
 */
export const LOCALES = ["en", "id", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
/** next-intl's own cookie name, so its tooling recognises it. One year: a choice is remembered. */
export const LOCALE_COOKIE = "NEXT_LOCALE";
export const LOCALE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 3600;

/** Each language in its own words, for the picker (never translated: people look for their own). */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: "English",
  id: "Bahasa Indonesia",
  "zh-CN": "简体中文",
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The locale a language tag asks for, or null. Any Chinese tag reads Simplified Chinese (the only
 * Chinese catalog; closer than English for a Traditional reader); `in` is Indonesian's old code.
 */
export function localeOfTag(tag: string): Locale | null {
  const [language] = tag.trim().toLowerCase().split(/[-_]/);
  if (language === "en") return "en";
  if (language === "id" || language === "in") return "id";
  if (language === "zh") return "zh-CN";
  return null;
}

/** Accept-Language entries best first (by q, then by order), with q=0 dropped. */
function acceptedTags(header: string): string[] {
  return header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      const weight = q === undefined ? 1 : Number(q);
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.tag !== "" && entry.tag !== "*" && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((entry) => entry.tag);
}

/** The locale for a request: the remembered choice, else the browser's best match, else English. */
export function negotiateLocale(cookieValue: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  for (const tag of acceptedTags(acceptLanguage ?? "")) {
    const locale = localeOfTag(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}
