/**
 * Formatting of a scheduled time for people, in the UI's language (next-intl's locale, passed in by
 * the caller) and the browser's time zone.
 */

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "in 2 hours", "tomorrow", "in 5 minutes"; "now" within a minute; past times "5 minutes ago". */
export function relativeTime(at: Date, now: number, locale?: string): string {
  const diff = at.getTime() - now;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  for (const [unit, ms] of UNITS) {
    // Round to the nearest unit once at least one whole unit away ("in 2 hours" for 1 h 50 min).
    if (Math.abs(diff) >= ms) return format.format(Math.round(diff / ms), unit);
  }
  return format.format(0, "minute");
}

/** "Tuesday, 1 December, 18:30" style, with the year only when it is not this year. */
export function longDateTime(at: Date, now: number, locale?: string): string {
  const sameYear = new Date(now).getFullYear() === at.getFullYear();
  return at.toLocaleString(locale, {
    weekday: "long",
    day: "numeric",
    month: "long",
    ...(sameYear ? {} : { year: "numeric" }),
    hour: "numeric",
    minute: "2-digit",
  });
}

/** A card's day: "Today", "Tue" within the week, "3 Dec" after (a weekday alone would be ambiguous). */
export function dayLabel(at: Date, now: number, locale?: string): string {
  const today = new Date(now);
  if (at.toDateString() === today.toDateString())
    return new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(0, "day");
  const withinWeek = at.getTime() - now < 6 * 86_400_000;
  return at.toLocaleDateString(
    locale,
    withinWeek ? { weekday: "short" } : { day: "numeric", month: "short" },
  );
}

/** The viewer's time zone, to say which clock a time is on ("Europe/Paris"). */
export function timeZoneName(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
