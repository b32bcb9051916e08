import type {
  RoomBroadcaster,
  RoomMediaPort,
  RoomStore,
  Scheduler,
  StoredRoom,
} from "../../server/rooms/room-ports";
import type { RoomServiceDeps } from "../../server/rooms/room-service";
import { createLogger } from "../../server/logging/logger";

/** A clock and timers that move only when the test says so. */
export class FakeScheduler implements Scheduler {
  private time = 1_000_000;
  private tasks: { at: number; task: () => void; cancelled: boolean }[] = [];

  now(): number {
    return this.time;
  }

  after(ms: number, task: () => void) {
    const entry = { at: this.time + ms, task, cancelled: false };
    this.tasks.push(entry);
    return { cancel: () => void (entry.cancelled = true) };
  }

  /** Moves time forward, running every task that falls due, in order. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = this.tasks.filter((t) => !t.cancelled && t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.time = due.at;
      due.cancelled = true;
      due.task();
    }
    this.time = until;
    this.tasks = this.tasks.filter((t) => !t.cancelled);
  }
}

export const fakeMedia = (): RoomMediaPort => ({
  rtpCapabilities: { codecs: [], headerExtensions: [] },
  workerIndex: 0,
  allowPublish: () => undefined,
  revokePublish: () => undefined,
  setPublishPaused: async () => undefined,
  createTransport: () => Promise.reject(new Error("not used")),
  connectTransport: async () => undefined,
  restartIce: () => Promise.reject(new Error("not used")),
  produce: async () => "p1",
  consume: () => Promise.reject(new Error("not used")),
  resumeConsumer: async () => undefined,
  listProducers: () => [],
  recordProducer: () => Promise.reject(new Error("not used")),
  closePeer: () => undefined,
  hasRoomForListener: () => true,
  counts: async () => ({
    peers: 0,
    transports: 0,
    producers: 0,
    consumers: 0,
    routerTransports: 0,
    listenerRouters: 0,
    pipes: 0,
  }),
  close: () => undefined,
});

export const openRoom: StoredRoom = {
  id: "room1",
  title: "Presence",
  description: "",
  type: "open",
  topics: [],
  language: "en",
  audioFrameMs: 20,
  settings: { handRaisingEnabled: true, musicMode: false },
  hostId: "host",
  hostName: "Hana Host",
  status: "live",
  createdAt: new Date(0),
  scheduledFor: null,
  startedAt: new Date(0),
  endedAt: null,
  endReason: null,
  endNote: null,
  shareKey: null,
  coHostIds: [],
  members: [],
};

/** What reached the room channel, in order, as (event, payload). */
export type Sent = { event: string; payload: unknown };

/** A store that records writes in order; `gate` (if set) holds every write until it resolves. */
export function recordingStore(
  options: { followingIds?: Record<string, string[]>; gate?: Promise<void> } = {},
) {
  const writes: string[] = [];
  const hold = async () => {
    if (options.gate) await options.gate;
  };
  const store: RoomStore = {
    createRoom: () => Promise.reject(new Error("not used")),
    findRoom: async () => null,
    liveRoomIds: async () => [],
    markRoomEnded: async () => {
      await hold();
      writes.push("ended");
    },
    allowedUserIds: async () => [],
    grantAccess: async () => undefined,
    followerIds: async () => [],
    followingIds: async (userId) => options.followingIds?.[userId] ?? [],
    people: async () => [],
    saveRoomHost: async (_roomId, hostId) => void writes.push(`host ${hostId}`),
    saveRoomSettings: async (_roomId, settings) => void writes.push(`settings ${JSON.stringify(settings)}`),
    hostBlockedUserIds: async () => [],
    roomBannedUserIds: async () => [],
    banFromRoom: async (_roomId, userId) => void writes.push(`ban ${userId}`),
    blockUserForHost: async () => undefined,
    saveMemberRole: async (_roomId, userId, role) => {
      await hold();
      writes.push(`role ${userId} ${role}`);
    },
    markMemberLeft: async (_roomId, userId) => {
      await hold();
      writes.push(`left ${userId}`);
    },
    saveAudienceChanges: async (_roomId, changes) => {
      await hold();
      writes.push(`batch ${changes.map((c) => `${c.change}:${c.userId}`).join(",")}`);
    },
    inTransaction: (work) => work(store),
  };
  return { store, writes };
}

export function presenceDeps(store: RoomStore, scheduler: FakeScheduler, sent: Sent[]): RoomServiceDeps {
  const broadcaster: RoomBroadcaster = {
    toRoom: (_roomId, event, payload) => void sent.push({ event, payload }),
    toSession: () => undefined,
    toUser: () => undefined,
    toHallway: () => undefined,
    attachSession: () => undefined,
    detachSession: () => undefined,
  };
  return {
    store,
    broadcaster,
    logger: createLogger("silent"),
    now: () => scheduler.now(),
    scheduler,
    stageLimit: 20,
    memberLimit: 10_000,
    rejoinGraceMs: 60_000,
    emptyStageGraceMs: 60_000,
    createMedia: async () => fakeMedia(),
  };
}
