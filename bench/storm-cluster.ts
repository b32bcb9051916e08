/**
 * Join storm over a cluster, next to one node, in one invocation: for each N in STORM_N (default
 * 2000), first a single node (PostgreSQL, no Redis: today's server), then STORM_NODES (3) node
 * processes sharing a private redis-server and a fresh PostgreSQL database (the cluster harness,
 * tests/support/cluster-processes.ts). N signaling-only guests join one room, spread over
 * STORM_SPREAD_MS, round-robin over the nodes; the room is created on node 1, which owns it, so
 * guests on the other nodes are forwarded to it and receive its events through the Socket.IO
 * Redis streams adapter. Prints join ack p50/p95 (per node), stage-change latency to all members
 * (per node: on the owner, across nodes), CPU per node and per join, side by side.
 * Only 127.0.0.1; every wait is bounded; stops by itself, and cleans up nodes, Redis and database.
 *
 *   npm run bench:storm-cluster                  (STORM_N=2000, 3 nodes, 2 client processes)
 *   STORM_N=8000 npm run bench:storm-cluster     needs `ulimit -n` >= 10000 in this shell
 *   npx next build first: the nodes run the production build.
 */
import fs from "node:fs";
import os from "node:os";
import { armDeadline, percentile, runBench } from "./lib/bench-app";
import { BenchSockets } from "./lib/bench-sockets";
import { loadAverage, runStorm, type StormRun } from "./lib/storm-cluster-run";
import type { StormPool } from "./lib/storm-pool";
import { startTopology, type StormTopology } from "./lib/storm-topology";
import { fmt, printTable } from "./lib/table";

const SIZES = (process.env.STORM_N ?? "2000")
  .split(",")
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0 && n <= 20_000);
const NODES = Math.max(2, Math.min(5, Number(process.env.STORM_NODES ?? 3)));
/** `single`, `cluster` or both (default): which topologies to run per N, in this order. */
const MODES = (process.env.STORM_MODES ?? "single,cluster")
  .split(",")
  .filter((m) => m === "single" || m === "cluster");
const OPTIONS = {
  procs: Math.max(1, Math.min(8, Number(process.env.STORM_PROCS ?? 2))),
  rounds: Math.max(1, Math.min(5, Number(process.env.STORM_ROUNDS ?? 2))),
  spreadMs: Number(process.env.STORM_SPREAD_MS ?? 10_000),
  maxDrainMs: Number(process.env.STORM_MAX_DRAIN_MS ?? 180_000),
};
const TOTAL_TIMEOUT_MS = Number(process.env.STORM_TIMEOUT_MS ?? 2_400_000);

let topology: StormTopology | null = null;
const hold: { pool: StormPool | null; sockets: BenchSockets } = { pool: null, sockets: new BenchSockets() };

async function cleanup(): Promise<void> {
  hold.pool?.stop();
  hold.pool = null;
  hold.sockets.disconnectAll();
  await topology?.stop();
  topology = null;
}

const p = (v: number[], q: number) => fmt(percentile(v, q), 0);
const dist = (v: number[]) => (v.length ? `${p(v, 50)} / ${p(v, 95)} / ${p(v, 99)}` : "-");
const spread = (v: number[]) => (v.length ? `${p(v, 50)} / ${p(v, 95)} / ${fmt(Math.max(...v), 0)}` : "-");
const perNode = (values: number[], digits = 0) => values.map((v) => fmt(v, digits)).join(" / ");
const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
const joinedOf = (r: StormRun) => sum(r.ackByNode.map((a) => a.length));
const stageLatencies = (r: StormRun, node?: number) =>
  r.steps.flatMap((s) => s.latencies.filter((_, i) => node === undefined || s.nodes[i] === node));

/** The rows of one run, by metric name, so two runs print side by side. */
function rowsOf(r: StormRun, nodes: number): Map<string, string> {
  const joined = joinedOf(r);
  const cpu = sum(r.cpuByNode) + r.redisCpu;
  const rows = new Map<string, string>();
  rows.set("clients joined / failed", `${joined} / ${r.n - joined}`);
  rows.set("joined per node (node-1 / 2 / 3)", perNode(r.ackByNode.map((a) => a.length)));
  rows.set("socket connect ms p50/p95/p99", dist(r.connectMs));
  rows.set("join ack ms p50/p95/p99, all", dist(r.ackByNode.flat()));
  for (let i = 0; i < nodes; i++)
    rows.set(
      `join ack ms p50/p95 on node-${i + 1}${i === 0 ? " (owner)" : " (forwarded)"}`,
      r.ackByNode[i]?.length ? `${p(r.ackByNode[i] ?? [], 50)} / ${p(r.ackByNode[i] ?? [], 95)}` : "-",
    );
  rows.set("storm: first join → settled, s", fmt(r.stormSeconds));
  rows.set("CPU ms in storm per node (process + worker)", perNode(r.cpuByNode.map((s) => s * 1000)));
  rows.set("CPU ms in storm, redis-server", r.redisCpu ? fmt(r.redisCpu * 1000, 0) : "-");
  const mb = (bytes: number) => fmt(bytes / 1e6, 1);
  rows.set(
    "redis in storm: commands; MB in / out",
    r.redisStorm.commands
      ? `${r.redisStorm.commands}; ${mb(r.redisStorm.inBytes)} / ${mb(r.redisStorm.outBytes)}`
      : "-",
  );
  rows.set(
    "redis per stage change: commands; kB in / out",
    r.redisStage.commands
      ? `${fmt(r.redisStage.commands / r.steps.length, 0)}; ${fmt(r.redisStage.inBytes / r.steps.length / 1e3, 1)} / ${fmt(r.redisStage.outBytes / r.steps.length / 1e3, 1)}`
      : "-",
  );
  rows.set("CPU ms per join, all nodes + redis", fmt((cpu * 1000) / Math.max(1, joined), 2));
  rows.set(
    "CPU ms per join per node (÷ all joins)",
    perNode(
      r.cpuByNode.map((s) => (s * 1000) / Math.max(1, joined)),
      2,
    ),
  );
  for (const step of [...new Set(r.steps.map((s) => s.step))]) {
    const of = r.steps.filter((s) => s.step === step);
    const missing = sum(of.map((s) => s.missing));
    const error = of.map((s) => s.error).find((e) => e !== null);
    rows.set(
      `stage: ${step} → all, ms p50/p95/max`,
      `${spread(of.flatMap((s) => s.latencies))}${missing ? ` (${missing} missed)` : ""}${error ? ` ERR ${error}` : ""}`,
    );
  }
  rows.set("stage: every step → all, ms p50/p95/max", spread(stageLatencies(r)));
  for (let i = 0; i < nodes; i++)
    rows.set(
      `stage: every step → members on node-${i + 1}, ms p50/p95/max`,
      i < r.nodes ? spread(stageLatencies(r, i)) : "-",
    );
  rows.set(
    "CPU ms per stage change per node",
    perNode(r.stageCpuByNode.map((s) => (s * 1000) / Math.max(1, r.steps.length))),
  );
  rows.set("RSS MiB per node after the storm", perNode(r.rssMiBByNode));
  rows.set("machine busy in storm (% of 200)", fmt(r.machineBusy, 0));
  rows.set("load average after", r.load);
  return rows;
}

async function measure(n: number, mode: string): Promise<StormRun> {
  const clustered = mode === "cluster";
  console.log(
    `\n[${new Date().toISOString()}] N=${n}: starting ${clustered ? `${NODES} nodes` : "a single node"}, load ${loadAverage()}`,
  );
  topology = await startTopology(NODES, clustered);
  try {
    const run = await runStorm(topology, n, OPTIONS, hold);
    if (run.failures.length) console.log(`  first failures: ${run.failures.slice(0, 3).join(" | ")}`);
    // STORM_LOGS=<file>: every node's kept output of each run, appended (for a run that went wrong).
    if (process.env.STORM_LOGS) fs.appendFileSync(process.env.STORM_LOGS, `${topology.report(5_000)}\n`);
    const warnings = topology.warnings();
    if (warnings.length)
      console.log(`  the nodes' first warnings and errors:\n    ${warnings.join("\n    ")}`);
    return run;
  } catch (error) {
    console.error(`run failed; the nodes said:\n${topology.report(30)}`);
    throw error;
  } finally {
    await cleanup();
  }
}

async function main(): Promise<void> {
  const disarm = armDeadline(TOTAL_TIMEOUT_MS, cleanup);
  const started = performance.now();
  console.log(
    `bench:storm-cluster N=${SIZES.join(",")}, ${MODES.join(" then ")} (${NODES} nodes), ${OPTIONS.procs} client processes, joins spread over ${OPTIONS.spreadMs / 1000} s, ${OPTIONS.rounds} stage rounds; ${os.availableParallelism()} cores, load ${loadAverage()}`,
  );
  const summary: string[][] = [];
  for (const n of SIZES) {
    const runs: StormRun[] = [];
    for (const mode of MODES) runs.push(await measure(n, mode));
    const tables = runs.map((r) => rowsOf(r, NODES));
    const keys = [...new Set(tables.flatMap((t) => [...t.keys()]))];
    printTable(
      `bench:storm-cluster N=${n}`,
      ["metric", ...runs.map((r) => r.label)],
      keys.map((k) => [k, ...tables.map((t) => t.get(k) ?? "-")]),
    );
    for (const r of runs) {
      const all = stageLatencies(r);
      summary.push([
        String(n),
        r.label,
        String(joinedOf(r)),
        `${p(r.ackByNode.flat(), 50)} / ${p(r.ackByNode.flat(), 95)}`,
        spread(all),
        perNode(r.cpuByNode.map((s) => s * 1000)),
        fmt(((sum(r.cpuByNode) + r.redisCpu) * 1000) / Math.max(1, joinedOf(r)), 2),
      ]);
    }
  }
  printTable(
    "bench:storm-cluster summary",
    [
      "clients",
      "servers",
      "joined",
      "join ms p50/p95",
      "stage → all ms p50/p95/max",
      "CPU ms per node",
      "CPU ms/join",
    ],
    summary,
  );
  console.log(`total ${fmt((performance.now() - started) / 1000, 0)} s`);
  disarm();
  await cleanup();
}

runBench(main, cleanup);
