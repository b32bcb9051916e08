"use client";
import { useFormatter, useTranslations } from "next-intl";

/**
 * Dates and standings as staff read them in the console, in their language: dates short and
 * local, with the time (next-intl's formatter, so the locale and time zone are the app's).
 */
export function useAdminFormat() {
  const format = useFormatter();
  const t = useTranslations("admin");
  const when = (iso: string | null): string =>
    iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }) : t("common.empty");
  /** A person's standing in a few words (`short`: without the date), and its badge colour. */
  const standingLabel = (standing: {
    suspendedUntil: string | null;
    bannedAt: string | null;
  }): { text: string; short: string; tone: string } | null => {
    if (standing.bannedAt)
      return { text: t("standing.banned"), short: t("standing.banned"), tone: "bg-red-100 text-red-800" };
    if (standing.suspendedUntil && Date.parse(standing.suspendedUntil) > Date.now())
      return {
        text: t("standing.suspendedUntil", { until: when(standing.suspendedUntil) }),
        short: t("standing.suspended"),
        tone: "bg-amber-100 text-amber-900",
      };
    return null;
  };
  return { when, standingLabel };
}

/**
 * Narrows a code the API types loosely (a plain string) to one the catalog has a label for;
 * an unknown code (a newer server) is then shown as it is rather than hidden.
 */
export function oneOf<T extends string>(codes: readonly T[], value: string): value is T {
  return (codes as readonly string[]).includes(value);
}

export const CARD = "rounded-3xl bg-white p-5 shadow-sm";
export const INPUT =
  "w-full rounded-2xl border border-stone-300 bg-white px-3.5 py-2.5 text-sm focus:border-ink focus:outline-none";
export const BUTTON = "rounded-full bg-ink px-4 py-2 text-sm font-semibold text-white disabled:opacity-50";
export const QUIET_BUTTON =
  "rounded-full bg-stone-100 px-4 py-2 text-sm font-semibold text-stone-800 hover:bg-stone-200 disabled:opacity-50";
