import {
  CHAT_PAGE_SIZE,
  type ChatJoin,
  type ChatMessage,
  type ChatSettings,
  type ChatSlowMode,
} from "../../src/shared/protocol";
import {
  ChatPace,
  moderatesChat,
  normalizeChatText,
  chatReadOnlyReason,
  writeRefusal,
} from "../domain/chat-rules";
import type { Actor } from "../domain/room-state";
import type { Logger } from "../logging/logger";
import type { AuditLog } from "../moderation/audit-ports";
import type { TextScreening } from "../moderation/text-screening";
import type { Notifier } from "../notifications/notification-ports";
import { RoomError, realScheduler, type RoomBroadcaster, type Scheduler } from "../rooms/room-ports";
import { ChatFanout } from "./chat-fanout";
import { notifyMentions } from "./chat-mentions";
import type { ChatRoom, ChatStore, StoredChatSettings } from "./chat-ports";

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

/** One live room's chat in memory: its rules and mutes (loaded once), pace, fan-out, authors' handles. */
type LiveChat = {
  settings: StoredChatSettings;
  muted: Set<string>;
  pace: ChatPace;
  fanout: ChatFanout;
  profiles: Map<string, { username: string | null; avatarUrl: string | null }>;
  /**
   * The room's newest messages (at most RECENT_KEPT), oldest first, so a join storm of thousands
   * reads them from memory, not the database; `olderExist`: the database has older ones.
   */
  recent: ChatMessage[];
  olderExist: boolean;
};

const RECENT_KEPT = CHAT_PAGE_SIZE * 2;

const LONGEST_SLOW_MODE_MS = 60_000;

/**
 * The rooms' chat backchannel: writing (rules, pace, word filters, mentions), history pages, and
 * the host's and moderators' tools (delete, mute, chat off, slow mode), each audited. It runs
 * beside the room service, not inside its command queue: a message changes no room state, so a
 * busy chat never delays a stage change. It asks the room only who is present and in what role.
 */
export class ChatService {
  private readonly live = new Map<string, Promise<LiveChat>>();
  private readonly scheduler: Scheduler;

  constructor(private readonly deps: ChatServiceDeps) {
    this.scheduler = deps.scheduler ?? realScheduler;
  }

  /** What a join brings (the room:join answer's `chat`): newest messages, rules, your standing. */
  async joined(actor: Actor, room: ChatRoom): Promise<ChatJoin> {
    const chat = await this.chatOf(room);
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
    const chat = await this.chatOf(room);
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

  /** A host or moderator deletes a message: gone for everyone, kept in the audit log. */
  async delete(actor: Actor, sessionId: string, room: ChatRoom, messageId: string): Promise<void> {
    this.assertModerator(actor, sessionId, room);
    const chat = await this.chatOf(room);
    const deleted = await this.deps.store.markDeleted(
      room.roomId,
      messageId,
      actor.userId,
      new Date(this.scheduler.now()),
    );
    if (!deleted) throw new RoomError("not_found", "That message is not in this room's chat any more.");
    chat.fanout.drop(messageId);
    chat.recent = chat.recent.filter((message) => message.id !== messageId);
    this.deps.broadcaster.toRoom(room.roomId, "chat:deleted", { messageIds: [messageId] });
    void this.deps.audit.record({
      action: "chat.delete",
      actorId: actor.userId,
      targetUserId: deleted.authorId.startsWith("guest-") ? null : deleted.authorId,
      roomId: room.roomId,
      details: { messageId, text: deleted.text },
    });
  }

  /** A host or moderator (un)mutes someone's chat in this room; the host's and moderators' stay. */
  async mute(
    actor: Actor,
    sessionId: string,
    room: ChatRoom,
    userId: string,
    muted: boolean,
  ): Promise<string[]> {
    this.assertModerator(actor, sessionId, room);
    if (userId === actor.userId) throw new RoomError("invalid_input", "You cannot mute your own chat.");
    const targetRole = room.memberRole(userId);
    if (userId === room.hostId || (targetRole === "moderator" && room.memberRole(actor.userId) !== "host"))
      throw new RoomError("forbidden", "Only the host can mute a moderator, and nobody mutes the host.");
    const chat = await this.chatOf(room);
    if (chat.muted.has(userId) !== muted) {
      const next = new Set(chat.muted);
      if (muted) next.add(userId);
      else next.delete(userId);
      await this.deps.store.saveSettings(room.roomId, { ...chat.settings, mutedUserIds: [...next] });
      chat.muted = next;
      chat.settings = { ...chat.settings, mutedUserIds: [...next] };
      this.deps.broadcaster.toUser(userId, "chat:you-muted", { roomId: room.roomId, muted });
      void this.deps.audit.record({
        action: muted ? "chat.mute" : "chat.unmute",
        actorId: actor.userId,
        targetUserId: userId.startsWith("guest-") ? null : userId,
        roomId: room.roomId,
      });
    }
    return [...chat.muted];
  }

  /** Chat on or off (host or moderator); slow mode (the host only). */
  async setSettings(
    actor: Actor,
    sessionId: string,
    room: ChatRoom,
    change: { enabled?: boolean | undefined; slowModeSeconds?: ChatSlowMode | undefined },
  ): Promise<ChatSettings> {
    this.assertModerator(actor, sessionId, room);
    if (change.slowModeSeconds !== undefined && room.memberRole(actor.userId) !== "host")
      throw new RoomError("forbidden", "Only the host sets slow mode.");
    const chat = await this.chatOf(room);
    const next: StoredChatSettings = {
      ...chat.settings,
      ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
      ...(change.slowModeSeconds !== undefined ? { slowModeSeconds: change.slowModeSeconds } : {}),
    };
    const settings = publicSettings(next);
    if (next.enabled === chat.settings.enabled && next.slowModeSeconds === chat.settings.slowModeSeconds)
      return settings;
    await this.deps.store.saveSettings(room.roomId, next);
    chat.settings = next;
    this.deps.broadcaster.toRoom(room.roomId, "chat:settings", settings);
    void this.deps.audit.record({
      action: "chat.settings",
      actorId: actor.userId,
      roomId: room.roomId,
      details: { enabled: settings.enabled, slowModeSeconds: settings.slowModeSeconds },
    });
    return settings;
  }

  /** Sends what is waiting and forgets every room (server shutdown). */
  async close(): Promise<void> {
    const chats = await Promise.allSettled(this.live.values());
    for (const chat of chats) if (chat.status === "fulfilled") chat.value.fanout.close();
    this.live.clear();
  }

  private assertModerator(actor: Actor, sessionId: string, room: ChatRoom): void {
    room.assertPresent(actor, sessionId);
    if (!moderatesChat(room.memberRole(actor.userId)))
      throw new RoomError("forbidden", "Only the host and moderators moderate the chat.");
  }

  /** The room's chat in memory, loaded once per live room (a promise, so two first uses share it). */
  private chatOf(room: ChatRoom): Promise<LiveChat> {
    let chat = this.live.get(room.roomId);
    if (!chat) {
      const roomId = room.roomId;
      chat = Promise.all([
        this.deps.store.settings(roomId),
        this.deps.store.page(roomId, { limit: RECENT_KEPT, excludeAuthorIds: [] }),
      ]).then(([settings, page]) => ({
        settings,
        muted: new Set(settings.mutedUserIds),
        pace: new ChatPace(this.deps.rate),
        fanout: new ChatFanout(roomId, this.deps.broadcaster, this.scheduler, this.deps.fanoutWindowMs),
        profiles: new Map(),
        recent: page?.messages ?? [],
        olderExist: page?.hasMore ?? false,
      }));
      this.live.set(roomId, chat);
      // A failed load is not kept: the next message tries again.
      chat.catch(() => this.live.delete(roomId));
      room.onEnded(() => {
        void chat?.then((ended) => ended.fanout.close()).catch(() => undefined);
        this.live.delete(roomId);
      });
    }
    return chat;
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

function publicSettings(settings: StoredChatSettings): ChatSettings {
  return { enabled: settings.enabled, slowModeSeconds: settings.slowModeSeconds };
}
