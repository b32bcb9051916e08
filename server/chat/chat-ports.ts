import type { ChatMessage, ChatSlowMode, Role } from "../../src/shared/protocol";
import type { AccessDecision } from "../domain/room-access";

/** A room's chat rules and mutes as stored (no row yet: chat on, no slow mode, nobody muted). */
export type StoredChatSettings = {
  enabled: boolean;
  slowModeSeconds: ChatSlowMode;
  mutedUserIds: string[];
};

export type NewChatMessage = {
  roomId: string;
  authorId: string;
  authorName: string;
  authorUsername: string | null;
  avatarUrl: string | null;
  text: string;
  at: Date;
};

/** The persistence chat needs; implemented over Prisma in server/db/chat-repository.ts. */
export interface ChatStore {
  append(message: NewChatMessage): Promise<ChatMessage>;
  /**
   * Up to `limit` messages not deleted, newest first before `beforeId` (or the newest), returned
   * oldest first; authors in `excludeAuthorIds` are skipped. `hasMore`: older ones remain.
   */
  page(
    roomId: string,
    options: { beforeId?: string | undefined; limit: number; excludeAuthorIds: readonly string[] },
  ): Promise<{ messages: ChatMessage[]; hasMore: boolean } | null>;
  /** Marks the message deleted; false when the room has no such message (or it was deleted already). */
  markDeleted(roomId: string, messageId: string, byUserId: string, at: Date): Promise<ChatMessage | null>;
  settings(roomId: string): Promise<StoredChatSettings>;
  saveSettings(roomId: string, settings: StoredChatSettings): Promise<void>;
  /** People `userId` blocked (their messages are hidden for `userId`). */
  blockedIdsOf(userId: string): Promise<string[]>;
  /** A signed-in author's handle and picture, copied into each message they send. */
  profileOf(userId: string): Promise<{ username: string | null; avatarUrl: string | null } | null>;
  /** Accounts with these (lower-case) usernames; unknown names are left out. */
  usersByUsername(usernames: readonly string[]): Promise<{ id: string; username: string }[]>;
}

/** What chat asks of a live room (RoomService provides it). */
export interface ChatRoom {
  readonly roomId: string;
  readonly hostId: string;
  readonly isEnded: boolean;
  /** Refuses (RoomError invalid_state) anyone not in the live room on this connection. */
  assertPresent(actor: { userId: string }, sessionId: string): void;
  memberRole(userId: string): Role | undefined;
  /** Could this person enter the room (a mention notifies only people who could)? */
  accessFor(viewer: { userId: string; isGuest: boolean }): Promise<AccessDecision>;
  /** Called once when the room ends (its chat is then forgotten from memory). */
  onEnded(listener: () => void): void;
}
