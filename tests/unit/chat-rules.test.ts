import { describe, expect, it } from "vitest";
import { mentionedUsernames, parseChatText, safeHref, serverEvents } from "../../src/shared/protocol";
import { ChatFanout } from "../../server/chat/chat-fanout";
import type { RoomBroadcaster } from "../../server/rooms/room-ports";
import {
  ChatPace,
  chatReadOnlyReason,
  normalizeChatText,
  writeRefusal,
} from "../../server/domain/chat-rules";

describe("[CHAT-U1] slow mode and the per-person rate limit", () => {
  const pace = () => new ChatPace({ perWindow: 5, windowMs: 10_000 });

  it("[CHAT-U1a] slow mode refuses a second message within the seconds, saying how many are left", () => {
    const p = pace();
    expect(p.check("ana", 0, 30, false)).toBeNull();
    p.record("ana", 0);
    const refused = p.check("ana", 7_400, 30, false);
    expect(refused).toMatchObject({ code: "rate_limited", retryAfterMs: 22_600 });
    expect(refused?.message).toContain("write again in 23 seconds");
    expect(p.check("ana", 29_999, 30, false)?.message).toContain("in 1 second.");
    expect(p.check("ana", 30_000, 30, false)).toBeNull();
    // Someone else is not held back by Ana's message.
    expect(p.check("bo", 1_000, 30, false)).toBeNull();
  });

  it("[CHAT-U1b] hosts and moderators are exempt from slow mode, but not from the rate limit", () => {
    const p = pace();
    for (let i = 0; i < 5; i++) {
      expect(p.check("host", i * 100, 60, true)).toBeNull();
      p.record("host", i * 100);
    }
    expect(p.check("host", 500, 60, true)).toMatchObject({ code: "rate_limited", retryAfterMs: 9_500 });
    expect(p.check("host", 10_000, 60, true)).toBeNull();
  });

  it("[CHAT-U1c] the rate limit is a sliding window: the 6th message in 10 s waits for the oldest to age out", () => {
    const p = pace();
    for (const at of [0, 1_000, 2_000, 3_000, 4_000]) p.record("ana", at);
    expect(p.check("ana", 5_000, 0, false)?.message).toMatch(
      /at most 5 in 10 seconds\. Try again in 5 seconds/,
    );
    expect(p.check("ana", 10_000, 0, false)).toBeNull();
    expect(p.nextInMs("ana", 9_000, 0, false)).toBe(1_000);
  });

  it("[CHAT-U1d] prune forgets people who have been quiet past the longest slow mode", () => {
    const p = pace();
    p.record("ana", 0);
    p.record("bo", 50_000);
    p.prune(60_000, 60_000);
    expect(p.rememberedPeople).toBe(1);
    expect(p.check("ana", 60_000, 60, false)).toBeNull();
  });
});

describe("[CHAT-U2] who may write, and what a message may be", () => {
  const open = { enabled: true, guestsMayWrite: false };
  it("[CHAT-U2a] guests read (unless GUEST_CHAT), muted people read, a chat turned off stops all but moderators", () => {
    expect(chatReadOnlyReason({ isGuest: true, role: "listener", muted: false }, open)).toBe("guest");
    expect(
      chatReadOnlyReason(
        { isGuest: true, role: "listener", muted: false },
        { ...open, guestsMayWrite: true },
      ),
    ).toBeNull();
    expect(chatReadOnlyReason({ isGuest: false, role: "listener", muted: true }, open)).toBe("muted");
    const off = { ...open, enabled: false };
    expect(chatReadOnlyReason({ isGuest: false, role: "speaker", muted: false }, off)).toBe("disabled");
    expect(chatReadOnlyReason({ isGuest: false, role: "moderator", muted: false }, off)).toBeNull();
    expect(writeRefusal({ isGuest: false, role: "listener", muted: false }, open)).toBeNull();
    expect(writeRefusal({ isGuest: false, role: "listener", muted: true }, open)).toMatchObject({
      code: "forbidden",
    });
  });

  it("[CHAT-U2b] 500 characters counted as people count them; blank and control characters are not a message", () => {
    expect(normalizeChatText("  hi  ")).toEqual({ ok: true, text: "hi" });
    expect(normalizeChatText("a\u0000b\u202Ec")).toEqual({ ok: true, text: "abc" });
    expect(normalizeChatText("a\n\n\n\n\n\nb")).toEqual({ ok: true, text: "a\n\n\nb" });
    expect(normalizeChatText(" \u200B ")).toMatchObject({ ok: false, refusal: { code: "invalid_input" } });
    expect(normalizeChatText("🎵".repeat(500))).toMatchObject({ ok: true });
    const long = normalizeChatText("x".repeat(501));
    expect(long).toMatchObject({ ok: false, refusal: { code: "invalid_input" } });
    expect(long.ok ? "" : long.refusal.message).toContain("at most 500 characters (this one has 501)");
  });
});

describe("[CHAT-U3] links: only http(s) becomes a link", () => {
  it("[CHAT-U3a] http and https addresses are links; trailing punctuation stays text", () => {
    expect(parseChatText("see https://example.org/a?b=1, then http://x.io.")).toEqual([
      { kind: "text", text: "see " },
      { kind: "link", text: "https://example.org/a?b=1", href: "https://example.org/a?b=1" },
      { kind: "text", text: ", then " },
      { kind: "link", text: "http://x.io", href: "http://x.io/" },
      { kind: "text", text: "." },
    ]);
  });

  it("[CHAT-U3b] javascript:, data:, other schemes, credentials and markup never become links", () => {
    for (const text of [
      "javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox",
      "ftp://example.org/file",
      "<a href=x>hi</a>",
      "JaVaScRiPt:alert(1)",
    ])
      expect(parseChatText(text).every((segment) => segment.kind === "text")).toBe(true);
    expect(safeHref("https://user:pw@example.org/")).toBeNull();
    expect(safeHref("https://")).toBeNull();
    expect(parseChatText('https://example.org/"onmouseover="x')[0]).toEqual({
      kind: "link",
      text: "https://example.org/",
      href: "https://example.org/",
    });
  });

  it("[CHAT-U3c] the text of every segment put together is the message, unchanged", () => {
    const text = "a https://b.c/d) @someone e@mail.com javascript:x 🙂";
    expect(
      parseChatText(text)
        .map((segment) => segment.text)
        .join(""),
    ).toBe(text);
  });
});

describe("[CHAT-U4] mentions", () => {
  it("[CHAT-U4a] @username (3-20 of a-z 0-9 _) anywhere but inside a word or an e-mail address", () => {
    expect(mentionedUsernames("hi @Ana_B and @bo, also @ana_b and mail@example.com or @x")).toEqual([
      "ana_b",
    ]);
    expect(mentionedUsernames("(@cyd) @dee! @e_f_g")).toEqual(["cyd", "dee", "e_f_g"]);
    expect(mentionedUsernames("@toolongusername_abcdefgh")).toEqual([]);
    expect(parseChatText("ping @cyd now")).toEqual([
      { kind: "text", text: "ping " },
      { kind: "mention", text: "@cyd", username: "cyd" },
      { kind: "text", text: " now" },
    ]);
  });

  it("[CHAT-U4b] at most `max` distinct people per message", () => {
    const text = Array.from({ length: 12 }, (_, i) => `@user${i}`).join(" ");
    expect(mentionedUsernames(text, 5)).toEqual(["user0", "user1", "user2", "user3", "user4"]);
  });
});

describe("[CHAT-U5] fan-out windows", () => {
  function fakeScheduler() {
    const tasks: { at: number; task: () => void; cancelled: boolean }[] = [];
    let now = 0;
    return {
      now: () => now,
      after(ms: number, task: () => void) {
        const entry = { at: now + ms, task, cancelled: false };
        tasks.push(entry);
        return { cancel: () => void (entry.cancelled = true) };
      },
      advance(ms: number) {
        now += ms;
        for (const entry of tasks.splice(0))
          if (entry.cancelled || entry.at > now) tasks.push(entry);
          else entry.task();
      },
    };
  }
  const message = (id: string) => ({
    id,
    authorId: "a",
    authorName: "A",
    authorUsername: null,
    avatarUrl: null,
    text: id,
    sentAt: new Date(0).toISOString(),
  });

  it("[CHAT-U5a] a window's messages go out as ONE event; a message deleted inside its window is never sent", () => {
    const sent: { event: string; ids: string[] }[] = [];
    const scheduler = fakeScheduler();
    const broadcaster: Pick<RoomBroadcaster, "toRoom"> = {
      toRoom(_roomId, event, payload) {
        const parsed = serverEvents["chat:messages"].safeParse(payload);
        if (parsed.success) sent.push({ event, ids: parsed.data.messages.map((m) => m.id) });
      },
    };
    const fanout = new ChatFanout("room1", broadcaster, scheduler, 100);
    fanout.push(message("m1"));
    fanout.push(message("m2"));
    fanout.push(message("m3"));
    expect(fanout.drop("m2")).toBe(true);
    scheduler.advance(99);
    expect(sent).toEqual([]);
    scheduler.advance(1);
    expect(sent).toEqual([{ event: "chat:messages", ids: ["m1", "m3"] }]);
    scheduler.advance(1000);
    expect(sent).toHaveLength(1);
    fanout.push(message("m4"));
    fanout.close();
    expect(sent.at(-1)?.ids).toEqual(["m4"]);
  });
});
