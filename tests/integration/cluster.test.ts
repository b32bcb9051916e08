import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config/env";
import { eventually, inProcessCluster, urlOf } from "../support/in-process-cluster";
import { API_HEADERS, connectSocket, createRoom, send, signIn, type TestApp } from "../support/test-app";
import { clusterTestsAvailable } from "../support/test-redis";

const available = await clusterTestsAvailable();

/**
 * Two nodes in this process on their own ports, one PostgreSQL database and one Redis (a key prefix
 * of their own): what `scripts/cluster.sh` runs as separate processes.
 */
describe.skipIf(!available)("cluster mode: two nodes sharing PostgreSQL and Redis", () => {
  const cluster = inProcessCluster(() => ({ ROOM_LEASE_TTL_MS: "1000", SIGNIN_PER_ACCOUNT_PER_15_MIN: "3" }));
  let a: TestApp;
  let b: TestApp;
  beforeAll(() => {
    ({ a, b } = cluster);
  });

  const socketOn = async (t: TestApp, cookie: string) => {
    const socket = await connectSocket(urlOf(t), cookie);
    cluster.track(socket);
    return socket;
  };

  it("[CLUSTER-1] a broadcast from node A reaches a socket connected to node B", async () => {
    const person = await signIn(urlOf(b), "Listener On B");
    const socket = await socketOn(b, person.cookie);
    const heard = new Promise<unknown>((resolve) => socket.once("server:restarting", resolve));
    a.app.io.emit("server:restarting", { message: "from node A" });
    expect(await heard).toEqual({ message: "from node A" });
  });

  it("[CLUSTER-6] room events broadcast while node B's Redis connections are down reach B's sockets when they are back", async () => {
    const person = await signIn(urlOf(b), "Listener Through A Blip");
    const socket = await socketOn(b, person.cookie);
    const heard: unknown[] = [];
    socket.on("server:restarting", (payload: unknown) => heard.push(payload));
    // Every connection node B has to Redis (its own and the adapter's), cut by Redis itself.
    const list = await a.cluster?.redis.clientList();
    const ofB = (list ?? []).filter((client) => client.name === "audio-rooms-node-b");
    expect(ofB.length).toBeGreaterThanOrEqual(2);
    for (const client of ofB) await a.cluster?.redis.clientKill({ filter: "ID", id: client.id });
    for (const n of [1, 2, 3]) a.app.io.emit("server:restarting", { message: `during the blip ${n}` });
    await eventually(async () => (heard.length >= 3 ? true : undefined), 15_000);
    expect(heard).toEqual([1, 2, 3].map((n) => ({ message: `during the blip ${n}` })));
  });

  it("[CLUSTER-3] the sign-in limit is one budget over both nodes", async () => {
    const person = await signIn(urlOf(a), "Guessed Account");
    const attempt = (t: TestApp) =>
      fetch(`${urlOf(t)}/api/session`, {
        method: "POST",
        headers: API_HEADERS,
        body: JSON.stringify({ username: person.username, password: "wrong-password-123" }),
      });
    // Three wrong guesses spread over A and B use the account's whole budget (3) ...
    expect((await attempt(a)).status).toBe(401);
    expect((await attempt(b)).status).toBe(401);
    expect((await attempt(a)).status).toBe(401);
    // ... so B refuses the fourth, though it saw only one itself.
    const refused = await attempt(b);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("[CLUSTER-4] the hallway of node B shows a room live on node A, with its count", async () => {
    const host = await signIn(urlOf(a), "Host On A");
    const listener = await signIn(urlOf(a), "Listener On A");
    const roomId = await createRoom(urlOf(a), host.cookie, "Live on node A");
    expect(await send(await socketOn(a, host.cookie), "room:join", { roomId })).toMatchObject({ ok: true });
    expect(await send(await socketOn(a, listener.cookie), "room:join", { roomId })).toMatchObject({
      ok: true,
    });
    const viewer = await signIn(urlOf(b), "Viewer On B");
    const card = await eventually(async () => {
      const response = await fetch(`${urlOf(b)}/api/hallway`, { headers: { cookie: viewer.cookie } });
      const body = (await response.json()) as { data: { rooms: { id: string; listenerCount: number }[] } };
      return body.data.rooms.find((room) => room.id === roomId && room.listenerCount === 1);
    });
    expect(card).toMatchObject({ id: roomId, title: "Live on node A", listenerCount: 1, speakerCount: 1 });
    // Node B does not run it: its card came from Redis.
    expect(await b.app.registry.peek(roomId)).toBeUndefined();
  });

  it("[CLUSTER-2] a room owned by A is joined through B (forwarded to A); after A closes, B takes it over from PostgreSQL", async () => {
    const host = await signIn(urlOf(a), "Owner Host");
    const roomId = await createRoom(urlOf(a), host.cookie, "Owned by node A");
    expect(await send(await socketOn(a, host.cookie), "room:join", { roomId })).toMatchObject({ ok: true });
    const onB = await socketOn(b, host.cookie);
    expect(await send(onB, "room:join", { roomId })).toMatchObject({ ok: true });
    // B forwards to the owner; it does not run the room itself.
    expect(await b.app.registry.peek(roomId)).toBeUndefined();

    // A goes away (a clean shutdown releases its leases; a killed node's lapse: [CLUSTER-2] leases).
    await a.close();
    const again = await socketOn(b, host.cookie);
    const joined = await eventually(async () => {
      const answer = await send(again, "room:join", { roomId });
      return answer.ok ? answer : undefined;
    });
    // Restored from the database on B: the same room, still live, its host back as host.
    expect(joined.data).toMatchObject({ snapshot: { title: "Owned by node A", status: "live" } });
    expect(await b.app.registry.peek(roomId)).toBeDefined();
  });
});

describe("[CLUSTER-5] cluster mode needs PostgreSQL", () => {
  it("[CLUSTER-5] REDIS_URL on the embedded database is refused with a message naming DATABASE_URL", () => {
    expect(() =>
      loadConfig({ NODE_ENV: "test", REDIS_URL: "redis://127.0.0.1:6379", DATA_DIR: "/tmp/unused" }),
    ).toThrow(/REDIS_URL: cluster mode needs PostgreSQL \(set DATABASE_URL\)/);
    // Without REDIS_URL nothing changes: one node, no cluster settings.
    expect(loadConfig({ NODE_ENV: "test", DATA_DIR: "/tmp/unused" }).cluster).toBeNull();
    const clustered = loadConfig({
      NODE_ENV: "test",
      REDIS_URL: "redis://127.0.0.1:6379",
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/x",
      PORT: "3100",
    });
    expect(clustered.cluster).toMatchObject({ nodeUrl: "http://localhost:3100", leaseTtlMs: 10_000 });
    expect(clustered.cluster?.nodeId).toMatch(/:3100$/);
  });

  it("[CLUSTER-5] the server process refuses to start: exit 1 and the reason on stderr", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "server/index.ts"], {
      env: { ...process.env, REDIS_URL: "redis://127.0.0.1:6379", DATABASE_URL: "", DATA_DIR: "/tmp/unused" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("REDIS_URL: cluster mode needs PostgreSQL (set DATABASE_URL)");
  }, 70_000);
});
