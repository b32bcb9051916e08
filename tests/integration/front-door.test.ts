import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { SOCKET_TRANSPORTS } from "../../src/lib/socket-options";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { connectSocket, createRoom, send, signIn, startTestApp, type TestApp } from "../support/test-app";
import { TEST_REDIS_URL, clusterTestsAvailable, dropKeys, testKeyPrefix } from "../support/test-redis";

const available = await clusterTestsAvailable();
const urlOf = (t: TestApp) => t.app.url.replace("localhost", "127.0.0.1");

/** The first request of an HTTP long-polling session, as a browser falling back to polling sends it. */
async function pollingHandshake(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${url}/socket.io/?EIO=4&transport=polling`);
  return { status: response.status, body: await response.text() };
}

async function ready(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}/api/ready`);
  const body: unknown = await response.json();
  return { status: response.status, body };
}

/** A host and a listener in a room; the listener's receive transport takes a media seat. */
async function takeTheOnlySeat(
  url: string,
): Promise<{ sockets: Socket[]; listener: Socket; roomId: string }> {
  const host = await signIn(url, "Seats Host");
  const listener = await signIn(url, "Seats Listener");
  const roomId = await createRoom(url, host.cookie, "One seat");
  const hostSocket = await connectSocket(url, host.cookie);
  const listenerSocket = await connectSocket(url, listener.cookie);
  expect(await send(hostSocket, "room:join", { roomId })).toMatchObject({ ok: true });
  expect(await send(listenerSocket, "room:join", { roomId })).toMatchObject({ ok: true });
  expect(await send(listenerSocket, "media:create-transport", { direction: "recv" })).toMatchObject({
    ok: true,
  });
  return { sockets: [hostSocket, listenerSocket], listener: listenerSocket, roomId };
}

/**
 * Where a client lands (docs/ARCHITECTURE.md "Cluster"): any node takes any socket because cluster
 * nodes speak WebSocket only, and a node that is full or draining tells the front door so in
 * /api/ready, which then sends newcomers elsewhere.
 */
describe("[FRONT-DOOR] transports and readiness for a front door", () => {
  const sockets: Socket[] = [];
  afterAll(() => {
    for (const socket of sockets) socket.disconnect();
  });

  it("[FRONT-DOOR-1] a single node still opens a polling session (nothing else to fall back to)", async () => {
    const t = await startTestApp("pglite");
    try {
      const handshake = await pollingHandshake(urlOf(t));
      expect(handshake.status).toBe(200);
      expect(handshake.body).toMatch(/^0\{"sid":"[^"]+"/); // engine.io's open packet
    } finally {
      await t.close();
    }
  });

  it("[FRONT-DOOR-2] the browser's options try the WebSocket first and fall back to polling where it cannot open", async () => {
    // A Socket.IO server that takes polling only stands for a proxy that blocks WebSocket upgrades.
    const httpServer = createServer();
    const pollingOnly = new Server(httpServer, { transports: ["polling"] });
    await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
    const address = httpServer.address();
    if (address === null || typeof address === "string") throw new Error("no TCP port");
    const { port } = address;
    try {
      const socket = connect(`http://127.0.0.1:${port}`, { ...SOCKET_TRANSPORTS, reconnection: false });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", resolve);
        socket.once("connect_error", reject);
      });
      expect(socket.io.engine.transport.name).toBe("polling");
      socket.disconnect();
    } finally {
      await pollingOnly.close();
    }
    // Where the WebSocket works (every node here), it is what the client uses from the first request.
    const t = await startTestApp("pglite");
    try {
      const person = await signIn(urlOf(t), "WebSocket First");
      const socket = connect(urlOf(t), {
        ...SOCKET_TRANSPORTS,
        reconnection: false,
        extraHeaders: { cookie: person.cookie },
      });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", resolve);
        socket.once("connect_error", reject);
      });
      expect(socket.io.engine.transport.name).toBe("websocket");
    } finally {
      await t.close();
    }
  });

  it("[FRONT-DOOR-3] a single node with every media seat taken stays ready: there is no other node to send anyone to", async () => {
    const t = await startTestApp("pglite", { MEDIA_WORKERS: "1", MEDIA_MAX_CONSUMERS_PER_WORKER: "1" });
    try {
      sockets.push(...(await takeTheOnlySeat(urlOf(t))).sockets);
      expect(t.app.pool.seatsPerWorker()).toEqual([1]);
      expect(await ready(urlOf(t))).toEqual({
        status: 200,
        body: { ok: true, data: { status: "ready", checks: { serving: "ok", database: "ok", media: "ok" } } },
      });
    } finally {
      await t.close();
    }
  });

  it("[FRONT-DOOR-4] a draining node answers 503 with reason draining, code unavailable", async () => {
    const t = await startTestApp("pglite");
    try {
      t.app.drain();
      expect(await ready(urlOf(t))).toMatchObject({
        status: 503,
        body: {
          ok: false,
          error: { code: "unavailable", message: "Not ready: serving (draining for a restart)." },
          reason: "draining",
          checks: { serving: "draining for a restart", database: "ok", media: "ok" },
        },
      });
    } finally {
      await t.close();
    }
  });
});

describe.skipIf(!available)(
  "[FRONT-DOOR-CLUSTER] a cluster node takes WebSocket only, and says when it is full",
  () => {
    let database: TestDatabase;
    let node: TestApp;
    let prefix = "";
    const started: TestApp[] = [];
    const sockets: Socket[] = [];
    /** One more node of the same cluster (database and Redis prefix), with its own settings. */
    const clusterNode = async (nodeId: string, env: Record<string, string> = {}) => {
      const t = await startTestApp(
        "postgres",
        { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix, NODE_ID: nodeId, ...env },
        { database },
      );
      started.push(t);
      return t;
    };
    beforeAll(async () => {
      database = await createTestDatabase("postgres");
      prefix = testKeyPrefix();
      node = await clusterNode("front-door-a");
    });
    afterAll(async () => {
      for (const socket of sockets) socket.disconnect();
      for (const t of started) await t.close();
      await database.destroy();
      await dropKeys(prefix);
    });

    it("[FRONT-DOOR-CLUSTER-1] a polling handshake is refused (it would need sticky sessions); a WebSocket connects", async () => {
      const handshake = await pollingHandshake(urlOf(node));
      expect(handshake.status).toBe(400);
      expect(JSON.parse(handshake.body)).toEqual({ code: 0, message: "Transport unknown" });
      const person = await signIn(urlOf(node), "Cluster Socket");
      const socket = await connectSocket(urlOf(node), person.cookie);
      expect(socket.connected).toBe(true);
      socket.disconnect();
      // The browser's options land on the WebSocket at once, so the refusal costs them nothing.
      const browserLike = connect(urlOf(node), {
        ...SOCKET_TRANSPORTS,
        reconnection: false,
        extraHeaders: { cookie: person.cookie },
      });
      try {
        await new Promise<void>((resolve, reject) => {
          browserLike.once("connect", resolve);
          browserLike.once("connect_error", reject);
        });
        expect(browserLike.io.engine.transport.name).toBe("websocket");
      } finally {
        browserLike.disconnect();
      }
    });

    it("[FRONT-DOOR-CLUSTER-2] a node without a media seat for one more listener answers 503 full, and ready again when one is free", async () => {
      const full = await clusterNode("front-door-seats", {
        MEDIA_WORKERS: "1",
        MEDIA_MAX_CONSUMERS_PER_WORKER: "1",
      });
      const url = urlOf(full);
      expect(await ready(url)).toMatchObject({ status: 200, body: { data: { checks: { capacity: "ok" } } } });
      const seated = await takeTheOnlySeat(url);
      sockets.push(...seated.sockets);
      expect(full.app.pool.seatsPerWorker()).toEqual([1]);
      expect(await ready(url)).toEqual({
        status: 503,
        body: {
          ok: false,
          error: {
            code: "unavailable",
            message: "Not ready: capacity (full: no media seat free for one more listener).",
          },
          reason: "full",
          checks: {
            serving: "ok",
            database: "ok",
            media: "ok",
            capacity: "full: no media seat free for one more listener",
          },
        },
      });
      // The listener leaves: the seat is free, newcomers may come here again.
      expect(await send(seated.listener, "room:leave", { roomId: seated.roomId })).toMatchObject({
        ok: true,
      });
      await expect.poll(async () => (await ready(url)).status, { timeout: 5000 }).toBe(200);
    });

    it("[FRONT-DOOR-CLUSTER-3] at READY_MAX_SOCKETS open sockets a node answers 503 full; one socket fewer, ready again", async () => {
      const busy = await clusterNode("front-door-sockets", { READY_MAX_SOCKETS: "2" });
      const url = urlOf(busy);
      const person = await signIn(url, "Two Tabs");
      sockets.push(await connectSocket(url, person.cookie));
      expect((await ready(url)).status).toBe(200);
      const second = await connectSocket(url, person.cookie);
      sockets.push(second);
      expect(await ready(url)).toMatchObject({
        status: 503,
        body: { reason: "full", checks: { capacity: "full: 2 sockets open, the limit is 2" } },
      });
      second.disconnect();
      await expect.poll(async () => (await ready(url)).status, { timeout: 5000 }).toBe(200);
    });
  },
);
