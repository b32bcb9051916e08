/**
 * A one-event iCalendar file (RFC 5545) for "Add to calendar". Pure: the caller passes the clock
 * (DTSTAMP) and the room's URL.
 */
export type CalendarEvent = {
  /** Globally unique and stable for the room, so re-importing updates instead of duplicating. */
  uid: string;
  title: string;
  description: string;
  start: Date;
  durationMinutes: number;
  /** The room's page: where people go at start time. */
  url: string;
  /** When this file was made (DTSTAMP). */
  stamp: Date;
  /** Cancelled rooms are still downloadable, marked so calendars strike them out. */
  cancelled?: boolean;
  /** The "Join: <url>" line in the reader's language; English when absent. */
  joinLine?: (url: string) => string;
  /** The reader's language tag (RFC 5646), stamped on the text so calendars and screen readers know it. */
  language?: string;
};

const CRLF = "\r\n";
/** RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
const MAX_LINE_OCTETS = 75;

/** UTC "form #2" date-time: 19980119T070000Z. */
export function formatIcsDateTime(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** TEXT values (§3.3.11): backslash, semicolon and comma are escaped; any line break becomes \n. */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * Folds one content line (§3.1): after at most 75 octets, a CRLF and one space, which counts in the
 * next line's 75. Splits between characters, never inside a UTF-8 sequence (a split emoji would
 * be garbage in the calendar).
 */
export function foldIcsLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, "utf8");
    const limit = parts.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

function durationOf(minutes: number): string {
  const whole = Math.max(1, Math.round(minutes));
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  return `PT${hours > 0 ? `${hours}H` : ""}${rest > 0 ? `${rest}M` : ""}`;
}

/** The whole file, CRLF line endings and a final CRLF, ready to serve as text/calendar. */
export function buildIcsCalendar(event: CalendarEvent): string {
  const join = (event.joinLine ?? ((url: string) => `Join: ${url}`))(event.url);
  const description = event.description.trim() === "" ? join : `${event.description}\n\n${join}`;
  // LANGUAGE (§3.2.10) names the language of the text we wrote (the join line); English needs no mark.
  const language = event.language && event.language !== "en" ? `;LANGUAGE=${event.language}` : "";
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Audio Rooms//Scheduled rooms//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${escapeIcsText(event.uid)}`,
    `DTSTAMP:${formatIcsDateTime(event.stamp)}`,
    `DTSTART:${formatIcsDateTime(event.start)}`,
    `DURATION:${durationOf(event.durationMinutes)}`,
    `SUMMARY:${escapeIcsText(event.title)}`,
    `DESCRIPTION${language}:${escapeIcsText(description)}`,
    // URI values are not TEXT: commas and semicolons stay as they are (RFC 5545 §3.3.13).
    `URL:${event.url}`,
    `LOCATION:${escapeIcsText(event.url)}`,
    `STATUS:${event.cancelled ? "CANCELLED" : "CONFIRMED"}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldIcsLine).join(CRLF) + CRLF;
}
