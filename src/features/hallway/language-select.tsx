"use client";
import { useLocale } from "next-intl";
import { useCallback, useState } from "react";

/** Languages offered first; any other two-letter code the browser prefers is added to the list. */
const COMMON = [
  "en",
  "es",
  "fr",
  "de",
  "pt",
  "it",
  "nl",
  "pl",
  "tr",
  "ru",
  "uk",
  "ar",
  "hi",
  "ja",
  "ko",
  "zh",
];

/** A spoken language's name in the reader's UI language ("Inggris", "英语"). */
export function useLanguageName(): (code: string) => string {
  const locale = useLocale();
  return useCallback(
    (code: string) => {
      try {
        return new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code.toUpperCase();
      } catch {
        return code.toUpperCase();
      }
    },
    [locale],
  );
}

/** The two-letter code of the browser's first language, or English. */
export function preferredLanguage(): string {
  const code =
    typeof navigator === "undefined" ? "en" : (navigator.language.split("-")[0] ?? "en").toLowerCase();
  return /^[a-z]{2}$/.test(code) ? code : "en";
}

/** A room's spoken language, so the hallway can filter by it. */
export function LanguageSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (code: string) => void;
}) {
  const languageName = useLanguageName();
  const [options] = useState(() => (COMMON.includes(value) ? COMMON : [value, ...COMMON]));
  return (
    <select
      id={id}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      className="w-full rounded-2xl border border-stone-300 bg-stone-50 px-4 py-3 outline-none focus:border-accent focus:ring-2 focus:ring-accent/30 sm:w-auto"
    >
      {options.map((code) => (
        <option key={code} value={code}>
          {languageName(code)}
        </option>
      ))}
    </select>
  );
}
