import type { ChatSettings, ChatSlowMode } from "../../src/shared/protocol";
import { moderatesChat } from "../domain/chat-rules";
import type { Actor } from "../domain/room-state";
import type { AuditLog } from "../moderation/audit-ports";
import { RoomError, type RoomBroadcaster, type Scheduler } from "../rooms/room-ports";
import type { ChatRoom, ChatStore, StoredChatSettings } from "./chat-ports";
import type { LiveChats } from "./live-chats";

/**
 * The host's and moderators' chat tools: delete a message (gone for everyone), mute a person's
 * chat, chat off and slow mode. Each is refused to everyone else, and each lands in the audit log.
 */
export class ChatModeration {
  constructor(
    private readonly deps: {
      store: ChatStore;
      broadcaster: Pick<RoomBroadcaster, "toRoom" | "toUser">;
      audit: AuditLog;
      scheduler: Scheduler;
      chats: LiveChats;
    },
  ) {}

  /** A host or moderator deletes a message: gone for everyone, kept in the audit log. */
  async delete(actor: Actor, sessionId: string, room: ChatRoom, messageId: string): Promise<void> {
    this.assertModerator(actor, sessionId, room);
    const chat = await this.deps.chats.of(room);
    const deleted = await this.deps.store.markDeleted(
      room.roomId,
      messageId,
      actor.userId,
      new Date(this.deps.scheduler.now()),
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
    const chat = await this.deps.chats.of(room);
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
    const chat = await this.deps.chats.of(room);
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

  private assertModerator(actor: Actor, sessionId: string, room: ChatRoom): void {
    room.assertPresent(actor, sessionId);
    if (!moderatesChat(room.memberRole(actor.userId)))
      throw new RoomError("forbidden", "Only the host and moderators moderate the chat.");
  }
}

export function publicSettings(settings: StoredChatSettings): ChatSettings {
  return { enabled: settings.enabled, slowModeSeconds: settings.slowModeSeconds };
}
