import os from "node:os";
import { z } from "zod";
import { sleep } from "./bench-app";
import { BenchSockets } from "./bench-sockets";
import { command } from "./command";
import { createRoom, signUp } from "./http-session";
import { machineTicks } from "./process-usage";
import { StormPool } from "./storm-pool";
import { stageRound, type StageTiming } from "./storm-stage";
import type { RedisStats, StormTopology } from "./storm-topology";
import { epochMs } from "./table";

/** What one storm against one topology measured (bench/storm-cluster.ts prints it). */
export type StormRun = {
  label: string;
  nodes: number;
  n: number;
  /** Join ack latencies (ms) per node index, and failures per node index. */
  ackByNode: number[][];
  failedByNode: number[];
  connectMs: number[];
  failures: string[];
  /** First join → settled, seconds. */
  stormSeconds: number;
  /** CPU seconds per node (process + its worker) from the first join until settled. */
  cpuByNode: number[];
  redisCpu: number;
  /** Redis commands and bytes during the storm, and during the stage rounds. */
  redisStorm: RedisStats;
  redisStage: RedisStats;
  /** CPU seconds per node over the stage rounds (after the storm). */
  stageCpuByNode: number[];
  steps: StageTiming[];
  rssMiBByNode: number[];
  machineBusy: number;
  load: string;
};

export type StormRunOptions = {
  procs: number;
  rounds: number;
  spreadMs: number;
  maxDrainMs: number;
};

export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

/**
 * One storm: the host (node 1, where the room is created, so node 1 owns it) and a stage target
 * (node 2 when there is one: every command of theirs is forwarded to the owner) join; then N
 * signaling-only guests join, spread over `spreadMs`, round-robin over the topology's nodes
 * (guests on nodes 2 and 3 are forwarded to node 1, their events come back through the Redis
 * streams adapter); once settled, `rounds` rounds of the six stage changes are timed to every
 * guest. Every wait is bounded; the caller stops the pool and the topology.
 */
export async function runStorm(
  topology: StormTopology,
  n: number,
  options: StormRunOptions,
  hold: { pool: StormPool | null; sockets: BenchSockets },
): Promise<StormRun> {
  const owner = topology.urls[0] ?? "";
  const targetUrl = topology.urls[1] ?? owner;
  const host = await signUp(owner, "Storm Host");
  const target = await signUp(owner, "Stage Target");
  const roomId = await createRoom(owner, host.cookie, `storm ${n} over ${topology.label}`);
  const hostSocket = await hold.sockets.connect(owner, host.cookie);
  await command(hostSocket, "room:join", { roomId }, z.unknown());
  const targetSocket = await hold.sockets.connect(targetUrl, target.cookie);
  await command(targetSocket, "room:join", { roomId }, z.unknown());
  const pool = (hold.pool = await StormPool.start(options.procs));
  await sleep(1000);

  const share = (i: number) => Math.floor(n / options.procs) + (i < n % options.procs ? 1 : 0);
  const cpu0 = topology.cpu();
  const redis0 = topology.redisCpu();
  const stats0 = await topology.redisStats();
  const machine0 = machineTicks();
  const startAt = epochMs() + 300;
  const joined = pool.all(
    (_, i) => ({
      type: "start",
      url: owner,
      urls: topology.urls,
      roomId,
      count: share(i),
      startAt,
      spreadMs: options.spreadMs,
    }),
    "joined",
  );
  let allAnswered = false;
  void joined.then(() => (allAnswered = true));
  // Settled as in bench/storm.ts: every join answered and, for a whole second, < 0.05 events per client.
  let lastEvents = 0;
  const drainLimit = epochMs() + options.spreadMs + options.maxDrainMs;
  for (;;) {
    await sleep(1000);
    const totals = await pool.all((id) => ({ type: "poll", id }), "totals");
    const events = totals.reduce((s, t) => s + t.events, 0);
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set by the `joined` callback above
    if ((allAnswered && events - lastEvents < n * 0.05) || epochMs() > drainLimit) break;
    lastEvents = events;
  }
  const settledAt = epochMs();
  const cpu1 = topology.cpu();
  const redis1 = topology.redisCpu();
  const machine1 = machineTicks();
  // Joins still unanswered at the drain limit are failures (the 60 s ack timeout bounds this wait).
  const joins = await joined;
  const stats1 = await topology.redisStats();
  const rssMiBByNode = topology.rss().map((kib) => kib / 1024);

  const steps: StageTiming[] = [];
  for (let round = 0; round < options.rounds; round++) {
    steps.push(...(await stageRound(pool, hostSocket, targetSocket, target.userId)));
    await sleep(500);
  }
  const cpu2 = topology.cpu();
  const stats2 = await topology.redisStats();

  const nodes = topology.urls.length;
  const ackByNode: number[][] = topology.urls.map(() => []);
  const failedByNode = topology.urls.map(() => 0);
  for (const reply of joins) {
    reply.ackMs.forEach((ms, i) => ackByNode[reply.ackNodes?.[i] ?? 0]?.push(ms));
    reply.failedByNode?.forEach((count, node) => (failedByNode[node] = (failedByNode[node] ?? 0) + count));
  }
  return {
    label: topology.label,
    nodes,
    n,
    ackByNode,
    failedByNode,
    connectMs: joins.flatMap((j) => j.connectMs),
    failures: joins.flatMap((j) => j.failures),
    stormSeconds: (settledAt - startAt) / 1000,
    cpuByNode: cpu1.map((c, i) => c - (cpu0[i] ?? 0)),
    redisCpu: redis1 - redis0,
    redisStorm: delta(stats0, stats1),
    redisStage: delta(stats1, stats2),
    stageCpuByNode: cpu2.map((c, i) => c - (cpu1[i] ?? 0)),
    steps,
    rssMiBByNode,
    machineBusy:
      ((machine1.busy - machine0.busy) / Math.max(1, machine1.total - machine0.total)) *
      100 *
      os.availableParallelism(),
    load: loadAverage(),
  };
}

const delta = (from: RedisStats, to: RedisStats): RedisStats => ({
  commands: to.commands - from.commands,
  inBytes: to.inBytes - from.inBytes,
  outBytes: to.outBytes - from.outBytes,
});
