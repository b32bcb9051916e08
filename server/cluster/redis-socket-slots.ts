import type { Logger } from "../logging/logger";
import type { RedisConnection } from "./redis-connection";

/** A slot unrefreshed this long is gone: the sockets of a node that died stop counting after it. */
export const SOCKET_SLOT_TTL_MS = 30_000;
/** How long a connection waits for Redis before it is judged by this node's own count alone. */
const TAKE_WAIT_MS = 1_000;

// KEYS[1]: the address's sorted set of slots, scored by expiry. ARGV: now, ttlMs, limit, member.
// Drops expired slots, then counts and takes one atomically (Redis runs a script alone), so
// connections arriving on several nodes at once cannot all see the same free slot. 1 = taken.
const TAKE = `
local now = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
redis.call("ZREMRANGEBYSCORE", KEYS[1], "-inf", now)
if redis.call("ZCARD", KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call("ZADD", KEYS[1], now + ttl, ARGV[4])
redis.call("PEXPIRE", KEYS[1], ttl)
return 1
`;

type Held = { key: string; member: string };

/**
 * MAX_SOCKETS_PER_IP over every node of the cluster. Each address has a sorted set in Redis whose
 * members are the open sockets (`<nodeId>/<socketId>`), scored by when they expire: the node
 * holding a socket pushes its expiry forward every third of SOCKET_SLOT_TTL_MS and removes it on
 * disconnect, so the sockets of a node that dies (and never says goodbye) stop counting within
 * the TTL, and a fresh connection there is counted again by its new node.
 *
 * Redis down (or slower than TAKE_WAIT_MS): the connection is admitted on this node's own count
 * (server/realtime/address-limits.ts, which always runs first), neither open nor closed. Closed
 * would refuse every connection of the cluster during a Redis blip, exactly when a restarted
 * node's members all reconnect at once, and take away listening, the thing the app is for; open
 * would lift the bound altogether. Per node, an address still holds at most MAX_SOCKETS_PER_IP,
 * the single node's bound. A slot admitted that way is still tracked and written to Redis at the
 * next refresh, so the shared count is right again once Redis is back.
 */
export class RedisSocketSlots {
  private readonly held = new Map<string, Held>();
  /** Removals on their way to Redis: close() waits for them (a restart must not leave slots behind). */
  private readonly removing = new Set<Promise<unknown>>();
  private readonly timer: NodeJS.Timeout;
  private closed = false;
  private refreshing = false;

  constructor(
    private readonly deps: {
      redis: RedisConnection;
      keyPrefix: string;
      nodeId: string;
      /** MAX_SOCKETS_PER_IP */
      perIp: number;
      logger: Logger;
      ttlMs?: number;
      now?: () => number;
    },
  ) {
    this.timer = setInterval(() => void this.refresh(), Math.max(100, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }

  private get ttlMs(): number {
    return this.deps.ttlMs ?? SOCKET_SLOT_TTL_MS;
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private key(addressKey: string): string {
    return `${this.deps.keyPrefix}sockets:${addressKey}`;
  }

  /**
   * Takes a slot for socket `socketId` of `addressKey`: a release function (idempotent), or null
   * when the address holds MAX_SOCKETS_PER_IP over the cluster already.
   */
  async take(addressKey: string, socketId: string): Promise<(() => void) | null> {
    const slot: Held = { key: this.key(addressKey), member: `${this.deps.nodeId}/${socketId}` };
    // Tracked before the answer: a release while Redis thinks must still remove what it adds.
    this.held.set(slot.member, slot);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.held.delete(slot.member);
      const removal = this.deps.redis
        .zRem(slot.key, slot.member)
        .catch((error: unknown) =>
          this.deps.logger.debug({ err: error }, "socket slot not removed from redis; it expires by itself"),
        )
        .finally(() => this.removing.delete(removal));
      this.removing.add(removal);
    };
    const taken = await this.ask(slot);
    if (taken === false) {
      this.held.delete(slot.member);
      return null;
    }
    return release;
  }

  /** true: taken; false: the address is full; "unknown": Redis did not answer (fallback: admit). */
  private async ask(slot: Held): Promise<boolean | "unknown"> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"unknown">((resolve) => {
      timer = setTimeout(() => resolve("unknown"), TAKE_WAIT_MS);
    });
    const asked = this.deps.redis
      .eval(TAKE, {
        keys: [slot.key],
        arguments: [String(this.now()), String(this.ttlMs), String(this.deps.perIp), slot.member],
      })
      .then((answer) => answer === 1)
      .catch((error: unknown) => {
        this.deps.logger.warn(
          { err: error },
          "socket slots: redis unreachable; counting this node's sockets only",
        );
        return "unknown" as const;
      });
    try {
      const answer = await Promise.race([asked, late]);
      if (answer === "unknown")
        this.deps.logger.warn("socket slots: redis late; counting this node's sockets only");
      return answer;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Pushes every held slot's expiry forward (re-adding any Redis lost or never saw). */
  async refresh(): Promise<void> {
    // One at a time: while Redis is away, refreshes would otherwise pile up in node-redis' queue.
    if (this.closed || this.held.size === 0 || this.refreshing) return;
    this.refreshing = true;
    const expiresAt = this.now() + this.ttlMs;
    const byKey = new Map<string, string[]>();
    for (const slot of this.held.values()) {
      const members = byKey.get(slot.key) ?? [];
      members.push(slot.member);
      byKey.set(slot.key, members);
    }
    const batch = this.deps.redis.multi();
    for (const [key, members] of byKey) {
      batch.zAdd(
        key,
        members.map((value) => ({ score: expiresAt, value })),
      );
      batch.pExpire(key, this.ttlMs);
    }
    await batch
      .exec()
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, "socket slots not refreshed in redis"))
      .finally(() => (this.refreshing = false));
  }

  /** Open sockets of an address over the cluster (tests and diagnostics). */
  async count(addressKey: string): Promise<number> {
    return this.deps.redis.zCount(this.key(addressKey), this.now(), "+inf");
  }

  /** Stops refreshing and removes this node's slots (its sockets are closed by then). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    const slots = [...this.held.values()];
    this.held.clear();
    const batch = this.deps.redis.multi();
    for (const slot of slots) batch.zRem(slot.key, slot.member);
    const removed = Promise.all([
      ...this.removing,
      slots.length > 0 ? batch.exec().catch(() => undefined) : null,
    ]);
    // Redis away at shutdown: the slots expire by themselves; the process does not wait for it.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, TAKE_WAIT_MS)));
    await Promise.race([removed, late]);
    clearTimeout(timer);
  }

  /** For tests: stop refreshing without removing anything, as a node that dies would. */
  abandon(): void {
    this.closed = true;
    clearInterval(this.timer);
  }
}
