/**
 * Operations overhead, two tables:
 *  1. /metrics scrape time of the real server (production build) with MEMBERS people in one room
 *     (a host and guests on signaling sockets; media is not set up, so consumer counts are 0 and
 *     what is measured is the registry walk, the worker getResourceUsage round trips and the
 *     exposition text).
 *  2. The SQL timing wrapper (server/db/query-timing.ts): the same statements on the embedded
 *     database through a Prisma client without the wrapper, with it idle (no observer) and with
 *     it feeding the real histogram; and the wrapper alone around an adapter that answers at once.
 *
 *   npm run bench:metrics          (METRICS_MEMBERS=200, METRICS_SCRAPES=50, DB_QUERIES=3000)
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { io, type Socket } from "socket.io-client";
import type { SqlDriverAdapterFactory, SqlQuery, SqlResultSet } from "@prisma/driver-adapter-utils";
import { openDatabase } from "../server/db/database";
import { QueryTimings, timedAdapterFactory } from "../server/db/query-timing";
import { createAppMetrics } from "../server/metrics/app-metrics";
import { dataOf, signUp, api } from "../tests/support/api-client";
import { armDeadline, percentile, runBench, startBenchApp, type BenchApp } from "./lib/bench-app";
import { fmt, printTable } from "./lib/table";

const MEMBERS = Number(process.env.METRICS_MEMBERS ?? 200);
const SCRAPES = Number(process.env.METRICS_SCRAPES ?? 50);
const DB_QUERIES = Number(process.env.DB_QUERIES ?? 3000);
const TOKEN = "bench-metrics-token-0123456789";

const sockets: Socket[] = [];
let app: BenchApp | null = null;

async function cleanup(): Promise<void> {
  for (const socket of sockets) socket.disconnect();
  await app?.stop();
}

function ack(socket: Socket, event: string, payload: unknown): Promise<{ ok: boolean }> {
  return socket.timeout(20_000).emitWithAck(event, payload);
}

async function connect(url: string, cookie?: string): Promise<Socket> {
  const socket = io(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    ...(cookie ? { extraHeaders: { cookie } } : {}),
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

const stats = (ms: number[]) => [
  fmt(percentile(ms, 50), 2),
  fmt(percentile(ms, 95), 2),
  fmt(Math.max(...ms), 2),
];

async function scrapeRound(url: string, label: string): Promise<(string | number)[]> {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < SCRAPES; i++) {
    const started = performance.now();
    const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const text = await response.text();
    ms.push(performance.now() - started);
    bytes = text.length;
    if (response.status !== 200) throw new Error(`scrape answered ${response.status}`);
  }
  return [label, SCRAPES, ...stats(ms), bytes];
}

async function scrapeBench(): Promise<void> {
  app = await startBenchApp({ METRICS_TOKEN: TOKEN, MEDIA_WORKERS: "2", GUEST_LISTENING: "true" });
  const url = app.url;
  const rows = [await scrapeRound(url, "empty server")];
  const host = await signUp(url, {
    username: `bench_host_${Date.now() % 100000}`,
    password: "bench-password-123",
  });
  const room = dataOf(
    await api(url, "POST", "/api/rooms", { body: { title: "Metrics bench" }, cookie: host.cookie }),
  );
  const roomId = String(room.id);
  const hostSocket = await connect(url, host.cookie);
  if (!(await ack(hostSocket, "room:join", { roomId })).ok) throw new Error("host could not join");
  for (let i = 1; i < MEMBERS; i += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, MEMBERS - i) }, async () => {
        const guest = await connect(url);
        if (!(await ack(guest, "room:join", { roomId })).ok) throw new Error("guest could not join");
      }),
    );
  }
  rows.push(await scrapeRound(url, `1 room, ${MEMBERS} members`));
  printTable(
    `/metrics scrape, real server (${SCRAPES} scrapes each, sequential)`,
    ["case", "n", "p50 ms", "p95 ms", "max ms", "bytes"],
    rows,
  );
  await cleanup();
  app = null;
}

async function timeQueries(run: () => Promise<unknown>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < DB_QUERIES; i++) {
    const started = performance.now();
    await run();
    ms.push((performance.now() - started) * 1000);
  }
  return ms;
}

async function dbBench(): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "audio-rooms-bench-db-"));
  const logger = pino({ level: "warn" });
  const metrics = createAppMetrics({
    rooms: () => Promise.resolve([]),
    workers: () => Promise.resolve([]),
    sockets: () => 0,
  });
  try {
    const plain = await openDatabase({ dataDir, logger });
    const timings = new QueryTimings();
    const timed = await openDatabase({ dataDir, logger, queryTimings: timings });
    const rows: (string | number)[][] = [];
    const cases: [string, (db: typeof plain) => Promise<unknown>][] = [
      ["SELECT 1", (db) => db.prisma.$queryRaw`SELECT 1`],
      ["user.findFirst", (db) => db.prisma.user.findFirst({ where: { username: "nobody" } })],
    ];
    for (const [name, query] of cases) {
      await timeQueries(() => query(plain)); // warm both clients first
      await timeQueries(() => query(timed));
      timings.observer = null;
      const without = await timeQueries(() => query(plain));
      const idle = await timeQueries(() => query(timed));
      timings.observer = (statement, table, seconds, ok) => metrics.query(table, statement, seconds, ok);
      const observed = await timeQueries(() => query(timed));
      timings.observer = null;
      const measured: [string, number[]][] = [
        ["no wrapper", without],
        ["wrapper, no observer", idle],
        ["wrapper + histogram", observed],
      ];
      for (const [label, us] of measured)
        rows.push([
          `${name}: ${label}`,
          DB_QUERIES,
          fmt(percentile(us, 50), 1),
          fmt(percentile(us, 95), 1),
          fmt(us.reduce((a, b) => a + b, 0) / us.length, 1),
        ]);
    }
    await timed.close();
    await plain.close();
    printTable(
      "SQL timing wrapper, embedded database (PGlite), sequential statements",
      ["case", "n", "p50 µs", "p95 µs", "mean µs"],
      rows,
    );
  } finally {
    await fs.rm(dataDir, { recursive: true, force: true });
  }

  // The wrapper alone: an adapter that answers at once, so only the wrapper's own work is left.
  const result: SqlResultSet = { columnTypes: [], columnNames: [], rows: [] };
  const instant: SqlDriverAdapterFactory = {
    provider: "postgres",
    adapterName: "instant",
    connect: () =>
      Promise.resolve({
        provider: "postgres",
        adapterName: "instant",
        queryRaw: () => Promise.resolve(result),
        executeRaw: () => Promise.resolve(0),
        executeScript: () => Promise.resolve(),
        startTransaction: () => Promise.reject(new Error("not used")),
        dispose: () => Promise.resolve(),
      }),
  };
  const timings = new QueryTimings();
  timings.observer = (statement, table, seconds, ok) => metrics.query(table, statement, seconds, ok);
  const bare = await instant.connect();
  const wrapped = await timedAdapterFactory(instant, timings).connect();
  const query: SqlQuery = {
    sql: 'SELECT "public"."User"."id" FROM "public"."User" WHERE 1=1',
    args: [],
    argTypes: [],
  };
  const N = 200_000;
  const loop = async (adapter: typeof bare) => {
    for (let i = 0; i < 10_000; i++) await adapter.queryRaw(query); // warm up
    const started = performance.now();
    for (let i = 0; i < N; i++) await adapter.queryRaw(query);
    return ((performance.now() - started) * 1000) / N;
  };
  const bareUs = await loop(bare);
  const wrappedUs = await loop(wrapped);
  printTable(
    `SQL timing wrapper alone (${N} calls to an adapter that answers at once)`,
    ["case", "µs per call"],
    [
      ["bare adapter", fmt(bareUs, 3)],
      ["wrapped + histogram", fmt(wrappedUs, 3)],
      ["overhead", fmt(wrappedUs - bareUs, 3)],
    ],
  );
}

async function main(): Promise<void> {
  const disarm = armDeadline(300_000, cleanup);
  await scrapeBench();
  await dbBench();
  disarm();
}

runBench(main, cleanup);
