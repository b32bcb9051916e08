import type { Logger } from "../logging/logger";
import type { NodeAddress, RoomOwnership } from "../rooms/room-ownership";
import type { RedisConnection } from "./redis-connection";

// Compare-and-act scripts: a node renews or releases a lease only while the value is still its own,
// so a node that lost its lease (paused, partitioned) can never extend or delete its successor's.
const RENEW = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end`;

export type RoomLeasesOptions = {
  redis: RedisConnection;
  /** REDIS_KEY_PREFIX: every key is `<prefix>room-owner:<roomId>`. */
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
 * once the ttl has passed. A lease found gone or taken at renewal is reported to `onLost`, so the
 * node stops running a room someone else may now run.
 */
export class RoomLeases implements RoomOwnership {
  private readonly held = new Set<string>();
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

  async claim(roomId: string): Promise<{ ok: true } | { ok: false; owner: NodeAddress }> {
    if (this.closed) return { ok: false, owner: this.options.self };
    const key = this.key(roomId);
    // Twice at most: the owner's lease may lapse between our SET and our GET.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const set = await this.options.redis.set(key, this.value, {
        condition: "NX",
        expiration: { type: "PX", value: this.options.ttlMs },
      });
      const current = set === "OK" ? this.value : await this.options.redis.get(key);
      if (current === this.value) {
        this.held.add(roomId);
        return { ok: true };
      }
      const owner = current === null ? null : parseAddress(current);
      if (owner) return { ok: false, owner };
    }
    return { ok: false, owner: { nodeId: "unknown", url: "" } };
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
    await Promise.all(
      [...this.held].map(async (roomId) => {
        try {
          const renewed = await this.options.redis.eval(RENEW, {
            keys: [this.key(roomId)],
            arguments: [this.value, String(this.options.ttlMs)],
          });
          if (renewed === 1 || !this.held.has(roomId)) return;
          this.held.delete(roomId);
          this.options.logger.error({ roomId }, "room lease lost: another node may own the room now");
          for (const listener of this.lostListeners) listener(roomId);
        } catch (error) {
          // Redis is away: keep the room (the lease may still be ours) and try again next round.
          this.options.logger.warn({ err: error, roomId }, "room lease not renewed; retrying");
        }
      }),
    );
  }

  /** Stops renewing and releases every lease held (a clean shutdown hands rooms over at once). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await Promise.allSettled([...this.held].map((roomId) => this.release(roomId)));
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
