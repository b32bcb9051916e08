import { z } from "zod";
import { hallwayCardPushSchema } from "../../src/shared/protocol";
import type { Logger } from "../logging/logger";
import { hallwayEntryOf, type HallwayEntry } from "../rooms/hallway-entry";
import type { RoomRegistry } from "../rooms/room-registry";
import type { RoomService } from "../rooms/room-service";
import type { RedisConnection } from "./redis-connection";

/** How often each node republishes its rooms; a node silent for 3 rounds is gone from the hallway. */
export const HALLWAY_PUBLISH_MS = 1_000;
const TTL_MS = 3 * HALLWAY_PUBLISH_MS;
const REMOTE_READ_MS = 1_000;
/**
 * Most members published per social or closed room (~14 kB of cuids): being inside is what lets a
 * member see such a room that its rule alone no longer shows them (a social room whose speaker
 * who follows them stepped down). Beyond this, the others still see it on its own node's hallway.
 */
export const MAX_PUBLISHED_MEMBERS = 500;

// Read back from Redis: checked like any other input (another version of the app may have written it).
const entrySchema = z.object({
  card: hallwayCardPushSchema.extend({ memberCount: z.number(), startedAtMs: z.number() }),
  policy: z.object({
    type: z.enum(["open", "social", "closed"]),
    hostId: z.string(),
    coHostIds: z.array(z.string()),
    allowedUserIds: z.array(z.string()),
    blockedUserIds: z.array(z.string()),
  }),
  connectedCount: z.number(),
  ended: z.boolean(),
  // Absent from an older node's entries: nobody is known to be inside, as before.
  memberIds: z.array(z.string()).default([]),
});
const boardSchema = z.array(entrySchema);

/**
 * The cluster-wide hallway: each node publishes the hallway entries of the rooms it runs (cards,
 * counts, who may see them, who is inside a social or closed room) as one JSON value with a TTL,
 * every second and at once after a change; every node reads the union of the other nodes' values.
 * A node that dies stops publishing, and its rooms leave the hallway within the TTL. Live pushes
 * need nothing here: the owner's HallwayNotifier (at most one push per room per second) reaches
 * every node's watchers through the Socket.IO adapter.
 */
export class HallwayBoard {
  private readonly timer: NodeJS.Timeout;
  private publishing: Promise<void> | null = null;
  private again = false;
  private registry: RoomRegistry | null = null;
  private closed = false;

  constructor(
    private readonly deps: { redis: RedisConnection; keyPrefix: string; nodeId: string; logger: Logger },
  ) {
    this.timer = setInterval(() => this.changed(), HALLWAY_PUBLISH_MS);
    this.timer.unref();
  }

  private get nodesKey(): string {
    return `${this.deps.keyPrefix}hallway:nodes`;
  }

  private boardKey(nodeId: string): string {
    return `${this.deps.keyPrefix}hallway:node:${nodeId}`;
  }

  /** The rooms to publish: this node's registry (set once it exists). */
  publishFrom(registry: RoomRegistry): void {
    this.registry = registry;
    this.changed();
  }

  /** Something a card shows changed here: publish now (one publish at a time, then once more). */
  changed(): void {
    if (this.closed || !this.registry) return;
    if (this.publishing) {
      this.again = true;
      return;
    }
    this.publishing = this.publish()
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, "hallway not published to redis"))
      .finally(() => {
        this.publishing = null;
        if (this.again) {
          this.again = false;
          this.changed();
        }
      });
  }

  /** Publishes this node's live rooms now (the timer's job; public for tests). */
  async publish(): Promise<void> {
    if (!this.registry) return;
    const entries = (await this.registry.running()).map((room) => {
      const { isMember: _asked, ...plain } = hallwayEntryOf(room);
      return { ...plain, memberIds: membersToPublish(room, plain.policy) };
    });
    const now = Date.now();
    await this.deps.redis
      .multi()
      .set(this.boardKey(this.deps.nodeId), JSON.stringify(entries), {
        expiration: { type: "PX", value: TTL_MS },
      })
      .zAdd(this.nodesKey, { score: now, value: this.deps.nodeId })
      .zRemRangeByScore(this.nodesKey, "-inf", now - TTL_MS)
      .exec();
  }

  /**
   * The live rooms of every other node (what the hallway adds to this node's own). While Redis is
   * away (node-redis holds commands until it is back) the hallway does not wait: after
   * REMOTE_READ_MS it shows this node's rooms alone.
   */
  async remote(): Promise<HallwayEntry[]> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<HallwayEntry[]>((resolve) => {
      timer = setTimeout(() => {
        this.deps.logger.warn("hallway: other nodes' rooms not read from redis in time; showing this node's");
        resolve([]);
      }, REMOTE_READ_MS);
    });
    try {
      const read = this.readRemote().catch((error: unknown) => {
        this.deps.logger.warn({ err: error }, "hallway: other nodes' rooms not read from redis");
        return [];
      });
      return await Promise.race([read, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async readRemote(): Promise<HallwayEntry[]> {
    const nodes = (await this.deps.redis.zRangeByScore(this.nodesKey, Date.now() - TTL_MS, "+inf")).filter(
      (nodeId) => nodeId !== this.deps.nodeId,
    );
    if (nodes.length === 0) return [];
    const boards = await this.deps.redis.mGet(nodes.map((nodeId) => this.boardKey(nodeId)));
    return boards.flatMap((raw, index) => {
      if (raw === null) return [];
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        value = null;
      }
      const parsed = boardSchema.safeParse(value);
      if (!parsed.success) {
        this.deps.logger.warn({ nodeId: nodes[index] }, "unreadable hallway entries in redis skipped");
        return [];
      }
      return parsed.data.map(({ memberIds, ...entry }) => {
        const inside = new Set(memberIds);
        return { ...entry, isMember: (userId: string) => inside.has(userId) };
      });
    });
  }

  /** Stops publishing and takes this node's rooms off the hallway at once. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.publishing;
    await this.deps.redis
      .multi()
      .del(this.boardKey(this.deps.nodeId))
      .zRem(this.nodesKey, this.deps.nodeId)
      .exec();
  }
}

/**
 * Who is inside a social or closed room, as far as the viewer's own rule does not already decide:
 * the host, co-hosts and the allow list see it anyway, and an open room shows to everyone but the
 * blocked (whom membership does not help), so those rooms publish no one.
 */
function membersToPublish(room: RoomService, policy: HallwayEntry["policy"]): string[] {
  if (policy.type === "open") return [];
  const known = new Set([policy.hostId, ...policy.coHostIds, ...policy.allowedUserIds]);
  return room.memberIds(MAX_PUBLISHED_MEMBERS, known);
}
