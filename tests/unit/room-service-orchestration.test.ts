import { describe, expect, it } from "vitest";
import { RoomService, type RoomServiceDeps } from "../../server/rooms/room-service";
import type {
  RoomBroadcaster,
  RoomMediaEvents,
  RoomMediaPort,
  RoomStore,
  StoredRoom,
} from "../../server/rooms/room-ports";
import { createLogger } from "../../server/logging/logger";
import type { Actor } from "../../server/domain/room-state";
import { openRoom } from "./presence-fakes";

/** A media port that records what the room asked of it; no mediasoup anywhere. */
class FakeMedia implements RoomMediaPort {
  readonly calls: string[] = [];
  readonly rtpCapabilities = { codecs: [], headerExtensions: [] };
  readonly workerIndex = 0;
  allowPublish(userId: string, paused: boolean) {
    this.calls.push(`allow ${userId} ${paused ? "paused" : "live"}`);
  }
  revokePublish(userId: string) {
    this.calls.push(`revoke ${userId}`);
  }
  async setPublishPaused(userId: string, paused: boolean) {
    this.calls.push(`pause ${userId} ${paused}`);
  }
  async createTransport(): Promise<never> {
    throw new Error("not used");
  }
  async connectTransport() {
    // not used by these tests
  }
  async restartIce(): Promise<never> {
    throw new Error("not used");
  }
  async produce(): Promise<string> {
    return "p1";
  }
  async consume(): Promise<never> {
    throw new Error("not used");
  }
  async resumeConsumer() {
    // not used by these tests
  }
  recordProducer(): Promise<{ startedAt: number; stop(): Promise<void> }> {
    return Promise.reject(new Error("not used"));
  }
  listProducers() {
    return [];
  }
  /** Whether a listener could be seated; tests flip it to see room_full. */
  seatsLeft = true;
  hasRoomForListener() {
    return this.seatsLeft;
  }
  closePeer(userId: string) {
    this.calls.push(`close ${userId}`);
  }
  async counts() {
    return {
      peers: 0,
      transports: 0,
      producers: 0,
      consumers: 0,
      routerTransports: 0,
      listenerRouters: 0,
      pipes: 0,
    };
  }
  close() {
    this.calls.push("close-room");
  }
}

const room: StoredRoom = { ...openRoom, title: "Fakes only" };

function harness(options: { failRoleWrites?: boolean; rejoinGraceMs?: number } = {}) {
  const media = new FakeMedia();
  const sent: string[] = [];
  const writes: string[] = [];
  const store: Partial<RoomStore> = {
    hostBlockedUserIds: async () => [],
    roomBannedUserIds: async () => [],
    allowedUserIds: async () => [],
    followerIds: async () => [],
    followingIds: async () => [],
    saveMemberRole: async (_roomId, userId, role) => {
      if (options.failRoleWrites) throw new Error("database down");
      writes.push(`role ${userId} ${role}`);
    },
    markMemberLeft: async (_roomId, userId) => {
      writes.push(`left ${userId}`);
    },
    saveAudienceChanges: async (_roomId, changes) => {
      for (const change of changes) writes.push(`audience ${change.change} ${change.userId}`);
    },
    markRoomEnded: async () => {
      writes.push("ended");
    },
    inTransaction: (work) => work(proxied),
  };
  // Only the methods a live open room calls; a call to anything else fails the test loudly.
  const proxied = new Proxy(store, {
    get: (target, key: string) =>
      target[key as keyof RoomStore] ?? (() => Promise.reject(new Error(`unexpected store call ${key}`))),
  }) as RoomStore;
  const broadcaster: RoomBroadcaster = {
    toRoom: (_roomId, event) => sent.push(`room ${event}`),
    toSession: (sessionId, event) => sent.push(`session ${sessionId} ${event}`),
    toUser: () => undefined,
    toHallway: () => undefined,
    attachSession: (sessionId) => sent.push(`attach ${sessionId}`),
    detachSession: (sessionId) => sent.push(`detach ${sessionId}`),
  };
  const deps: RoomServiceDeps = {
    store: proxied,
    broadcaster,
    logger: createLogger("silent"),
    now: () => Date.now(),
    stageLimit: 20,
    memberLimit: 100,
    rejoinGraceMs: options.rejoinGraceMs ?? 60_000,
    emptyStageGraceMs: 60_000,
    createMedia: async (_roomId: string, _events: RoomMediaEvents) => media,
  };
  return { media, sent, writes, deps };
}

const host: Actor = { userId: "host", displayName: "Hana Host", isGuest: false };
const lee: Actor = { userId: "lee", displayName: "Lee Listener", isGuest: false };

describe("[MEDIA-PORT] the room service's orchestration, with a fake media port", () => {
  it("[MEDIA-PORT-1] the host's join lets them publish, paused until they unmute", async () => {
    const { media, deps } = harness();
    const service = await RoomService.create(room, deps);
    const joined = await service.join(host, "s-host");
    expect(joined.snapshot.stage.map((m) => m.role)).toEqual(["host"]);
    expect(joined.snapshot.counts).toEqual({ stage: 1, audience: 0, hands: 0 });
    expect(media.calls).toEqual(["allow host paused"]);
    await service.shutdown();
  });

  it("[MEDIA-PORT-2] a failed write before commit leaves the room as it was and broadcasts nothing", async () => {
    const { deps, sent } = harness({ failRoleWrites: true });
    const service = await RoomService.create(room, deps);
    // The host's seat is a role: written before commit (a listener's row is write-behind, see presence-write-behind).
    await expect(service.join(host, "s-host")).rejects.toMatchObject({ code: "internal" });
    expect(service.hasMember("host")).toBe(false);
    expect(sent.filter((line) => line.includes("member-joined"))).toEqual([]);
    await service.shutdown();
  });

  it("[MEDIA-PORT-3] a second connection of the same person replaces the first: old session told, detached, its media closed", async () => {
    const { media, deps, sent } = harness();
    const service = await RoomService.create(room, deps);
    await service.join(host, "s-host");
    await service.join(lee, "tab-1");
    await service.join(lee, "tab-2");
    expect(sent).toContain("session tab-1 room:session-replaced");
    expect(sent).toContain("detach tab-1");
    expect(media.calls).toContain("close lee");
    // The old tab can no longer act; the new one can.
    await expect(service.act(lee, "tab-1", { type: "raise-hand" })).rejects.toThrow("Join the room first.");
    await service.act(lee, "tab-2", { type: "raise-hand" });
    await service.shutdown();
  });

  it("[MEDIA-PORT-4] a dropped member's media closes at once; their seat is kept for the grace period, then they leave", async () => {
    const { media, deps, writes } = harness({ rejoinGraceMs: 150 });
    const service = await RoomService.create(room, deps);
    await service.join(host, "s-host");
    await service.join(lee, "s-lee");
    await service.disconnect(lee, "s-lee");
    expect(media.calls).toContain("close lee");
    expect(service.hasMember("lee")).toBe(true);
    await expect.poll(() => service.hasMember("lee"), { timeout: 2_000 }).toBe(false);
    // A listener's departure is audience churn: written by the write-behind batch within a second.
    await expect.poll(() => writes, { timeout: 3_000 }).toContain("audience left lee");
    await service.shutdown();
  });
});
