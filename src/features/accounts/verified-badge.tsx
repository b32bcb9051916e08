"use client";
import { useTranslations } from "next-intl";

/** "Real name verified" (set by an admin). */
export function VerifiedBadge() {
  const t = useTranslations("accounts");
  return (
    <span
      title={t("verifiedBadge")}
      aria-label={t("verifiedBadge")}
      className="inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full bg-accent text-[11px] text-white"
    >
      ✓
    </span>
  );
}
