/** Dates as staff read them in the console: short, local, with the time. */
export function when(iso: string | null): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** A person's standing in a few words, and the badge colour that goes with it. */
export function standingLabel(standing: {
  suspendedUntil: string | null;
  bannedAt: string | null;
}): { text: string; tone: string } | null {
  if (standing.bannedAt) return { text: "Banned", tone: "bg-red-100 text-red-800" };
  if (standing.suspendedUntil && Date.parse(standing.suspendedUntil) > Date.now())
    return { text: `Suspended until ${when(standing.suspendedUntil)}`, tone: "bg-amber-100 text-amber-900" };
  return null;
}

export const CARD = "rounded-3xl bg-white p-5 shadow-sm";
export const INPUT =
  "w-full rounded-2xl border border-stone-300 bg-white px-3.5 py-2.5 text-sm focus:border-ink focus:outline-none";
export const BUTTON = "rounded-full bg-ink px-4 py-2 text-sm font-semibold text-white disabled:opacity-50";
export const QUIET_BUTTON =
  "rounded-full bg-stone-100 px-4 py-2 text-sm font-semibold text-stone-800 hover:bg-stone-200 disabled:opacity-50";
