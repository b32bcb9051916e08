import { randomUUID } from "node:crypto";
import type { Logger } from "../logging/logger";
import type { NodeAddress, RoomOwnership } from "../rooms/room-ownership";
import type { RedisConnection } from "./redis-connection";

// Compare-and-act scripts: a node renews or releases a lease only while the value is still its own,
// so a node that lost its lease (paused, partitioned) can never extend or delete its successor's.
//
// The epoch key tells "Redis lost its data" from "the lease lapsed". It has no TTL: it is gone only
// when Redis lost everything (a restart without persistence, a FLUSHALL, a failover to an empty
// replica), and then whoever comes first writes a new one. A holder remembers the epoch it saw when
// it last claimed or renewed each lease. At renewal a missing lease under a new epoch was lost with
// the data, and the holder takes it back (checked and set in one script: a node that claimed it
// after the restart keeps it, and the holder hears it lost). A missing lease under the same
// epoch lapsed (this node stalled past the TTL): another node may have run the room and ended it,
// so it is lost, as is a lease another node holds.
const EPOCH_OF = `local epoch = redis.call("GET", KEYS[2])
if not epoch then redis.call("SET", KEYS[2], ARGV[3]) epoch = ARGV[3] end`;
// Reply: {value now in the key or "", epoch}.
const CLAIM = `${EPOCH_OF}
redis.call("SET", KEYS[1], ARGV[1], "NX", "PX", ARGV[2])
return {redis.call("GET", KEYS[1]) or "", epoch}`;
// ARGV: value, ttl, new epoch candidate, epoch seen. Reply: 1 renewed, 0 lost, or the epoch under
// which the lease was re-claimed.
const RENEW = `local current = redis.call("GET", KEYS[1])
if current == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) end
if current then return 0 end
${EPOCH_OF}
if epoch == ARGV[4] then return 0 end
redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[2])
return epoch`;
const RELEASE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end`;

export type RoomLeasesOptions = {
  redis: RedisConnection;
  /** REDIS_KEY_PREFIX: every key is `<prefix>room-owner:<roomId>` (and `<prefix>room-owner-epoch`). */
  keyPrefix: string;
  self: NodeAddress;
  /** A lease nobody renews lapses after this (ROOM_LEASE_TTL_MS). */
  ttlMs: number;
  logger: Logger;
};

/**
 * Room ownership leases in Redis: one owner per live room. `SET key me NX PX ttl` takes a free
 * room; every ttl/3 the holder renews all its leases (compare-and-PEXPIRE); closing a room
 * releases its lease (compare-and-DEL); a node that dies stops renewing and its rooms are free
 * once the ttl has passed. A lease that lapsed or was taken, found at renewal, is reported to
 * `onLost`, so the node stops running a room someone else may now run; one that Redis lost with
 * all its data (a restart) is taken back.
 */
export class RoomLeases implements RoomOwnership {
  /** Rooms held, each with the epoch seen when its lease was last claimed or renewed. */
  private readonly held = new Map<string, string>();
  private readonly lostListeners: ((roomId: string) => void)[] = [];
  private readonly value: string;
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly options: RoomLeasesOptions) {
    this.value = JSON.stringify(options.self);
    this.timer = setInterval(() => void this.renewAll(), Math.max(100, Math.floor(options.ttlMs / 3)));
    this.timer.unref();
  }

  private key(roomId: string): string {
    return `${this.options.keyPrefix}room-owner:${roomId}`;
  }

  private get epochKey(): string {
    return `${this.options.keyPrefix}room-owner-epoch`;
  }

  async claim(roomId: string): Promise<{ ok: true } | { ok: false; owner: NodeAddress }> {
    if (this.closed) return { ok: false, owner: this.options.self };
    const reply = await this.options.redis.eval(CLAIM, {
      keys: [this.key(roomId), this.epochKey],
      arguments: [this.value, String(this.options.ttlMs), randomUUID()],
    });
    const [current, epoch] = Array.isArray(reply) ? reply : [];
    if (current === this.value && typeof epoch === "string") {
      this.held.set(roomId, epoch);
      return { ok: true };
    }
    const owner = typeof current === "string" ? parseAddress(current) : null;
    return { ok: false, owner: owner ?? { nodeId: "unknown", url: "" } };
  }

  async release(roomId: string): Promise<void> {
    if (!this.held.delete(roomId)) return;
    await this.options.redis.eval(RELEASE, { keys: [this.key(roomId)], arguments: [this.value] });
  }

  async ownerOf(roomId: string): Promise<NodeAddress | null> {
    const current = await this.options.redis.get(this.key(roomId));
    return current === null ? null : parseAddress(current);
  }

  holds(roomId: string): boolean {
    return this.held.has(roomId);
  }

  onLost(listener: (roomId: string) => void): void {
    this.lostListeners.push(listener);
  }

  /** One round of renewals (the timer's job; public so tests need not wait for it). */
  async renewAll(): Promise<void> {
    await Promise.all([...this.held].map(([roomId, epoch]) => this.renew(roomId, epoch)));
  }

  private async renew(roomId: string, epoch: string): Promise<void> {
    try {
      const reply = await this.options.redis.eval(RENEW, {
        keys: [this.key(roomId), this.epochKey],
        arguments: [this.value, String(this.options.ttlMs), randomUUID(), epoch],
      });
      // Released (the room ended) or lost meanwhile: nothing to do.
      if (this.held.get(roomId) !== epoch) return;
      if (reply === 1) return;
      if (typeof reply === "string") {
        this.held.set(roomId, reply);
        this.options.logger.warn({ roomId }, "room lease was gone with redis's data; taken back");
        return;
      }
      this.held.delete(roomId);
      this.options.logger.error({ roomId }, "room lease lost: another node may own the room now");
      for (const listener of this.lostListeners) listener(roomId);
    } catch (error) {
      // Redis is away: keep the room (the lease may still be ours) and try again next round.
      this.options.logger.warn({ err: error, roomId }, "room lease not renewed; retrying");
    }
  }

  /** Stops renewing and releases every lease held (a clean shutdown hands rooms over at once). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await Promise.allSettled([...this.held.keys()].map((roomId) => this.release(roomId)));
  }

  /** Stops renewing without releasing: what a killed node does (tests). */
  abandon(): void {
    this.closed = true;
    clearInterval(this.timer);
    this.held.clear();
  }
}

function parseAddress(raw: string): NodeAddress | null {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      "nodeId" in parsed &&
      "url" in parsed &&
      typeof parsed.nodeId === "string" &&
      typeof parsed.url === "string"
    )
      return { nodeId: parsed.nodeId, url: parsed.url };
  } catch {
    // not ours: treated as unknown below
  }
  return null;
}
