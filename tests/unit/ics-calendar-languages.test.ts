import { describe, expect, it } from "vitest";
import { buildIcsCalendar, type CalendarEvent } from "../../server/scheduling/ics-calendar";
import { calendarTranslator } from "../../server/i18n/server-translator";
import { requestLocale } from "../../server/i18n/request-locale";

const event: CalendarEvent = {
  uid: "room123@rooms.example.org",
  title: "Kopi pagi · 早安咖啡",
  description: "",
  start: new Date("2026-12-01T18:30:00.000Z"),
  durationMinutes: 60,
  url: "https://rooms.example.org/rooms/room123",
  stamp: new Date("2026-11-23T09:05:07.123Z"),
};

const unfold = (text: string) => text.replace(/\r\n[ \t]/g, "");
const inLocale = (locale: "en" | "id" | "zh-CN") => {
  const t = calendarTranslator(locale);
  return buildIcsCalendar({ ...event, joinLine: (url) => t("join", { url }), language: locale });
};
/** Only a request's headers are read. */
const requestWith = (headers: Record<string, string>) => ({ headers });

describe("[I18N-ICS] the calendar file in the reader's language", () => {
  it("[I18N-ICS-1] Bahasa Indonesia: the join line is translated and marked LANGUAGE=id", () => {
    const lines = unfold(inLocale("id")).split("\r\n");
    expect(lines).toContain("DESCRIPTION;LANGUAGE=id:Gabung: https://rooms.example.org/rooms/room123");
    expect(lines).toContain("SUMMARY:Kopi pagi · 早安咖啡");
  });

  it("[I18N-ICS-2] Simplified Chinese: the join line is translated, and folding never splits a character", () => {
    const text = inLocale("zh-CN");
    expect(unfold(text).split("\r\n")).toContain(
      "DESCRIPTION;LANGUAGE=zh-CN:加入：https://rooms.example.org/rooms/room123",
    );
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    expect(Buffer.from(text, "utf8").toString("utf8")).toBe(text);
  });

  it("[I18N-ICS-3] English stays exactly as before (no LANGUAGE parameter)", () => {
    expect(unfold(inLocale("en")).split("\r\n")).toContain(
      "DESCRIPTION:Join: https://rooms.example.org/rooms/room123",
    );
    expect(unfold(buildIcsCalendar(event))).toContain("\r\nDESCRIPTION:Join: https://");
  });

  it("[I18N-ICS-4] the server reads the language like the pages: cookie first, then Accept-Language", () => {
    expect(
      requestLocale(requestWith({ cookie: "ar_session=x; NEXT_LOCALE=zh-CN", "accept-language": "id" })),
    ).toBe("zh-CN");
    expect(requestLocale(requestWith({ "accept-language": "fr-FR,id;q=0.8,en;q=0.5" }))).toBe("id");
    expect(requestLocale(requestWith({ cookie: "NEXT_LOCALE=xx" }))).toBe("en");
  });
});
