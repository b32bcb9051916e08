/**
 * Hallway load: what the hallway costs with many live rooms and many people watching it.
 *
 * Sets up ROOMS live rooms (each with a signed-in host connected on stage and a few topics), then
 * LISTENERS guest listeners spread over them, and WATCHERS guest connections watching the hallway.
 * Measures:
 *   1. GET /api/hallway latency for a signed-in viewer who follows some hosts (ranked, filtered),
 *      plain and with a search, REQUESTS each, sequential: p50 / p95 / max;
 *   2. push fan-out: one person joins a room; time until every watcher has that room's pushed card (`hallway:room-updated`),
 *      ROUNDS rounds spaced past the 1 s coalescing window: p50 / p95 / max of the last arrival;
 *   3. coalescing: how many card pushes a watcher gets while 100 people join within ~2 s (at most one per room per second).
 * Only localhost; bounded by TOTAL_TIMEOUT_MS; stops by itself.
 *
 *   npm run bench:hallway          (ROOMS, LISTENERS, WATCHERS env to change the sizes)
 */
import { io, type Socket } from "socket.io-client";
import { z } from "zod";
import { CSRF_HEADER, hallwaySchema } from "../src/shared/protocol";
import { armDeadline, percentile, runBench, sleep, startBenchApp, type BenchApp } from "./lib/bench-app";
import { command } from "./lib/command";
import { signUp } from "./lib/http-session";

const ROOMS = Number(process.env.ROOMS ?? 100);
const LISTENERS = Number(process.env.LISTENERS ?? 400);
const WATCHERS = Number(process.env.WATCHERS ?? 300);
const REQUESTS = 200;
const ROUNDS = 10;
const TOTAL_TIMEOUT_MS = 600_000;
const TOPICS = ["music", "tech", "books", "sports", "news", "art", "games", "food"];

const sockets: Socket[] = [];
let app: BenchApp | null = null;

async function cleanup(): Promise<void> {
  for (const socket of sockets) socket.disconnect();
  await app?.stop();
}

async function connect(url: string, cookie?: string): Promise<Socket> {
  const socket = io(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    ...(cookie ? { extraHeaders: { cookie } } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  sockets.push(socket);
  return socket;
}

async function post(url: string, path: string, cookie: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", [CSRF_HEADER]: "1", cookie },
    body: JSON.stringify(body),
  });
  const json: unknown = await response.json();
  const parsed = z.object({ ok: z.literal(true), data: z.unknown() }).safeParse(json);
  if (!parsed.success) throw new Error(`POST ${path}: ${JSON.stringify(json)}`);
  return parsed.data.data;
}

/** Runs `task` over `items` with at most `limit` in flight (the server has 2 cores; so does the bench). */
async function inBatches<T, R>(
  items: T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += limit)
    results.push(...(await Promise.all(items.slice(i, i + limit).map((item, j) => task(item, i + j)))));
  return results;
}

const stats = (values: number[]) =>
  `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms`;

async function timeHallway(
  url: string,
  cookie: string,
  query: string,
): Promise<{ ms: number[]; rooms: number }> {
  const ms: number[] = [];
  let rooms = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    const response = await fetch(`${url}/api/hallway${query}`, { headers: { cookie } });
    const json: unknown = await response.json();
    ms.push(performance.now() - started);
    const parsed = z.object({ ok: z.literal(true), data: hallwaySchema }).safeParse(json);
    if (!parsed.success) throw new Error(`hallway answered ${JSON.stringify(json).slice(0, 200)}`);
    rooms = parsed.data.data.rooms.length;
  }
  return { ms, rooms };
}

/** Resolves with the time from now until every watcher has seen one more pushed card (`hallway:room-updated`). */
function allWatchersTold(watchers: Socket[]): Promise<number> {
  const started = performance.now();
  return Promise.all(
    watchers.map(
      (socket) => new Promise<void>((resolve) => socket.once("hallway:room-updated", () => resolve())),
    ),
  ).then(() => performance.now() - started);
}

async function main(): Promise<void> {
  const disarm = armDeadline(TOTAL_TIMEOUT_MS, cleanup);
  app = await startBenchApp({ GUEST_LISTENING: "true", ROOM_EMPTY_STAGE_GRACE_MS: "600000" });
  const { url } = app;
  console.log(
    `hallway load: ${ROOMS} rooms, ${LISTENERS} guest listeners, ${WATCHERS} watchers (server ${url})`,
  );

  const setupStarted = performance.now();
  const hosts = await inBatches(
    Array.from({ length: ROOMS }, (_, i) => i),
    4,
    (i) => signUp(url, `Host ${i}`),
  );
  const viewer = await signUp(url, "Viewer");
  const roomIds = await inBatches(hosts, 10, async (host, i) => {
    const room = z.object({ id: z.string() }).parse(
      await post(url, "/api/rooms", host.cookie, {
        title: `Room ${i} about ${TOPICS[i % TOPICS.length]}`,
        topics: [TOPICS[i % TOPICS.length], TOPICS[(i * 3 + 1) % TOPICS.length]],
      }),
    );
    await command(await connect(url, host.cookie), "room:join", { roomId: room.id }, z.unknown());
    return room.id;
  });
  // The viewer follows every tenth host, so ranking has work to do.
  await inBatches(
    hosts.filter((_, i) => i % 10 === 0),
    10,
    async (host) => {
      const me = z
        .object({ ok: z.literal(true), data: z.object({ username: z.string().nullable() }) })
        .parse(await (await fetch(`${url}/api/me`, { headers: { cookie: host.cookie } })).json());
      if (me.data.username) await post(url, `/api/users/${me.data.username}/follow`, viewer.cookie, {});
    },
  );
  await inBatches(
    Array.from({ length: LISTENERS }, (_, i) => i),
    25,
    async (i) => {
      await command(
        await connect(url),
        "room:join",
        { roomId: roomIds[i % roomIds.length] ?? "" },
        z.unknown(),
      );
    },
  );
  const watchers = await inBatches(
    Array.from({ length: WATCHERS }, (_, i) => i),
    25,
    async () => {
      const socket = await connect(url);
      await command(socket, "hallway:watch", {}, z.unknown());
      return socket;
    },
  );
  console.log(`setup: ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);
  await sleep(1500); // let the setup's last pushes settle

  const plain = await timeHallway(url, viewer.cookie, "");
  console.log(
    `GET /api/hallway (${plain.rooms} rooms ranked for a viewer following ${Math.ceil(ROOMS / 10)} hosts): ${stats(plain.ms)}`,
  );
  const searched = await timeHallway(url, viewer.cookie, "?q=music&language=en");
  console.log(`GET /api/hallway?q=music&language=en (${searched.rooms} rooms): ${stats(searched.ms)}`);

  const fanout: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await sleep(1200); // past the coalescing window, so this change is pushed at once
    const told = allWatchersTold(watchers);
    await command(
      await connect(url),
      "room:join",
      { roomId: roomIds[round % roomIds.length] ?? "" },
      z.unknown(),
    );
    fanout.push(await told);
  }
  console.log(
    `a pushed card (hallway:room-updated) reaching all ${WATCHERS} watchers after a join: ${stats(fanout)}`,
  );

  await sleep(1200);
  let pushes = 0;
  const counter = () => pushes++;
  watchers[0]?.on("hallway:room-updated", counter);
  const burstStarted = performance.now();
  await inBatches(
    Array.from({ length: 100 }, (_, i) => i),
    25,
    async (i) => {
      await command(
        await connect(url),
        "room:join",
        { roomId: roomIds[i % roomIds.length] ?? "" },
        z.unknown(),
      );
    },
  );
  const burstMs = performance.now() - burstStarted;
  await sleep(1200);
  watchers[0]?.off("hallway:room-updated", counter);
  console.log(
    `coalescing: 100 joins over ${(burstMs / 1000).toFixed(1)} s → ${pushes} card pushes to each watcher (at most one per room per second)`,
  );

  disarm();
  await cleanup();
}

runBench(main, cleanup);
