import {
  CHAT_PAGE_SIZE,
  type ChatJoin,
  type ChatMessage,
  type ChatSettings,
  type ChatSlowMode,
} from "../../src/shared/protocol";
import { moderatesChat, normalizeChatText, chatReadOnlyReason, writeRefusal } from "../domain/chat-rules";
import type { Actor } from "../domain/room-state";
import type { Logger } from "../logging/logger";
import type { AuditLog } from "../moderation/audit-ports";
import type { TextScreening } from "../moderation/text-screening";
import type { Notifier } from "../notifications/notification-ports";
import { RoomError, realScheduler, type RoomBroadcaster, type Scheduler } from "../rooms/room-ports";
import { ChatModeration, publicSettings } from "./chat-moderation";
import { notifyMentions } from "./chat-mentions";
import type { ChatRoom, ChatStore } from "./chat-ports";
import { LiveChats, RECENT_KEPT, type LiveChat } from "./live-chats";

export type ChatServiceDeps = {
  store: ChatStore;
  broadcaster: Pick<RoomBroadcaster, "toRoom" | "toUser">;
  screening: Pick<TextScreening, "screen" | "fileFlags">;
  notifier: Notifier;
  audit: AuditLog;
  logger: Logger;
  scheduler?: Scheduler;
  /** Per-person rate limit: messages within any window (server/config/limits.ts). */
  rate: { perWindow: number; windowMs: number };
  /** GUEST_CHAT: guests may write too (they always read). */
  guestsMayWrite: boolean;
  /** Gathering window of the fan-out (0: each message on its own). */
  fanoutWindowMs: number;
};

const LONGEST_SLOW_MODE_MS = 60_000;

/**
 * The rooms' chat backchannel: writing (rules, pace, word filters, mentions), history pages, and
 * the host's and moderators' tools (delete, mute, chat off, slow mode), each audited. It runs
 * beside the room service, not inside its command queue: a message changes no room state, so a
 * busy chat never delays a stage change. It asks the room only who is present and in what role.
 */
export class ChatService {
  private readonly scheduler: Scheduler;
  private readonly chats: LiveChats;
  private readonly moderation: ChatModeration;

  constructor(private readonly deps: ChatServiceDeps) {
    this.scheduler = deps.scheduler ?? realScheduler;
    const { store, broadcaster, audit, rate, fanoutWindowMs } = deps;
    this.chats = new LiveChats({ store, broadcaster, scheduler: this.scheduler, rate, fanoutWindowMs });
    this.moderation = new ChatModeration({
      store,
      broadcaster,
      audit,
      scheduler: this.scheduler,
      chats: this.chats,
    });
  }

  /** Host and moderator tools (chat-moderation.ts). */
  delete(actor: Actor, sessionId: string, room: ChatRoom, messageId: string): Promise<void> {
    return this.moderation.delete(actor, sessionId, room, messageId);
  }
  mute(actor: Actor, sessionId: string, room: ChatRoom, userId: string, muted: boolean): Promise<string[]> {
    return this.moderation.mute(actor, sessionId, room, userId, muted);
  }
  setSettings(
    actor: Actor,
    sessionId: string,
    room: ChatRoom,
    change: { enabled?: boolean | undefined; slowModeSeconds?: ChatSlowMode | undefined },
  ): Promise<ChatSettings> {
    return this.moderation.setSettings(actor, sessionId, room, change);
  }

  /** Sends what is waiting and forgets every room (server shutdown). */
  close(): Promise<void> {
    return this.chats.close();
  }

  /** What a join brings (the room:join answer's `chat`): newest messages, rules, your standing. */
  async joined(actor: Actor, room: ChatRoom): Promise<ChatJoin> {
    const chat = await this.chats.of(room);
    const hidden = actor.isGuest ? [] : await this.deps.store.blockedIdsOf(actor.userId);
    // Nobody to hide (every guest, most members): the newest page comes from memory.
    const page =
      hidden.length === 0
        ? {
            messages: chat.recent.slice(-CHAT_PAGE_SIZE),
            hasMore: chat.olderExist || chat.recent.length > CHAT_PAGE_SIZE,
          }
        : await this.deps.store.page(room.roomId, { limit: CHAT_PAGE_SIZE, excludeAuthorIds: hidden });
    const role = room.memberRole(actor.userId);
    const readOnlyReason = chatReadOnlyReason(
      { isGuest: actor.isGuest, role, muted: chat.muted.has(actor.userId) },
      { enabled: chat.settings.enabled, guestsMayWrite: this.deps.guestsMayWrite },
    );
    return {
      messages: page?.messages ?? [],
      hasMore: page?.hasMore ?? false,
      settings: publicSettings(chat.settings),
      canWrite: readOnlyReason === null,
      readOnlyReason,
      mutedUserIds: moderatesChat(role) ? [...chat.muted] : [],
      hiddenAuthorIds: hidden,
    };
  }

  async send(
    actor: Actor,
    sessionId: string,
    room: ChatRoom,
    raw: string,
  ): Promise<{ message: ChatMessage; nextInMs: number }> {
    room.assertPresent(actor, sessionId);
    const chat = await this.chats.of(room);
    const role = room.memberRole(actor.userId);
    const refused = writeRefusal(
      { isGuest: actor.isGuest, role, muted: chat.muted.has(actor.userId) },
      { enabled: chat.settings.enabled, guestsMayWrite: this.deps.guestsMayWrite },
    );
    if (refused) throw new RoomError(refused.code, refused.message);
    const normalized = normalizeChatText(raw);
    if (!normalized.ok) throw new RoomError(normalized.refusal.code, normalized.refusal.message);
    const { text } = normalized;
    const exempt = moderatesChat(role);
    const now = this.scheduler.now();
    const tooSoon = chat.pace.check(actor.userId, now, chat.settings.slowModeSeconds, exempt);
    if (tooSoon) throw new RoomError(tooSoon.code, tooSoon.message);
    const screened = this.deps.screening.screen({ chat: text });
    if (!screened.ok) throw new RoomError(screened.error.code, screened.error.message);
    // Counted before the write: two messages sent at once cannot both slip through slow mode.
    chat.pace.record(actor.userId, now);
    chat.pace.prune(now, LONGEST_SLOW_MODE_MS);
    const profile = await this.profileOf(chat, actor);
    const message = await this.deps.store.append({
      roomId: room.roomId,
      authorId: actor.userId,
      authorName: actor.displayName,
      authorUsername: profile.username,
      avatarUrl: profile.avatarUrl,
      text,
      at: new Date(now),
    });
    chat.fanout.push(message);
    chat.recent.push(message);
    if (chat.recent.length > RECENT_KEPT) {
      chat.recent.splice(0, chat.recent.length - RECENT_KEPT);
      chat.olderExist = true;
    }
    if (screened.flagged.length > 0)
      void this.deps.screening.fileFlags(screened.flagged, {
        roomId: room.roomId,
        targetUserId: actor.userId,
      });
    void notifyMentions(this.deps, room, actor, text);
    return {
      message,
      nextInMs: chat.pace.nextInMs(actor.userId, now, chat.settings.slowModeSeconds, exempt),
    };
  }

  /** Older messages for someone in the room, without the authors they blocked. */
  async history(
    actor: Actor,
    sessionId: string,
    room: ChatRoom,
    before: string,
  ): Promise<{ messages: ChatMessage[]; hasMore: boolean }> {
    room.assertPresent(actor, sessionId);
    const hidden = actor.isGuest ? [] : await this.deps.store.blockedIdsOf(actor.userId);
    const page = await this.deps.store.page(room.roomId, {
      beforeId: before,
      limit: CHAT_PAGE_SIZE,
      excludeAuthorIds: hidden,
    });
    if (!page) throw new RoomError("not_found", "That message is not in this room's chat.");
    return page;
  }

  private async profileOf(chat: LiveChat, actor: Actor) {
    const known = chat.profiles.get(actor.userId);
    if (known) return known;
    const profile = actor.isGuest
      ? { username: null, avatarUrl: null }
      : ((await this.deps.store.profileOf(actor.userId)) ?? {
          username: null,
          avatarUrl: actor.avatarUrl ?? null,
        });
    chat.profiles.set(actor.userId, profile);
    return profile;
  }
}
