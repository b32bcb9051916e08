import { CHAT_PAGE_SIZE, type ChatMessage } from "../../src/shared/protocol";
import { ChatPace } from "../domain/chat-rules";
import type { RoomBroadcaster, Scheduler } from "../rooms/room-ports";
import { ChatFanout } from "./chat-fanout";
import type { ChatRoom, ChatStore, StoredChatSettings } from "./chat-ports";

/** One live room's chat in memory: its rules and mutes (loaded once), pace, fan-out, authors' handles. */
export type LiveChat = {
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

export const RECENT_KEPT = CHAT_PAGE_SIZE * 2;

/** The chats of the live rooms, each loaded on first use and forgotten when its room ends. */
export class LiveChats {
  private readonly live = new Map<string, Promise<LiveChat>>();

  constructor(
    private readonly deps: {
      store: ChatStore;
      broadcaster: Pick<RoomBroadcaster, "toRoom">;
      scheduler: Scheduler;
      rate: { perWindow: number; windowMs: number };
      fanoutWindowMs: number;
    },
  ) {}

  /** The room's chat in memory, loaded once per live room (a promise, so two first uses share it). */
  of(room: ChatRoom): Promise<LiveChat> {
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
        fanout: new ChatFanout(roomId, this.deps.broadcaster, this.deps.scheduler, this.deps.fanoutWindowMs),
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

  /** Sends what is waiting and forgets every room (server shutdown). */
  async close(): Promise<void> {
    const chats = await Promise.allSettled(this.live.values());
    for (const chat of chats) if (chat.status === "fulfilled") chat.value.fanout.close();
    this.live.clear();
  }
}
