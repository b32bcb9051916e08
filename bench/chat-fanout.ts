/**
 * Chat fan-out: how long one chat message takes to reach every member of a big room, and what a
 * burst of messages costs. N signaling-only guests (bench:storm's client processes, no media)
 * join one room; the host then sends CHAT_BENCH_SINGLES single messages (each timed from the
 * send to its arrival at every client: p50/p95/max), and CHAT_BENCH_BURST messages at once (the
 * arrival of the last at every client, the events each client received for the burst, and the
 * server's CPU for it). Run once per fan-out window in CHAT_BENCH_WINDOWS (default "100,0": the
 * default 100 ms gathering window, and every message on its own), a fresh server for each.
 * Only 127.0.0.1; every wait is bounded; stops by itself.
 *
 *   npm run bench:chat          (CHAT_BENCH_N=2000 CHAT_BENCH_WINDOWS=100,0 STORM_PROCS=2)
 */
import os from "node:os";
import { BenchSockets } from "./lib/bench-sockets";
import { z } from "zod";
import { armDeadline, percentile, runBench, sleep, startBenchApp, type BenchApp } from "./lib/bench-app";
import { command, outputOf } from "./lib/command";
import { createRoom, signUp } from "./lib/http-session";
import { cpuSeconds } from "./lib/process-usage";
import { timeStep } from "./lib/storm-stage";
import { StormPool } from "./lib/storm-pool";
import { epochMs, fmt, printTable } from "./lib/table";

const N = Math.max(1, Math.min(20_000, Number(process.env.CHAT_BENCH_N ?? 2000)));
const WINDOWS = (process.env.CHAT_BENCH_WINDOWS ?? "100,0")
  .split(",")
  .map(Number)
  .filter((w) => Number.isInteger(w) && w >= 0 && w <= 2000);
const SINGLES = Math.max(1, Math.min(50, Number(process.env.CHAT_BENCH_SINGLES ?? 10)));
const BURST = Math.max(1, Math.min(200, Number(process.env.CHAT_BENCH_BURST ?? 50)));
const PROCS = Math.max(1, Math.min(8, Number(process.env.STORM_PROCS ?? 2)));
const SPREAD_MS = 10_000;
const TOTAL_TIMEOUT_MS = 900_000;

let app: BenchApp | null = null;
let pool: StormPool | null = null;
const sockets = new BenchSockets();

async function cleanup(): Promise<void> {
  pool?.stop();
  sockets.disconnectAll();
  await app?.stop();
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const serverCpu = (a: BenchApp) =>
  cpuSeconds(a.serverPid) + a.workerPids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
const dist = (v: number[]) =>
  v.length ? `${fmt(percentile(v, 50), 0)} / ${fmt(percentile(v, 95), 0)} / ${fmt(Math.max(...v), 0)}` : "-";

async function run(windowMs: number): Promise<string[]> {
  const loadBefore = load();
  const a = (app = await startBenchApp({
    GUEST_LISTENING: "true",
    ROOM_MAX_MEMBERS: "100000",
    ROOM_EMPTY_STAGE_GRACE_MS: "3600000",
    MEDIA_WORKERS: "1",
    CHAT_FANOUT_WINDOW_MS: String(windowMs),
    // The host writes the whole bench: the per-person limit would stop it after five.
    CHAT_MESSAGES_PER_WINDOW: "1000",
  }));
  const host = await signUp(a.url, "Chat Host");
  const roomId = await createRoom(a.url, host.cookie, `chat ${N}`);
  const hostSocket = await sockets.connect(a.url, host.cookie);
  await command(hostSocket, "room:join", { roomId }, z.unknown());
  const p = (pool = await StormPool.start(PROCS));
  const share = (i: number) => Math.floor(N / PROCS) + (i < N % PROCS ? 1 : 0);
  const joins = await p.all(
    (_, i) => ({
      type: "start",
      url: a.url,
      roomId,
      count: share(i),
      startAt: epochMs() + 300,
      spreadMs: SPREAD_MS,
    }),
    "joined",
  );
  const joined = joins.reduce((sum, j) => sum + j.ackMs.length, 0);
  await sleep(3000); // the join storm's audience batches settle

  const send = (text: string) => command(hostSocket, "chat:send", { text }, outputOf("chat:send"));
  const singles: number[] = [];
  let missing = 0;
  for (let i = 0; i < SINGLES; i++) {
    const timing = await timeStep(p, `single-${windowMs}-${i}-end`, "single", () =>
      send(`single-${windowMs}-${i}-end`),
    );
    singles.push(...timing.latencies);
    missing += timing.missing;
    if (timing.error) throw new Error(timing.error);
    await sleep(300);
  }

  const before = await p.all((id) => ({ type: "poll", id }), "totals");
  const cpu0 = serverCpu(a);
  const needle = `burst-${windowMs}-last`;
  const burst = await timeStep(p, needle, "burst", async () => {
    const firsts = Array.from({ length: BURST - 1 }, (_, i) => send(`burst-${windowMs}-${i}`));
    await send(needle);
    await Promise.all(firsts);
  });
  await sleep(Math.max(500, windowMs * 3));
  const cpu1 = serverCpu(a);
  const after = await p.all((id) => ({ type: "poll", id }), "totals");
  const events = after.reduce((s, t) => s + t.events, 0) - before.reduce((s, t) => s + t.events, 0);
  const bytes = after.reduce((s, t) => s + t.bytes, 0) - before.reduce((s, t) => s + t.bytes, 0);

  await cleanup();
  pool = null;
  app = null;
  return [
    windowMs === 0 ? "0 (each message alone)" : `${windowMs} ms`,
    `${joined} / ${N}`,
    `${dist(singles)}${missing ? ` (${missing} missed)` : ""}`,
    `${dist(burst.latencies)}${burst.missing ? ` (${burst.missing} missed)` : ""}`,
    fmt(events / Math.max(1, joined), 1),
    fmt(bytes / Math.max(1, joined) / 1024, 1),
    fmt((cpu1 - cpu0) * 1000, 0),
    `${loadBefore} / ${load()}`,
  ];
}

async function main(): Promise<void> {
  const disarm = armDeadline(TOTAL_TIMEOUT_MS, cleanup);
  const rows: string[][] = [];
  for (const windowMs of WINDOWS) rows.push(await run(windowMs));
  disarm();
  printTable(
    `bench:chat: ${N} signaling clients in one room, ${SINGLES} single messages, a burst of ${BURST} (${os.availableParallelism()} cores)`,
    [
      "fan-out window",
      "joined",
      "one message → every client ms p50/p95/max",
      `burst of ${BURST}: last message → every client ms p50/p95/max`,
      "events per client for the burst",
      "KiB per client for the burst",
      "server CPU ms for the burst",
      "load before / after",
    ],
    rows,
  );
}

runBench(main, cleanup);
