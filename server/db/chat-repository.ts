import { chatSlowModeSchema, type ChatMessage } from "../../src/shared/protocol";
import type { NewChatMessage, StoredChatSettings } from "../chat/chat-ports";
import { AVATAR_URL_PREFIX } from "./account-persistence";
import type { DbClient } from "./db-client";

const messageColumns = {
  id: true,
  authorId: true,
  authorName: true,
  authorUsername: true,
  authorAvatarUrl: true,
  text: true,
  createdAt: true,
} as const;

type MessageRow = {
  id: string;
  authorId: string;
  authorName: string;
  authorUsername: string | null;
  authorAvatarUrl: string | null;
  text: string;
  createdAt: Date;
};

const toMessage = (row: MessageRow): ChatMessage => ({
  id: row.id,
  authorId: row.authorId,
  authorName: row.authorName,
  authorUsername: row.authorUsername,
  avatarUrl: row.authorAvatarUrl,
  text: row.text,
  sentAt: row.createdAt.toISOString(),
});

const DEFAULT_SETTINGS: StoredChatSettings = { enabled: true, slowModeSeconds: 0, mutedUserIds: [] };

/**
 * Rooms' chat messages and chat rules (the ChatStore port of server/chat). Pages go by `seq`,
 * the order of sending, through the (roomId, seq) index: a page of 50 reads 51 rows.
 */
export class ChatRepository {
  constructor(private readonly db: DbClient) {}

  async append(message: NewChatMessage): Promise<ChatMessage> {
    const row = await this.db.chatMessage.create({
      data: {
        roomId: message.roomId,
        authorId: message.authorId,
        authorName: message.authorName,
        authorUsername: message.authorUsername,
        authorAvatarUrl: message.avatarUrl,
        text: message.text,
        createdAt: message.at,
      },
      select: messageColumns,
    });
    return toMessage(row);
  }

  async page(
    roomId: string,
    options: { beforeId?: string | undefined; limit: number; excludeAuthorIds: readonly string[] },
  ): Promise<{ messages: ChatMessage[]; hasMore: boolean } | null> {
    let beforeSeq: number | undefined;
    if (options.beforeId !== undefined) {
      const cursor = await this.db.chatMessage.findFirst({
        where: { id: options.beforeId, roomId },
        select: { seq: true },
      });
      if (!cursor) return null;
      beforeSeq = cursor.seq;
    }
    const rows = await this.db.chatMessage.findMany({
      where: {
        roomId,
        deletedAt: null,
        ...(beforeSeq !== undefined ? { seq: { lt: beforeSeq } } : {}),
        ...(options.excludeAuthorIds.length > 0
          ? { authorId: { notIn: [...options.excludeAuthorIds] } }
          : {}),
      },
      orderBy: { seq: "desc" },
      take: options.limit + 1,
      select: messageColumns,
    });
    const hasMore = rows.length > options.limit;
    return { messages: rows.slice(0, options.limit).reverse().map(toMessage), hasMore };
  }

  async markDeleted(
    roomId: string,
    messageId: string,
    byUserId: string,
    at: Date,
  ): Promise<ChatMessage | null> {
    const found = await this.db.chatMessage.findFirst({
      where: { id: messageId, roomId, deletedAt: null },
      select: messageColumns,
    });
    if (!found) return null;
    const { count } = await this.db.chatMessage.updateMany({
      where: { id: messageId, deletedAt: null },
      data: { deletedAt: at, deletedById: byUserId },
    });
    return count === 1 ? toMessage(found) : null;
  }

  async settings(roomId: string): Promise<StoredChatSettings> {
    const row = await this.db.roomChat.findUnique({ where: { roomId } });
    if (!row) return { ...DEFAULT_SETTINGS, mutedUserIds: [] };
    const slow = chatSlowModeSchema.safeParse(row.slowModeSeconds);
    return {
      enabled: row.enabled,
      slowModeSeconds: slow.success ? slow.data : 0,
      mutedUserIds: row.mutedUserIds,
    };
  }

  async saveSettings(roomId: string, settings: StoredChatSettings): Promise<void> {
    const data = {
      enabled: settings.enabled,
      slowModeSeconds: settings.slowModeSeconds,
      mutedUserIds: settings.mutedUserIds,
    };
    await this.db.roomChat.upsert({ where: { roomId }, create: { roomId, ...data }, update: data });
  }

  async blockedIdsOf(userId: string): Promise<string[]> {
    const rows = await this.db.block.findMany({ where: { blockerId: userId }, select: { blockedId: true } });
    return rows.map((row) => row.blockedId);
  }

  async profileOf(userId: string): Promise<{ username: string | null; avatarUrl: string | null } | null> {
    const row = await this.db.user.findUnique({
      where: { id: userId },
      select: { username: true, avatarFile: true },
    });
    if (!row) return null;
    return {
      username: row.username,
      avatarUrl: row.avatarFile ? `${AVATAR_URL_PREFIX}${row.avatarFile}` : null,
    };
  }

  async usersByUsername(usernames: readonly string[]): Promise<{ id: string; username: string }[]> {
    if (usernames.length === 0) return [];
    const rows = await this.db.user.findMany({
      where: { username: { in: [...usernames] } },
      select: { id: true, username: true },
    });
    return rows.flatMap((row) => (row.username ? [{ id: row.id, username: row.username }] : []));
  }
}
