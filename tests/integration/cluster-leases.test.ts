import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectRedis, type RedisConnection } from "../../server/cluster/redis-connection";
import { RedisJoinLimit } from "../../server/cluster/redis-rate-limits";
import { RoomLeases } from "../../server/cluster/room-leases";
import { testLogger } from "../support/test-database";
import { TEST_REDIS_URL, clusterTestsAvailable, testKeyPrefix } from "../support/test-redis";

const available = await clusterTestsAvailable();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!available)("[CLUSTER-2] room ownership leases in Redis", () => {
  let redis: RedisConnection;
  const made: RoomLeases[] = [];
  const leases = (nodeId: string, keyPrefix: string, ttlMs = 600) => {
    const node = new RoomLeases({
      redis,
      keyPrefix,
      self: { nodeId, url: `http://${nodeId}.test` },
      ttlMs,
      logger: testLogger(),
    });
    made.push(node);
    return node;
  };

  beforeAll(async () => {
    redis = await connectRedis(TEST_REDIS_URL, testLogger());
  });
  afterAll(async () => {
    for (const node of made) await node.close();
    redis.destroy();
  });

  it("[CLUSTER-2] a lease held by A is refused to B, and B takes it once A releases it", async () => {
    const prefix = testKeyPrefix();
    const a = leases("node-a", prefix);
    const b = leases("node-b", prefix);
    expect(await a.claim("room-1")).toEqual({ ok: true });
    // Claiming again what one holds is fine (a restart of the room on the same node).
    expect(await a.claim("room-1")).toEqual({ ok: true });
    expect(await b.claim("room-1")).toEqual({
      ok: false,
      owner: { nodeId: "node-a", url: "http://node-a.test" },
    });
    expect(await b.ownerOf("room-1")).toEqual({ nodeId: "node-a", url: "http://node-a.test" });
    await a.release("room-1");
    expect(await b.ownerOf("room-1")).toBeNull();
    expect(await b.claim("room-1")).toEqual({ ok: true });
    expect(await a.claim("room-1")).toMatchObject({ ok: false, owner: { nodeId: "node-b" } });
  });

  it("[CLUSTER-2] the holder's renewals keep a lease past its TTL; a dead node's lease lapses", async () => {
    const prefix = testKeyPrefix();
    const a = leases("node-a", prefix, 400);
    const b = leases("node-b", prefix, 400);
    expect(await a.claim("room-2")).toEqual({ ok: true });
    // Renewed every ttl/3 by A's timer: still A's after twice the TTL.
    await sleep(900);
    expect(await b.claim("room-2")).toMatchObject({ ok: false, owner: { nodeId: "node-a" } });
    a.abandon(); // what kill -9 does: no more renewals, nothing released
    expect(await b.claim("room-2")).toMatchObject({ ok: false });
    await sleep(600);
    expect(await b.claim("room-2")).toEqual({ ok: true });
  });

  it("[CLUSTER-2] a node whose lease was taken over hears it at its next renewal and cannot release the new owner's", async () => {
    const prefix = testKeyPrefix();
    const a = leases("node-a", prefix, 60_000);
    const b = leases("node-b", prefix, 60_000);
    const lost: string[] = [];
    a.onLost((roomId) => lost.push(roomId));
    expect(await a.claim("room-3")).toEqual({ ok: true });
    // A stalled long enough for the lease to lapse and B to take the room.
    await redis.del(`${prefix}room-owner:room-3`);
    expect(await b.claim("room-3")).toEqual({ ok: true });
    await a.renewAll();
    expect(lost).toEqual(["room-3"]);
    expect(a.holds("room-3")).toBe(false);
    await a.release("room-3");
    expect(await a.ownerOf("room-3")).toMatchObject({ nodeId: "node-b" });
  });
});

describe.skipIf(!available)("[CLUSTER-3] shared limits in Redis", () => {
  it("[CLUSTER-3] joins per address are one budget over every node", async () => {
    const redis = await connectRedis(TEST_REDIS_URL, testLogger());
    try {
      const prefix = testKeyPrefix();
      const nodeA = new RedisJoinLimit(redis, prefix, 3);
      const nodeB = new RedisJoinLimit(redis, prefix, 3);
      expect(await nodeA.join("198.51.100.7")).toBe(0);
      expect(await nodeB.join("198.51.100.7")).toBe(0);
      expect(await nodeA.join("198.51.100.7")).toBe(0);
      const wait = await nodeB.join("198.51.100.7");
      expect(wait).toBeGreaterThan(50_000);
      expect(wait).toBeLessThanOrEqual(60_000);
      // Another address has its own budget.
      expect(await nodeB.join("198.51.100.8")).toBe(0);
    } finally {
      redis.destroy();
    }
  });
});
