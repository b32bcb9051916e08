import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { catalogs } from "@/i18n/catalogs";
import { LOCALES } from "@/i18n/locales";
import { CommandError } from "@/lib/socket-request";
import {
  accountSanctioned,
  joinFailure,
  refusalOf,
  removedFromRoom,
  type RoomProblemKey,
} from "@/features/room/room-problems";

describe("[I18N-ROOM-3] the room keeps problems as keys and codes, not English sentences", () => {
  it("a refused join keeps the server's code and sentence (English readers see the sentence)", () => {
    const full = new CommandError({ code: "room_full", message: "This room is full (10 of 10)." });
    expect(joinFailure(full)).toEqual({
      phase: "full",
      problem: { kind: "refusal", error: { code: "room_full", message: "This room is full (10 of 10)." } },
    });
    expect(joinFailure(new CommandError({ code: "unavailable", message: "Restarting." })).phase).toBe(
      "reconnecting",
    );
    expect(joinFailure(new CommandError({ code: "invalid_state", message: "Over." })).phase).toBe("ended");
    // Anything that is not a refusal reads as `internal`, which every catalog translates.
    expect(refusalOf(new Error("socket hang up"))).toEqual({
      kind: "refusal",
      error: { code: "internal", message: "socket hang up" },
    });
  });

  it("removal and sanctions are data: who blocked, until when, the moderators' words", () => {
    expect(removedFromRoom("none").problem).toEqual({ kind: "room", key: "removed" });
    expect(removedFromRoom("host-rooms").problem).toEqual({ kind: "room", key: "removedBlocked" });
    expect(
      accountSanctioned({ kind: "suspended", reason: "spam", until: "2026-12-05T10:00:00.000Z" }).problem,
    ).toEqual({ kind: "sanctioned", banned: false, reason: "spam", until: "2026-12-05T10:00:00.000Z" });
  });

  const keys: RoomProblemKey[] = [
    "removed",
    "removedBlocked",
    "replaced",
    "signInToJoin",
    "offline",
    "micSendFailed",
    "receiveFailed",
  ];
  it.each(LOCALES)("every room problem has a sentence in %s", (locale) => {
    const t = createTranslator({ locale, messages: catalogs[locale], namespace: "room.problems" });
    const sentences = keys.map((key) => t(key));
    expect(new Set(sentences).size).toBe(keys.length);
    if (locale === "en") expect(t("removed")).toBe("A moderator removed you from this room.");
    if (locale === "id") expect(t("removed")).toBe("Moderator mengeluarkan Anda dari ruang ini.");
    if (locale === "zh-CN") expect(t("removed")).toBe("管理员已将你移出这个房间。");
  });
});
