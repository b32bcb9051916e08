import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectRedis, type RedisConnection } from "../../server/cluster/redis-connection";
import { RedisJoinLimit } from "../../server/cluster/redis-rate-limits";
import { RoomLeases } from "../../server/cluster/room-leases";
import { startRedisServer } from "../support/redis-server-process";
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

describe.skipIf(!available)("[CLUSTER-2] room leases through a Redis that lost its data", () => {
  let redis: RedisConnection;
  const made: RoomLeases[] = [];
  const leases = (nodeId: string, keyPrefix: string, connection = redis, ttlMs = 60_000) => {
    const node = new RoomLeases({
      redis: connection,
      keyPrefix,
      self: { nodeId, url: `http://${nodeId}.test` },
      ttlMs,
      logger: testLogger(),
    });
    made.push(node);
    return node;
  };
  /** What a restart of a Redis without persistence does to one prefix: every key of it gone. */
  const loseData = (prefix: string, roomId: string) =>
    redis.del([`${prefix}room-owner:${roomId}`, `${prefix}room-owner-epoch`]);

  beforeAll(async () => {
    redis = await connectRedis(TEST_REDIS_URL, testLogger());
  });
  afterAll(async () => {
    for (const node of made) await node.close();
    redis.destroy();
  });

  it("[CLUSTER-2] a lease gone with Redis's data is taken back by its holder at the next renewal", async () => {
    const prefix = testKeyPrefix();
    const a = leases("node-a", prefix);
    const b = leases("node-b", prefix);
    const lost: string[] = [];
    a.onLost((roomId) => lost.push(roomId));
    expect(await a.claim("room-4")).toEqual({ ok: true });
    await loseData(prefix, "room-4");
    await a.renewAll();
    expect(lost).toEqual([]);
    expect(a.holds("room-4")).toBe(true);
    expect(await b.ownerOf("room-4")).toEqual({ nodeId: "node-a", url: "http://node-a.test" });
    expect(await b.claim("room-4")).toMatchObject({ ok: false, owner: { nodeId: "node-a" } });
    // Taken back under the new epoch: a later lapse (Redis kept its data) is a loss again.
    await redis.del(`${prefix}room-owner:room-4`);
    await a.renewAll();
    expect(lost).toEqual(["room-4"]);
  });

  it("[CLUSTER-2] a lease that lapsed while Redis kept its data is lost, though nobody took it", async () => {
    const prefix = testKeyPrefix();
    const a = leases("node-a", prefix);
    const lost: string[] = [];
    a.onLost((roomId) => lost.push(roomId));
    expect(await a.claim("room-5")).toEqual({ ok: true });
    // A stalled past its TTL: another node may have run the room and ended it meanwhile.
    await redis.del(`${prefix}room-owner:room-5`);
    await a.renewAll();
    expect(lost).toEqual(["room-5"]);
    expect(a.holds("room-5")).toBe(false);
    expect(await a.ownerOf("room-5")).toBeNull();
  });

  it("[CLUSTER-2] after Redis lost its data, a node that claimed the room first keeps it and the former holder hears it lost", async () => {
    const prefix = testKeyPrefix();
    const a = leases("node-a", prefix);
    const b = leases("node-b", prefix);
    const lost: string[] = [];
    a.onLost((roomId) => lost.push(roomId));
    expect(await a.claim("room-6")).toEqual({ ok: true });
    await loseData(prefix, "room-6");
    expect(await b.claim("room-6")).toEqual({ ok: true });
    await a.renewAll();
    expect(lost).toEqual(["room-6"]);
    expect(await a.ownerOf("room-6")).toMatchObject({ nodeId: "node-b" });
  });

  it("[CLUSTER-2] a real restart of a Redis keeping nothing on disk: every holder keeps its rooms on its own timer", async () => {
    const server = await startRedisServer();
    const connection = await connectRedis(server.url, testLogger());
    try {
      const prefix = testKeyPrefix();
      const a = leases("node-a", prefix, connection, 600);
      const b = leases("node-b", prefix, connection, 600);
      const lost: string[] = [];
      a.onLost((roomId) => lost.push(roomId));
      b.onLost((roomId) => lost.push(roomId));
      expect(await a.claim("room-a")).toEqual({ ok: true });
      expect(await b.claim("room-b")).toEqual({ ok: true });
      await server.restart();
      expect(await connection.get(`${prefix}room-owner:room-a`)).toBeNull(); // really gone
      // Renewed every 200 ms once node-redis is reconnected (its backoff is at most 2 s).
      const until = Date.now() + 5_000;
      while (!((await a.ownerOf("room-a")) && (await b.ownerOf("room-b"))) && Date.now() < until)
        await sleep(50);
      expect(await a.ownerOf("room-a")).toMatchObject({ nodeId: "node-a" });
      expect(await a.ownerOf("room-b")).toMatchObject({ nodeId: "node-b" });
      // And they stay held past several TTLs.
      await sleep(1_500);
      expect(lost).toEqual([]);
      expect(await b.claim("room-a")).toMatchObject({ ok: false, owner: { nodeId: "node-a" } });
    } finally {
      for (const node of made.splice(0)) await node.close();
      connection.destroy();
      await server.stop();
    }
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
