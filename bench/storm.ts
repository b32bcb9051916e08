/**
 * Join storm (presence): N signaling-only guests (socket.io-client, no media) join one live room
 * within STORM_SPREAD_MS (10 s), for each N in STORM_N (default 500,2000,8000). A fresh server
 * per N (child process: its CPU and RSS are measured alone; clients live in STORM_PROCS child
 * processes of their own). Per N it prints: join ack p50/p95/p99, server CPU per join, bytes and
 * events per client per second during the storm and steady after it, how long stage changes
 * (invite, accept, unmute, mute, set-moderator, move-to-audience) take to reach all N clients,
 * and server RSS per member. Only the ack's {ok, data} shape is relied on; bytes and events are
 * counted for any event, so the same tool measures today's presence and its rewrite.
 * Only 127.0.0.1; every wait is bounded; stops by itself.
 *
 *   npm run bench:storm                 (STORM_N=500,2000 STORM_PROCS=2 STORM_ROUNDS=2)
 *   8,000 clients need ~8,200 file descriptors in the server: `ulimit -n` >= 20000 is plenty.
 */
import os from "node:os";
import { BenchSockets } from "./lib/bench-sockets";
import { z } from "zod";
import { armDeadline, percentile, runBench, sleep, startBenchApp, type BenchApp } from "./lib/bench-app";
import { command } from "./lib/command";
import { createRoom, signUp } from "./lib/http-session";
import { cpuSeconds, machineTicks, rssKiB } from "./lib/process-usage";
import { stageRound, type StageTiming } from "./lib/storm-stage";
import { StormPool } from "./lib/storm-pool";
import { windowRates } from "./lib/storm-rates";
import { epochMs, fmt, printTable } from "./lib/table";

const SIZES = (process.env.STORM_N ?? "500,2000,8000")
  .split(",")
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0 && n <= 20_000);
const PROCS = Math.max(1, Math.min(8, Number(process.env.STORM_PROCS ?? 2)));
const ROUNDS = Math.max(1, Math.min(5, Number(process.env.STORM_ROUNDS ?? 2)));
const SPREAD_MS = Number(process.env.STORM_SPREAD_MS ?? 10_000);
const STEADY_MS = 10_000;
const MAX_DRAIN_MS = Number(process.env.STORM_MAX_DRAIN_MS ?? 180_000);
const TOTAL_TIMEOUT_MS = Number(process.env.STORM_TIMEOUT_MS ?? 1_500_000);

let app: BenchApp | null = null;
let pool: StormPool | null = null;
const sockets = new BenchSockets();

async function cleanup(): Promise<void> {
  pool?.stop();
  sockets.disconnectAll();
  await app?.stop();
}

const serverCpu = (a: BenchApp) =>
  cpuSeconds(a.serverPid) + a.workerPids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const dist = (v: number[]) =>
  v.length
    ? `${fmt(percentile(v, 50), 0)} / ${fmt(percentile(v, 95), 0)} / ${fmt(percentile(v, 99), 0)}`
    : "-";

async function storm(n: number): Promise<Record<string, string>> {
  const loadBefore = load();
  const a = (app = await startBenchApp({
    GUEST_LISTENING: "true",
    ROOM_MAX_MEMBERS: "100000",
    ROOM_EMPTY_STAGE_GRACE_MS: "3600000",
    MEDIA_WORKERS: "1",
  }));
  const host = await signUp(a.url, "Storm Host");
  const target = await signUp(a.url, "Stage Target");
  const roomId = await createRoom(a.url, host.cookie, `storm ${n}`);
  const hostSocket = await sockets.connect(a.url, host.cookie);
  await command(hostSocket, "room:join", { roomId }, z.unknown());
  const targetSocket = await sockets.connect(a.url, target.cookie);
  await command(targetSocket, "room:join", { roomId }, z.unknown());
  const p = (pool = await StormPool.start(PROCS));
  await sleep(1000);

  const share = (i: number) => Math.floor(n / PROCS) + (i < n % PROCS ? 1 : 0);
  const rss0 = rssKiB(a.serverPid);
  const cpu0 = serverCpu(a);
  const machine0 = machineTicks();
  const clientCpu0 = (await p.all((id) => ({ type: "poll", id }), "totals")).reduce((s, t) => s + t.cpuMs, 0);
  const startAt = epochMs() + 300;
  const joined = p.all(
    (_, i) => ({ type: "start", url: a.url, roomId, count: share(i), startAt, spreadMs: SPREAD_MS }),
    "joined",
  );
  let allAnswered = false;
  void joined.then(() => (allAnswered = true));
  // Settled: every join answered and, for a whole second, fewer than 0.05 events per client arrived.
  let lastEvents = 0;
  const drainLimit = epochMs() + SPREAD_MS + MAX_DRAIN_MS;
  let lastAckAt = 0;
  for (;;) {
    await sleep(1000);
    const totals = await p.all((id) => ({ type: "poll", id }), "totals");
    const events = totals.reduce((s, t) => s + t.events, 0);
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set by the `joined` callback above
    if (allAnswered && lastAckAt === 0) lastAckAt = epochMs();
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set by the `joined` callback above
    if ((allAnswered && events - lastEvents < n * 0.05) || epochMs() > drainLimit) break;
    lastEvents = events;
  }
  const joins = await joined;
  const settled = await p.all((id) => ({ type: "snapshot", id }), "snapshot");
  const cpu1 = serverCpu(a);
  const machine1 = machineTicks();
  const rss1 = rssKiB(a.serverPid);
  const clientCpu1 = (await p.all((id) => ({ type: "poll", id }), "totals")).reduce((s, t) => s + t.cpuMs, 0);
  const stormSeconds = (settled[0]?.at ?? 0) / 1000 - startAt / 1000;
  await sleep(STEADY_MS);
  const steady = await p.all((id) => ({ type: "snapshot", id }), "snapshot");
  const cpu2 = serverCpu(a);

  const timings: StageTiming[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    timings.push(...(await stageRound(p, hostSocket, targetSocket, target.userId)));
    await sleep(500);
  }

  const ackMs = joins.flatMap((j) => j.ackMs);
  const connectMs = joins.flatMap((j) => j.connectMs);
  const ackBytes = joins.flatMap((j) => j.ackBytes);
  const failures = joins.flatMap((j) => j.failures);
  const stormRates = windowRates(settled.map((to) => ({ from: null, to })));
  const steadyRates = windowRates(steady.map((to, i) => ({ from: settled[i] ?? null, to })));
  const machineBusy =
    ((machine1.busy - machine0.busy) / Math.max(1, machine1.total - machine0.total)) *
    100 *
    os.availableParallelism();
  const rows: [string, string][] = [
    ["clients joined / failed", `${ackMs.length} / ${n - ackMs.length}`],
    ["socket connect ms p50/p95/p99", dist(connectMs)],
    ["join ack ms p50/p95/p99", dist(ackMs)],
    [
      "join ack size bytes p50 / max",
      `${fmt(percentile(ackBytes, 50), 0)} / ${fmt(Math.max(0, ...ackBytes), 0)}`,
    ],
    [
      "storm: first join → settled s (last ack → settled)",
      `${fmt(stormSeconds)} (${fmt((settled[0]?.at ?? 0) / 1000 - lastAckAt / 1000)})`,
    ],
    ["server CPU s in storm (node + workers)", fmt(cpu1 - cpu0, 2)],
    ["server CPU ms per join", fmt(((cpu1 - cpu0) * 1000) / n, 2)],
    [
      "server CPU % in storm / steady",
      `${fmt(((cpu1 - cpu0) / stormSeconds) * 100, 0)} / ${fmt(((cpu2 - cpu1) / (STEADY_MS / 1000)) * 100, 1)}`,
    ],
    ["storm: events/s per client mean / max", `${fmt(stormRates.eventsMean)} / ${fmt(stormRates.eventsMax)}`],
    [
      "storm: bytes/s per client mean / max",
      `${fmt(stormRates.bytesMean, 0)} / ${fmt(stormRates.bytesMax, 0)}`,
    ],
    [
      "steady: events/s per client mean / max",
      `${fmt(steadyRates.eventsMean, 2)} / ${fmt(steadyRates.eventsMax, 2)}`,
    ],
    [
      "steady: bytes/s per client mean / max",
      `${fmt(steadyRates.bytesMean, 1)} / ${fmt(steadyRates.bytesMax, 1)}`,
    ],
    [
      "server RSS MiB before / after; KiB per member",
      `${fmt(rss0 / 1024, 0)} / ${fmt(rss1 / 1024, 0)}; ${fmt((rss1 - rss0) / n, 1)}`,
    ],
    [
      "client processes CPU s in storm (not server)",
      `${fmt((clientCpu1 - clientCpu0) / 1000, 1)} over ${PROCS} processes`,
    ],
    ["machine busy in storm (% of 200)", fmt(machineBusy, 0)],
  ];
  for (const step of [...new Set(timings.map((t) => t.step))]) {
    const of = timings.filter((t) => t.step === step);
    const all = of.flatMap((t) => t.latencies);
    const missing = of.reduce((s, t) => s + t.missing, 0);
    const errors = of.map((t) => t.error).filter((e) => e !== null);
    rows.push([
      `stage: ${step} → all ms p50/p95/max`,
      `${fmt(percentile(all, 50), 0)} / ${fmt(percentile(all, 95), 0)} / ${fmt(Math.max(...all), 0)}${missing ? ` (${missing} missed)` : ""}${errors.length ? ` ERR ${errors[0]}` : ""}`,
    ]);
  }
  rows.push(["load average before / after", `${loadBefore} / ${load()}`]);
  printTable(
    `bench:storm N=${n} (${ROUNDS} stage rounds; server ${a.url}, 1 media worker)`,
    ["metric", "value"],
    rows,
  );
  if (failures.length) console.log(`  first failures: ${failures.slice(0, 3).join(" | ")}`);

  p.stop();
  pool = null;
  sockets.disconnectAll();
  await a.stop();
  app = null;
  return Object.fromEntries(rows);
}

async function main(): Promise<void> {
  const disarm = armDeadline(TOTAL_TIMEOUT_MS, cleanup);
  const started = performance.now();
  console.log(
    `bench:storm N=${SIZES.join(",")}, ${PROCS} client processes, joins spread over ${SPREAD_MS / 1000} s; ${os.availableParallelism()} cores, load ${load()}`,
  );
  const results: [number, Record<string, string>][] = [];
  for (const n of SIZES) results.push([n, await storm(n)]);
  const keys = Object.keys(results[0]?.[1] ?? {}).filter((k) => !k.startsWith("load"));
  printTable(
    "bench:storm summary",
    ["metric", ...results.map(([n]) => `N=${n}`)],
    keys.map((k) => [k, ...results.map(([, r]) => r[k] ?? "-")]),
  );
  console.log(`total ${fmt((performance.now() - started) / 1000, 0)} s`);
  disarm();
  await cleanup();
}

runBench(main, cleanup);
