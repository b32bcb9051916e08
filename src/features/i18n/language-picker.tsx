"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useTransition } from "react";
import {
  LOCALE_COOKIE,
  LOCALE_COOKIE_MAX_AGE_SECONDS,
  LOCALE_NAMES,
  LOCALES,
  isLocale,
} from "@/i18n/locales";

/**
 * Chooses the UI language. The choice is a cookie (so signed-out listeners and guests keep it too),
 * and the page re-renders in place: nobody loses the room they are in.
 */
export function LanguagePicker({ compact = false }: { compact?: boolean }) {
  const t = useTranslations("common.languagePicker");
  const locale = useLocale();
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();

  const choose = (value: string) => {
    if (!isLocale(value)) return;
    document.cookie = `${LOCALE_COOKIE}=${value}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE_SECONDS}; samesite=lax`;
    startTransition(() => router.refresh());
  };

  return (
    <div className={compact ? "inline-flex items-center gap-2" : "flex flex-col gap-1"}>
      <label htmlFor={id} className={compact ? "sr-only" : "text-sm font-semibold text-ink"}>
        {t("label")}
      </label>
      <select
        id={id}
        value={locale}
        disabled={pending}
        onChange={(event) => choose(event.target.value)}
        data-testid="language-picker"
        className={
          compact
            ? "rounded-full bg-transparent px-2 py-1 text-xs text-stone-600 ring-1 ring-stone-300 hover:text-ink"
            : "w-full max-w-xs rounded-xl bg-white px-3 py-2 text-sm ring-1 ring-stone-300"
        }
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
      {!compact && <p className="text-xs text-stone-500">{t("hint")}</p>}
    </div>
  );
}
