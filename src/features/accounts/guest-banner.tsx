"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";

/** Shown to someone listening without an account: they hear everything, and can sign up to speak. */
export function GuestBanner({ returnTo }: { returnTo?: string }) {
  const t = useTranslations("shell.guest");
  const next = returnTo ? `?next=${encodeURIComponent(returnTo)}` : "";
  return (
    <div
      role="status"
      className="flex flex-col gap-3 rounded-3xl bg-ink px-5 py-4 text-white sm:flex-row sm:items-center sm:justify-between"
    >
      <p className="text-sm">
        <span className="font-semibold">{t("title")}</span> <span className="text-white/75">{t("text")}</span>
      </p>
      <div className="flex shrink-0 gap-2">
        <Link
          href={`/signup${next}`}
          className="rounded-full bg-white px-4 py-2 text-sm font-semibold text-ink hover:bg-stone-100"
        >
          {t("signUp")}
        </Link>
        <Link
          href={`/signin${next}`}
          className="rounded-full px-4 py-2 text-sm font-medium text-white/85 ring-1 ring-white/30 hover:bg-white/10"
        >
          {t("signIn")}
        </Link>
      </div>
    </div>
  );
}
