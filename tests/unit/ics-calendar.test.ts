import { describe, expect, it } from "vitest";
import {
  buildIcsCalendar,
  escapeIcsText,
  foldIcsLine,
  formatIcsDateTime,
  type CalendarEvent,
} from "../../server/scheduling/ics-calendar";

const event: CalendarEvent = {
  uid: "room123@rooms.example.org",
  title: "Web audio, WebRTC; and \\ friends",
  description: "Line one\nLine two, with a comma",
  start: new Date("2026-12-01T18:30:00.000Z"),
  durationMinutes: 60,
  url: "https://rooms.example.org/rooms/room123",
  stamp: new Date("2026-11-23T09:05:07.123Z"),
};

/** Unfolds per RFC 5545 §3.1: a CRLF followed by one space or tab is removed. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, "");

describe("[SCHED-ICS] calendar file", () => {
  it("[SCHED-ICS-1] dates are UTC in basic format", () => {
    expect(formatIcsDateTime(new Date("2026-12-01T18:30:00.000Z"))).toBe("20261201T183000Z");
  });

  it("[SCHED-ICS-2] TEXT escapes backslash, semicolon, comma and every kind of line break", () => {
    expect(escapeIcsText("a\\b;c,d\ne\r\nf\rg")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng");
  });

  it("[SCHED-ICS-3] one event with UID, DTSTAMP, DTSTART, a one-hour DURATION, SUMMARY, DESCRIPTION and URL", () => {
    const lines = unfold(buildIcsCalendar(event)).split("\r\n");
    expect(lines.slice(0, 2)).toEqual(["BEGIN:VCALENDAR", "VERSION:2.0"]);
    expect(lines).toContain("BEGIN:VEVENT");
    expect(lines).toContain("UID:room123@rooms.example.org");
    expect(lines).toContain("DTSTAMP:20261123T090507Z");
    expect(lines).toContain("DTSTART:20261201T183000Z");
    expect(lines).toContain("DURATION:PT1H");
    expect(lines).toContain("SUMMARY:Web audio\\, WebRTC\\; and \\\\ friends");
    expect(lines).toContain(
      "DESCRIPTION:Line one\\nLine two\\, with a comma\\n\\nJoin: https://rooms.example.org/rooms/room123",
    );
    expect(lines).toContain("URL:https://rooms.example.org/rooms/room123");
    expect(lines).toContain("STATUS:CONFIRMED");
    expect(lines.at(-2)).toBe("END:VCALENDAR");
    expect(lines.at(-1)).toBe(""); // the file ends with CRLF
  });

  it("[SCHED-ICS-4] every line ends with CRLF, never a bare LF", () => {
    const text = buildIcsCalendar(event);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("[SCHED-ICS-5] long lines fold at 75 octets, continuation lines start with a space, and unfold to the original", () => {
    const title = "A very long title ".repeat(12);
    const text = buildIcsCalendar({ ...event, title });
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    const folded = text.split("\r\n").filter((line) => line.startsWith(" "));
    expect(folded.length).toBeGreaterThan(2);
    expect(unfold(text)).toContain(`SUMMARY:${title}`);
  });

  it("[SCHED-ICS-6] folding never splits a multi-byte character", () => {
    const line = `SUMMARY:${"🎙️ Café ".repeat(20)}`;
    const folded = foldIcsLine(line);
    for (const part of folded.split("\r\n")) {
      expect(Buffer.byteLength(part, "utf8")).toBeLessThanOrEqual(75);
      expect(Buffer.from(part, "utf8").toString("utf8")).toBe(part); // valid UTF-8 on its own
      expect(part).not.toContain("\uFFFD");
    }
    expect(folded.replace(/\r\n /g, "")).toBe(line);
  });

  it("[SCHED-ICS-7] a short line is left alone; other durations and cancelled rooms", () => {
    expect(foldIcsLine("SUMMARY:short")).toBe("SUMMARY:short");
    const text = unfold(buildIcsCalendar({ ...event, durationMinutes: 90, cancelled: true }));
    expect(text).toContain("\r\nDURATION:PT1H30M\r\n");
    expect(text).toContain("\r\nSTATUS:CANCELLED\r\n");
  });
});
