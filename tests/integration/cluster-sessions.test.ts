import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect, type Socket } from "socket.io-client";
import { connectRedis, type RedisConnection } from "../../server/cluster/redis-connection";
import { RedisSocketSlots } from "../../server/cluster/redis-socket-slots";
import { addressLimitKey } from "../../server/http/client-address";
import { testLogger } from "../support/test-database";
import { eventually, inProcessCluster, urlOf } from "../support/in-process-cluster";
import { API_HEADERS, createRoom, send, signIn, type TestApp } from "../support/test-app";
import { call, signUpAdmin } from "../support/staff-helpers";
import { TEST_REDIS_URL, clusterTestsAvailable, dropKeys, testKeyPrefix } from "../support/test-redis";

const available = await clusterTestsAvailable();

const ADMIN = "cluster_admin";
const SOCKETS_PER_ADDRESS = 2;

function disconnected(socket: Socket, timeoutMs = 5_000): Promise<void> {
  if (!socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`socket still connected after ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.once("disconnect", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** A TCP relay to Redis whose traffic can be held back (Redis "not answering") and let through again. */
async function stallableProxy(target: URL) {
  const links: { client: net.Socket; upstream: net.Socket }[] = [];
  let stalled = false;
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    links.push({ client, upstream });
    if (!stalled) client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : 0,
    stall() {
      stalled = true;
      for (const link of links) link.client.unpipe(link.upstream);
    },
    resume() {
      stalled = false;
      for (const link of links) link.client.pipe(link.upstream);
    },
    close() {
      for (const link of links) link.client.destroy();
      server.close();
    },
  };
}

let lastOctet = 0;
/** Every socket of this file comes "from" its own address (TRUST_PROXY=loopback), unless told one. */
const freshAddress = () => `198.51.100.${String((lastOctet += 1))}`;

/**
 * Two nodes sharing PostgreSQL and Redis, as in tests/integration/cluster.test.ts: what reaches one
 * node's sockets and rooms when it happens on the other (sign-out, sanctions, blocks), the socket
 * limit per address counted over both, and a social room's members seeing it from the other node.
 */
describe.skipIf(!available)("cluster mode: sessions, sanctions, blocks and limits across nodes", () => {
  const cluster = inProcessCluster(() => ({
    ROOM_LEASE_TTL_MS: "2000",
    ADMIN_USERNAME: ADMIN,
    // Test clients name their address in X-Forwarded-For, so each test has its own budget.
    TRUST_PROXY: "loopback",
    MAX_SOCKETS_PER_IP: String(SOCKETS_PER_ADDRESS),
  }));
  let a: TestApp;
  let b: TestApp;
  beforeAll(() => {
    ({ a, b } = cluster);
  });

  const socketOn = async (t: TestApp, cookie: string, address = freshAddress()) => {
    const socket = connect(urlOf(t), {
      transports: ["websocket"],
      extraHeaders: { cookie, "x-forwarded-for": address },
      reconnection: false,
      forceNew: true,
    });
    cluster.track(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", (error) => reject(error));
    });
    return socket;
  };

  it("[CLUSTER-7] signing out on node B closes the session's sockets on node A too", async () => {
    const person = await signIn(urlOf(a), "Two Tabs");
    const onA = await socketOn(a, person.cookie);
    const onB = await socketOn(b, person.cookie);
    const goneA = disconnected(onA);
    const goneB = disconnected(onB);
    const out = await fetch(`${urlOf(b)}/api/session`, {
      method: "DELETE",
      headers: { ...API_HEADERS, cookie: person.cookie },
    });
    expect(out.status).toBe(200);
    await Promise.all([goneA, goneB]);
    // The session itself is gone for both nodes (PostgreSQL): the cookie opens nothing any more.
    await expect(socketOn(a, person.cookie)).rejects.toThrow("unauthorized");
  });

  it("[CLUSTER-8] a suspension made on node B takes its target out of node A's rooms, ends the room they host there and closes their sockets there, before it answers", async () => {
    const admin = await signUpAdmin(urlOf(b), ADMIN);
    const target = await signIn(urlOf(a), "Sanctioned On A");
    const otherHost = await signIn(urlOf(a), "Other Host On A");
    const ownRoom = await createRoom(urlOf(a), target.cookie, "Target's room on A");
    const hostSocket = await socketOn(a, target.cookie);
    expect(await send(hostSocket, "room:join", { roomId: ownRoom })).toMatchObject({ ok: true });
    const otherRoom = await createRoom(urlOf(a), otherHost.cookie, "Someone else's room on A");
    expect(await send(await socketOn(a, otherHost.cookie), "room:join", { roomId: otherRoom })).toMatchObject(
      {
        ok: true,
      },
    );
    const listenSocket = await socketOn(a, target.cookie);
    expect(await send(listenSocket, "room:join", { roomId: otherRoom })).toMatchObject({ ok: true });
    expect((await a.app.registry.peek(otherRoom))?.hasMember(target.userId)).toBe(true);
    // Node B runs neither room: all it can do for them goes through the cluster.
    expect(await b.app.registry.peek(otherRoom)).toBeUndefined();

    const gone = Promise.all([disconnected(hostSocket), disconnected(listenSocket)]);
    const answer = await call(
      urlOf(b),
      "POST",
      `/api/admin/people/${target.username}/actions`,
      admin.cookie,
      {
        action: "suspend",
        reason: "Spamming links in rooms",
        duration: { amount: 1, unit: "days" },
      },
    );
    expect(answer.body.ok).toBe(true);
    // By the time staff see "done", node A has applied it (not after the rejoin grace).
    expect((await a.app.registry.peek(otherRoom))?.hasMember(target.userId)).toBe(false);
    expect((await a.app.registry.peek(ownRoom))?.isEnded ?? true).toBe(true);
    const own = await call(urlOf(a), "GET", `/api/rooms/${ownRoom}`, otherHost.cookie);
    expect(own.body.data).toMatchObject({ status: "ended", endReason: "host-suspended" });
    await gone;
  });

  it("[CLUSTER-9] a host's block made on node B takes the blocked listener out of the host's room on node A", async () => {
    const host = await signIn(urlOf(a), "Blocking Host");
    const pest = await signIn(urlOf(a), "Blocked Listener");
    const roomId = await createRoom(urlOf(a), host.cookie, "Room on A with a pest");
    expect(await send(await socketOn(a, host.cookie), "room:join", { roomId })).toMatchObject({ ok: true });
    const pestSocket = await socketOn(a, pest.cookie);
    expect(await send(pestSocket, "room:join", { roomId })).toMatchObject({ ok: true });
    expect((await a.app.registry.peek(roomId))?.hasMember(pest.userId)).toBe(true);

    const blocked = await call(urlOf(b), "POST", `/api/users/${pest.username}/block`, host.cookie);
    expect(blocked.status).toBe(200);
    // The block's answer waited for node A's room: the pest is out already, and stays out.
    expect((await a.app.registry.peek(roomId))?.hasMember(pest.userId)).toBe(false);
    expect(await send(pestSocket, "room:join", { roomId })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
  });

  it("[CLUSTER-10] MAX_SOCKETS_PER_IP is one budget over both nodes, freed when a socket closes", async () => {
    const person = await signIn(urlOf(a), "Many Sockets");
    const address = freshAddress();
    await socketOn(a, person.cookie, address);
    const onB = await socketOn(b, person.cookie, address);
    // Each node holds one socket of this address; together they hold the limit (2).
    await expect(socketOn(a, person.cookie, address)).rejects.toThrow("too_many_connections");
    await expect(socketOn(b, person.cookie, address)).rejects.toThrow("too_many_connections");
    expect(await a.cluster?.socketSlots.count(addressLimitKey(address))).toBe(SOCKETS_PER_ADDRESS);
    // Closing the socket on B frees the slot for a connection on A.
    onB.disconnect();
    const again = await eventually(() => socketOn(a, person.cookie, address).catch(() => undefined));
    expect(again.connected).toBe(true);
  });

  it("[CLUSTER-11] a member of a social room on node A still sees it in node B's hallway after the speaker who follows them stopped; a stranger does not", async () => {
    const host = await signIn(urlOf(a), "Social Host");
    const member = await signIn(urlOf(a), "Followed Member");
    const stranger = await signIn(urlOf(b), "Stranger On B");
    const follow = (method: "POST" | "DELETE") =>
      call(urlOf(a), method, `/api/users/${member.username}/follow`, host.cookie);
    expect((await follow("POST")).status).toBe(200);
    const roomId = await createRoom(urlOf(a), host.cookie, "Social room on A", { type: "social" });
    expect(await send(await socketOn(a, host.cookie), "room:join", { roomId })).toMatchObject({ ok: true });
    expect(await send(await socketOn(a, member.cookie), "room:join", { roomId })).toMatchObject({ ok: true });
    // The only speaker no longer follows the member: the social rule alone would hide the room
    // from them now; being inside is what keeps it theirs (as node A's own hallway has it).
    expect((await follow("DELETE")).status).toBe(200);
    const hallwayIds = async (t: TestApp, cookie: string) => {
      const answer = await call(urlOf(t), "GET", "/api/hallway", cookie);
      const data = answer.body.data as { rooms: { id: string }[] } | undefined;
      return (data?.rooms ?? []).map((room) => room.id);
    };
    expect(await hallwayIds(a, member.cookie)).toContain(roomId);
    await eventually(async () => ((await hallwayIds(b, member.cookie)).includes(roomId) ? true : undefined));
    expect(await b.app.registry.peek(roomId)).toBeUndefined();
    expect(await hallwayIds(b, stranger.cookie)).not.toContain(roomId);
  });
});

describe.skipIf(!available)("cluster mode: socket slots in Redis", () => {
  let prefix = "";
  const opened: RedisSocketSlots[] = [];
  const clients: RedisConnection[] = [];
  const slotsFor = async (nodeId: string, given?: RedisConnection) => {
    const redis = given ?? (await connectRedis(TEST_REDIS_URL, testLogger()));
    clients.push(redis);
    const slots = new RedisSocketSlots({
      redis,
      keyPrefix: prefix,
      nodeId,
      perIp: 2,
      ttlMs: 400,
      logger: testLogger(),
    });
    opened.push(slots);
    return slots;
  };
  beforeAll(() => {
    prefix = testKeyPrefix();
  });
  afterAll(async () => {
    for (const slots of opened) await slots.close();
    for (const redis of clients) if (redis.isOpen) redis.destroy();
    await dropKeys(prefix);
  });

  it("[CLUSTER-12] the sockets of a node that dies stop counting after the TTL; a live node's keep counting", async () => {
    const live = await slotsFor("node-live");
    const dying = await slotsFor("node-dying");
    expect(await live.take("203.0.113.1", "s1")).not.toBeNull();
    expect(await dying.take("203.0.113.1", "s2")).not.toBeNull();
    expect(await live.take("203.0.113.1", "s3")).toBeNull();
    dying.abandon(); // stops refreshing and never says goodbye, like a killed process
    await new Promise((resolve) => setTimeout(resolve, 700));
    // node-live refreshed its slot (every third of the TTL); node-dying's lapsed.
    expect(await live.count("203.0.113.1")).toBe(1);
    expect(await live.take("203.0.113.1", "s4")).not.toBeNull();
    expect(await live.take("203.0.113.1", "s5")).toBeNull();
  });

  it("[CLUSTER-12] with Redis not answering a socket is admitted on the node's own count, and counted in Redis once it is back", async () => {
    const proxy = await stallableProxy(new URL(TEST_REDIS_URL));
    try {
      const redis = await connectRedis(`redis://127.0.0.1:${String(proxy.port)}`, testLogger());
      const slots = await slotsFor("node-cut", redis);
      proxy.stall();
      const started = Date.now();
      const release = await slots.take("203.0.113.2", "s1");
      // Admitted after the wait for Redis (1 s), not refused and not left hanging.
      expect(release).not.toBeNull();
      expect(Date.now() - started).toBeLessThan(3_000);
      proxy.resume();
      await eventually(async () => ((await slots.count("203.0.113.2")) === 1 ? true : undefined), 5_000);
      release?.();
      await eventually(async () => ((await slots.count("203.0.113.2")) === 0 ? true : undefined), 5_000);
    } finally {
      proxy.close();
    }
  });
});
