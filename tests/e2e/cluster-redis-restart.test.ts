import type { Socket } from "socket.io-client";
import { createClient } from "redis";
import { afterAll, describe, expect, it } from "vitest";
import { hallwaySchema, serverEvents } from "../../src/shared/protocol";
import { api } from "../support/api-client";
import { clusterProcessesAvailable, clusterProcessesSuite } from "../support/cluster-processes";
import { connectSocket, createRoom, send, signIn } from "../support/test-app";

const available = await clusterProcessesAvailable();

type Person = { name: string; userId: string; username: string; password: string; cookie: string };

async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 10_000,
  everyMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Every event a socket receives, in order, with its payload. */
function recorder(socket: Socket): { name: string; payload: unknown }[] {
  const heard: { name: string; payload: unknown }[] = [];
  socket.onAny((name: string, payload: unknown) => heard.push({ name, payload }));
  return heard;
}

async function hallwayIds(url: string, cookie: string): Promise<string[]> {
  const answer = await api(url, "GET", "/api/hallway", { cookie });
  if (!answer.body.ok) throw new Error(answer.body.error.message);
  return hallwaySchema.parse(answer.body.data).rooms.map((room) => room.id);
}

/** The speaker count the last hallway push about `roomId` carried, on one watcher. */
function pushedSpeakers(heard: { name: string; payload: unknown }[], roomId: string): number | undefined {
  const pushes = heard
    .filter((event) => event.name === "hallway:room-updated")
    .map((event) => serverEvents["hallway:room-updated"].safeParse(event.payload))
    .flatMap((parsed) => (parsed.success && parsed.data.room.id === roomId ? [parsed.data.room] : []));
  return pushes.at(-1)?.speakerCount;
}

/** Whether `socket` was told that `userId` now has `role`, and at which room version. */
function roleChange(heard: { name: string; payload: unknown }[], userId: string, role: string) {
  for (const event of heard) {
    if (event.name !== "room:member-updated") continue;
    const parsed = serverEvents["room:member-updated"].safeParse(event.payload);
    if (parsed.success && parsed.data.member.userId === userId && parsed.data.member.role === role)
      return parsed.data.version;
  }
  return undefined;
}

/**
 * The cluster as separate processes (tests/support/cluster-processes.ts): three nodes of the real
 * server, a private redis-server keeping nothing on disk, one PostgreSQL database. Until commands
 * are forwarded between nodes, members join the room on its owner's node (node 1); what crosses
 * nodes is the hallway, the user channel (a ping's notification) and sign-in.
 */
describe.skipIf(!available)("[CLUSTER-PROC] three node processes through a Redis restart", () => {
  const suite = clusterProcessesSuite(3);
  const sockets: Socket[] = [];
  afterAll(() => sockets.forEach((socket) => socket.disconnect())); // before the suite stops the nodes
  const url = (index: number) => suite.cluster.node(index).url;
  const person = async (index: number, name: string): Promise<Person> => ({
    name,
    ...(await signIn(url(index), name)),
  });
  const socketOf = async (index: number, who: Person) => {
    const socket = await connectSocket(url(index), who.cookie);
    sockets.push(socket);
    return socket;
  };
  const ok = async (socket: Socket, event: string, payload: unknown) => {
    const answer = await send(socket, event, payload);
    if (!answer.ok) throw new Error(`${event}: ${answer.error.code} ${answer.error.message}`);
    return answer.data;
  };
  const signInWorks = async (index: number, who: Person) => {
    const answer = await api(url(index), "POST", "/api/session", {
      body: { username: who.username, password: who.password },
    });
    return answer.status === 200 && (answer.headers.get("set-cookie") ?? "").includes("=");
  };

  // Shared by the tests below (they run in order): the room, its people and what they heard.
  let roomId = "";
  let host: Person;
  let speaker: Person;
  let listener: Person;
  let onTwo: Person;
  let onThree: Person;
  let hostSocket: Socket;
  let listenerSocket: Socket;
  let hostHeard: { name: string; payload: unknown }[];
  const watchers: { index: number; heard: { name: string; payload: unknown }[] }[] = [];
  const notified: Record<number, { name: string; payload: unknown }[]> = {};

  it("[CLUSTER-PROC-1] a room hosted through node 1 is listed, pushed and pinged on nodes 2 and 3", async () => {
    const { cluster } = suite;
    host = await person(1, "Hera Host");
    speaker = await person(2, "Sam Speaker"); // an account made on node 2 signs in on node 1
    listener = await person(3, "Lou Listener");
    onTwo = await person(2, "Tia On Two");
    onThree = await person(3, "Theo On Three");
    roomId = await createRoom(url(1), host.cookie, "Through a Redis restart");
    hostSocket = await socketOf(1, host);
    hostHeard = recorder(hostSocket);
    await ok(hostSocket, "room:join", { roomId });
    const speakerSocket = await socketOf(1, speaker);
    await ok(speakerSocket, "room:join", { roomId });
    listenerSocket = await socketOf(1, listener);
    await ok(listenerSocket, "room:join", { roomId });
    for (const index of [2, 3]) {
      const watcher = await socketOf(index, index === 2 ? onTwo : onThree);
      watchers.push({ index, heard: recorder(watcher) });
      notified[index] = watchers.at(-1)?.heard ?? [];
      await ok(watcher, "hallway:watch", {});
    }
    for (const index of [1, 2, 3])
      await eventually(`node ${index} lists the room`, async () =>
        (await hallwayIds(url(index), onTwo.cookie)).includes(roomId) ? true : undefined,
      );

    // A stage change on node 1 reaches its members, and the hallway watchers of nodes 2 and 3.
    await ok(hostSocket, "room:invite-to-speak", { userId: speaker.userId });
    await ok(speakerSocket, "room:respond-to-invitation", { accept: true });
    await eventually("the host hears the new speaker", async () =>
      roleChange(hostHeard, speaker.userId, "speaker"),
    );
    for (const watcher of watchers)
      await eventually(`node ${watcher.index}'s watcher hears 2 speakers`, async () =>
        pushedSpeakers(watcher.heard, roomId) === 2 ? true : undefined,
      );

    // The user channel crosses nodes: a ping from the room on node 1 reaches Tia's socket on node 2.
    for (const target of [onTwo, onThree])
      expect(
        (await api(url(1), "POST", `/api/users/${target.username}/follow`, { cookie: host.cookie })).status,
      ).toBe(200);
    expect(await ok(hostSocket, "room:ping", { userIds: [onTwo.userId] })).toMatchObject({
      pinged: [onTwo.userId],
    });
    await eventually("Tia on node 2 is notified", async () =>
      notified[2]?.some((event) => event.name === "notification:created") ? true : undefined,
    );
    expect(cluster.unexpectedExits()).toEqual([]);
  });

  it("[CLUSTER-PROC-2] Redis crashes and comes back empty 2 s later: no node restarts, node 1 takes its lease back, the room goes on and every part crosses nodes again", async () => {
    const { cluster } = suite;
    const pids = cluster.nodes().map((node) => node.pid);
    const starts = cluster.nodes().map((node) => node.starts);
    const mark = cluster.node(1).lineCount;
    const crashedAt = Date.now();
    // SIGKILL, 2 s without Redis (past the 1.5 s lease TTL), then a new empty redis-server on the same port.
    const outage = cluster.restartRedis({ downMs: 2_000 });
    // Meanwhile the hallway still answers (this node's rooms), without waiting for Redis.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const askedAt = Date.now();
    expect(await hallwayIds(url(1), onTwo.cookie)).toContain(roomId);
    const hallwayDuringOutageMs = Date.now() - askedAt;
    expect(hallwayDuringOutageMs).toBeLessThan(3_000);
    await outage;
    const redisBackAt = Date.now();

    const redis = createClient({ url: cluster.redis.url });
    redis.on("error", () => undefined);
    await redis.connect();
    try {
      // Node 1 writes its lease again (nobody else claimed the room): the owner is still node 1.
      const ownerKey = `${cluster.keyPrefix}room-owner:${roomId}`;
      const owner = await eventually(
        "the lease is back",
        async () => (await redis.get(ownerKey)) ?? undefined,
      );
      expect(JSON.parse(owner)).toEqual({ nodeId: "node-1", url: url(1) });
      const leaseBackMs = Date.now() - redisBackAt;

      // The hallway of every node lists the room again within a few seconds.
      const listed = await Promise.all(
        [1, 2, 3].map((index) =>
          eventually(
            `node ${index} lists the room again`,
            async () =>
              (await hallwayIds(url(index), onThree.cookie)).includes(roomId) ? Date.now() : undefined,
            10_000,
          ),
        ),
      );
      const hallwayBackMs = Math.max(...listed) - redisBackAt;

      // The same room goes on in node 1's memory: the next stage change carries the next version.
      const before = roleChange(hostHeard, speaker.userId, "speaker") ?? 0;
      await ok(hostSocket, "room:invite-to-speak", { userId: listener.userId });
      await ok(listenerSocket, "room:respond-to-invitation", { accept: true });
      const version = await eventually("the host hears the second speaker", async () =>
        roleChange(hostHeard, listener.userId, "speaker"),
      );
      expect(version).toBeGreaterThan(before);
      expect(hostHeard.map((event) => event.name)).not.toContain("room:ended");
      for (const watcher of watchers)
        await eventually(`node ${watcher.index}'s watcher hears 3 speakers`, async () =>
          pushedSpeakers(watcher.heard, roomId) === 3 ? true : undefined,
        );
      // The user channel through the new Redis: a ping reaches Theo on node 3.
      expect(await ok(hostSocket, "room:ping", { userIds: [onThree.userId] })).toMatchObject({
        pinged: [onThree.userId],
      });
      await eventually("Theo on node 3 is notified", async () =>
        notified[3]?.some((event) => event.name === "notification:created") ? true : undefined,
      );
      // Sign-in (its limits are in Redis) on every node, and a new account on node 2 joining on node 1.
      for (const index of [1, 2, 3]) expect(await signInWorks(index, host)).toBe(true);
      const newcomer = await person(2, "Nia Newcomer");
      const joined = await ok(await socketOf(1, newcomer), "room:join", { roomId });
      expect(joined).toMatchObject({ snapshot: { status: "live" } });

      // Taken back, never lost; and no node process restarted or exited.
      const said = cluster.node(1).linesSince(mark).join("\n");
      expect(said).toContain("room lease was gone with redis's data; taken back");
      expect(said).not.toContain("room lease lost");
      expect(cluster.nodes().map((node) => node.pid)).toEqual(pids);
      expect(cluster.nodes().map((node) => node.starts)).toEqual(starts);
      expect(cluster.nodes().every((node) => node.running)).toBe(true);
      expect(cluster.unexpectedExits()).toEqual([]);
      console.info(
        `[CLUSTER-PROC-2] outage ${redisBackAt - crashedAt} ms; hallway answered in ${hallwayDuringOutageMs} ms ` +
          `during it; after Redis was back: lease rewritten in ${leaseBackMs} ms, every hallway listing the ` +
          `room in ${hallwayBackMs} ms`,
      );
    } finally {
      redis.destroy();
    }
  });

  it("[CLUSTER-PROC-3] kill -9 of the owner: node 2 takes its room over from PostgreSQL after the lease TTL; the killed node comes back on its port; a SIGTERM drain exits 0", async () => {
    const { cluster } = suite;
    const killed = await cluster.kill(1, "SIGKILL");
    expect(killed).toMatchObject({ nodeId: "node-1", signal: "SIGKILL", expected: true });
    expect(cluster.node(1).running).toBe(false);
    const killedAt = Date.now();
    const hostOnTwo = await socketOf(2, host);
    // Refused (node 1's lease still stands) until it lapses unrenewed; then node 2 restores the room.
    const joined = await eventually(
      "node 2 takes the room over",
      async () => {
        const answer = await send(hostOnTwo, "room:join", { roomId });
        return answer.ok ? answer.data : undefined;
      },
      15_000,
      300,
    );
    const takeoverMs = Date.now() - killedAt;
    expect(joined).toMatchObject({ snapshot: { title: "Through a Redis restart", status: "live" } });
    expect(takeoverMs).toBeGreaterThan(500); // not before node 1's lease could lapse (TTL 1.5 s)
    await eventually(`node 3 lists the room from node 2`, async () =>
      (await hallwayIds(url(3), onThree.cookie)).includes(roomId) ? true : undefined,
    );

    const firstPid = killed?.pid;
    await cluster.restart(1); // not running: just started again, same port and NODE_ID
    expect(cluster.node(1).starts).toBe(2);
    expect(cluster.node(1).pid).not.toBe(firstPid);
    await eventually("the restarted node 1 lists the room of node 2", async () =>
      (await hallwayIds(url(1), onTwo.cookie)).includes(roomId) ? true : undefined,
    );

    const drained = await cluster.kill(3, "SIGTERM");
    expect(drained).toMatchObject({ nodeId: "node-3", code: 0, expected: true });
    await cluster.start(3);
    expect(cluster.nodes().every((node) => node.running)).toBe(true);
    expect(cluster.unexpectedExits()).toEqual([]);
    console.info(`[CLUSTER-PROC-3] node 2 ran the room of the killed node 1 ${takeoverMs} ms after kill -9`);
  });
});
