import { CHAT_MAX_LENGTH, type Role } from "../../src/shared/protocol";

/**
 * The chat's rules, pure: who may write, what a message may be, and how fast one person may send.
 * The clock is passed in; the chat service (server/chat) keeps one `ChatPace` per live room.
 */

export type ChatRefusal = {
  code: "forbidden" | "rate_limited" | "invalid_input";
  message: string;
  /** For rate_limited: how long until this person may send again. */
  retryAfterMs?: number;
};

export type ChatWriter = { isGuest: boolean; role: Role | undefined; muted: boolean };
export type ChatRoomRules = { enabled: boolean; guestsMayWrite: boolean };

/** Hosts and moderators run the room's chat: slow mode does not hold them back, and they moderate. */
export function moderatesChat(role: Role | undefined): boolean {
  return role === "host" || role === "moderator";
}

/** Why this person may not write now (guests read, muted people read, a chat turned off), or null. */
export function chatReadOnlyReason(
  writer: ChatWriter,
  rules: ChatRoomRules,
): "guest" | "muted" | "disabled" | null {
  if (writer.isGuest && !rules.guestsMayWrite) return "guest";
  if (!rules.enabled && !moderatesChat(writer.role)) return "disabled";
  if (writer.muted) return "muted";
  return null;
}

const READ_ONLY_MESSAGES = {
  guest: "Sign in to write in the chat; guests can read it.",
  muted: "A moderator muted your chat in this room.",
  disabled: "The host turned the chat off.",
} as const;

export function writeRefusal(writer: ChatWriter, rules: ChatRoomRules): ChatRefusal | null {
  const reason = chatReadOnlyReason(writer, rules);
  return reason ? { code: "forbidden", message: READ_ONLY_MESSAGES[reason] } : null;
}

/**
 * The text as stored: trimmed, control characters other than line breaks removed, at most three
 * line breaks in a row. Counted in code points, so an emoji is one character, as people count.
 */
export function normalizeChatText(
  raw: string,
): { ok: true; text: string } | { ok: false; refusal: ChatRefusal } {
  const text = raw
    .normalize("NFC")
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0009\u000B-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/gu, "")
    .replace(/\n{4,}/gu, "\n\n\n")
    .trim();
  if (text.length === 0)
    return { ok: false, refusal: { code: "invalid_input", message: "Write something first." } };
  const length = Array.from(text).length;
  if (length > CHAT_MAX_LENGTH)
    return {
      ok: false,
      refusal: {
        code: "invalid_input",
        message: `A message has at most ${CHAT_MAX_LENGTH} characters (this one has ${length}).`,
      },
    };
  return { ok: true, text };
}

export type ChatPaceOptions = {
  /** Messages one person may send within any `windowMs` (the per-person rate limit). */
  perWindow: number;
  windowMs: number;
};

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
const plural = (n: number) => `${n} second${n === 1 ? "" : "s"}`;

/**
 * How fast each person writes in one room: the per-person rate limit (everyone) and slow mode
 * (everyone but hosts and moderators). `check` decides; `record` counts a message that was sent.
 */
export class ChatPace {
  /** Per person, the times of their recent messages (within the window), oldest first. */
  private readonly sent = new Map<string, number[]>();
  /** Per person, when they last sent (slow mode looks back further than the rate window). */
  private readonly lastAt = new Map<string, number>();

  constructor(private readonly options: ChatPaceOptions) {}

  check(userId: string, now: number, slowModeSeconds: number, exempt: boolean): ChatRefusal | null {
    const last = this.lastAt.get(userId);
    if (!exempt && slowModeSeconds > 0 && last !== undefined) {
      const waitMs = last + slowModeSeconds * 1000 - now;
      if (waitMs > 0) {
        const left = seconds(waitMs);
        return {
          code: "rate_limited",
          message: `Slow mode is on (one message every ${plural(slowModeSeconds)}): you can write again in ${plural(left)}.`,
          retryAfterMs: waitMs,
        };
      }
    }
    const times = this.recent(userId, now);
    const oldest = times[0];
    if (times.length >= this.options.perWindow && oldest !== undefined) {
      const waitMs = Math.max(1, oldest + this.options.windowMs - now);
      return {
        code: "rate_limited",
        message: `That is a lot of messages: at most ${this.options.perWindow} in ${plural(seconds(this.options.windowMs))}. Try again in ${plural(seconds(waitMs))}.`,
        retryAfterMs: waitMs,
      };
    }
    return null;
  }

  record(userId: string, now: number): void {
    const times = this.recent(userId, now);
    times.push(now);
    this.sent.set(userId, times.slice(-this.options.perWindow));
    this.lastAt.set(userId, now);
  }

  /** How long until this person may send again (0: now), for the answer to a message sent. */
  nextInMs(userId: string, now: number, slowModeSeconds: number, exempt: boolean): number {
    return this.check(userId, now, slowModeSeconds, exempt)?.retryAfterMs ?? 0;
  }

  /**
   * Forgets people who last wrote more than `horizonMs` ago (at least the rate window; the caller
   * passes the longest slow mode), so a room of thousands keeps no history it no longer needs.
   */
  prune(now: number, horizonMs: number): void {
    const horizon = Math.max(horizonMs, this.options.windowMs);
    for (const [userId, at] of this.lastAt) {
      if (now - at < horizon) continue;
      this.lastAt.delete(userId);
      this.sent.delete(userId);
    }
  }

  get rememberedPeople(): number {
    return this.lastAt.size;
  }

  private recent(userId: string, now: number): number[] {
    return (this.sent.get(userId) ?? []).filter((at) => now - at < this.options.windowMs);
  }
}
