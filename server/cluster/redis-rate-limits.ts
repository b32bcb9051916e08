import { randomBytes } from "node:crypto";
import type { Limits } from "../config/limits";
import type { SignInAdmission, SignInGate } from "../auth/sign-in-guard";
import type { Logger } from "../logging/logger";
import type { RedisConnection } from "./redis-connection";

/**
 * The sliding windows of server/auth, kept in Redis so every node of a cluster counts into the
 * same budget: a client that spreads its attempts over N nodes gets what it would get from one.
 * Each window is a sorted set of attempt ids scored by time; one Lua script checks and counts
 * atomically (Redis runs a script alone), so parallel attempts on several nodes cannot all see the
 * same free slot: the check-then-record race the in-memory limiter avoids by having no await.
 */

// KEYS: windows to check and count into. ARGV: now, member, then per key: windowMs, limit.
// A limit of -1 marks a backoff key (ARGV: windowMs, free, baseMs, maxMs share one slot: see below).
// Returns the milliseconds to wait (0 = counted).
const TAKE = `
local now = tonumber(ARGV[1])
local member = ARGV[2]
local wait = 0
local arg = 3
for i, key in ipairs(KEYS) do
  local windowMs = tonumber(ARGV[arg])
  local limit = tonumber(ARGV[arg + 1])
  local free = tonumber(ARGV[arg + 2])
  local baseMs = tonumber(ARGV[arg + 3])
  local maxMs = tonumber(ARGV[arg + 4])
  arg = arg + 5
  redis.call("ZREMRANGEBYSCORE", key, "-inf", now - windowMs)
  local count = redis.call("ZCARD", key)
  if limit >= 0 and count >= limit then
    local oldest = redis.call("ZRANGE", key, count - limit, count - limit, "WITHSCORES")
    wait = math.max(wait, math.max(1, tonumber(oldest[2]) + windowMs - now))
  end
  if free >= 0 and count - free >= 0 then
    local last = redis.call("ZRANGE", key, -1, -1, "WITHSCORES")
    local delay = math.min(maxMs, baseMs * 2 ^ math.min(count - free, 30))
    wait = math.max(wait, tonumber(last[2]) + delay - now)
  end
end
if wait > 0 then return math.ceil(wait) end
arg = 3
for i, key in ipairs(KEYS) do
  redis.call("ZADD", key, now, member)
  redis.call("PEXPIRE", key, ARGV[arg])
  arg = arg + 5
end
return 0
`;

type Window = {
  key: string;
  windowMs: number;
  limit?: number;
  backoff?: { free: number; baseMs: number; maxMs: number };
};

async function take(redis: RedisConnection, windows: Window[], now: number, member: string): Promise<number> {
  const args = [String(now), member];
  for (const window of windows)
    args.push(
      String(window.windowMs),
      String(window.limit ?? -1),
      String(window.backoff?.free ?? -1),
      String(window.backoff?.baseMs ?? 0),
      String(window.backoff?.maxMs ?? 0),
    );
  const wait = await redis.eval(TAKE, { keys: windows.map((window) => window.key), arguments: args });
  return typeof wait === "number" ? wait : 0;
}

const attemptId = (now: number) => `${now}-${randomBytes(6).toString("hex")}`;

/** Room joins per client address per minute (JOINS_PER_IP_PER_MINUTE), counted cluster-wide. */
export class RedisJoinLimit {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keyPrefix: string,
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a room:join of `addressKey`; the milliseconds to wait when over the limit, else 0. */
  async join(addressKey: string): Promise<number> {
    const now = this.now();
    const window = {
      key: `${this.keyPrefix}limit:join:${addressKey}`,
      windowMs: 60_000,
      limit: this.perMinute,
    };
    return take(this.redis, [window], now, attemptId(now));
  }
}

/**
 * server/auth/sign-in-guard.ts's three limits (per address, per account from one address, the
 * account's backoff over every address) in Redis. Same contract: an admitted attempt counts as a
 * failure until `succeeded()` hands it back and clears the account's counters.
 */
export class RedisSignInGuard implements SignInGate {
  constructor(
    private readonly deps: {
      redis: RedisConnection;
      keyPrefix: string;
      limits: Limits["signIn"];
      logger: Logger;
      now?: () => number;
    },
  ) {}

  async admit(account: string, addressKey: string): Promise<SignInAdmission> {
    const { redis, keyPrefix, limits, logger } = this.deps;
    const now = (this.deps.now ?? Date.now)();
    const member = attemptId(now);
    const keys = {
      address: `${keyPrefix}limit:signin-ip:${addressKey}`,
      pair: `${keyPrefix}limit:signin-pair:${account}\u0000${addressKey}`,
      account: `${keyPrefix}limit:signin-account:${account}`,
    };
    const waitMs = await take(
      redis,
      [
        { key: keys.address, windowMs: limits.windowMs, limit: limits.perIp },
        { key: keys.pair, windowMs: limits.windowMs, limit: limits.perAccount },
        {
          key: keys.account,
          windowMs: limits.windowMs,
          backoff: { free: limits.perAccount, baseMs: limits.backoffBaseMs, maxMs: limits.backoffMaxMs },
        },
      ],
      now,
      member,
    );
    if (waitMs > 0) return { ok: false, retryAfterMs: waitMs };
    let settled = false;
    const settle = (work: () => Promise<unknown>) => {
      if (settled) return;
      settled = true;
      work().catch((error: unknown) => logger.warn({ err: error }, "sign-in counters not updated in redis"));
    };
    return {
      ok: true,
      attempt: {
        succeeded: () =>
          settle(() => Promise.all([redis.zRem(keys.address, member), redis.del([keys.pair, keys.account])])),
        abandoned: () =>
          settle(() =>
            Promise.all([
              redis.zRem(keys.address, member),
              redis.zRem(keys.pair, member),
              redis.zRem(keys.account, member),
            ]),
          ),
      },
    };
  }
}
