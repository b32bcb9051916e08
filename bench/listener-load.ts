/**
 * Listener load: what each extra listener costs the server. One host bot speaks a 440 Hz tone;
 * the server's CPU% (Node process and each mediasoup worker, separately) and RSS are sampled for
 * 15 s with no listener, then LISTENERS (default 50) listener bots join in batches, each is checked to be receiving
 * audio (packet count rising), and the same 15 s window is sampled again. Only server pids are
 * measured; the bots run in this process and share the machine's cores (see docs/BENCHMARKS.md).
 *
 *   npm run bench:listeners       (MEDIA_WORKERS defaults to one per core; LISTENERS=200 for the big run)
 */
import os from "node:os";
import { armDeadline, guestListeners, sleep, startBenchApp, type BenchApp } from "./lib/bench-app";
import { createBot, type Bot, type InboundAudio } from "./lib/bot";
import { cpuSeconds, machineTicks, sampleUsage, type ProcessUsage } from "./lib/process-usage";

// Real libwebrtc bots cost the bench machine ~1 % of a core each; 200 is about what 2 cores hold
// alongside the server (see docs/BENCHMARKS.md). LISTENERS overrides it.
const LISTENERS = Math.max(1, Number(process.env.LISTENERS ?? 50));
const BATCH = 10;
const WINDOW_MS = 15_000;
const TOTAL_TIMEOUT_MS = 300_000;

const bots: Bot[] = [];
let app: BenchApp | null = null;

async function cleanup(): Promise<void> {
  await Promise.allSettled(bots.map((b) => b.close()));
  await app?.stop();
}

/** Server usage over one window, plus machine-wide and bench-process CPU for context. */
async function measure(app: BenchApp) {
  const targets = [
    { label: "node server", pid: app.serverPid },
    ...app.workerPids.map((pid, i) => ({ label: `worker ${i}`, pid })),
  ];
  const machineBefore = machineTicks();
  const selfBefore = process.cpuUsage();
  const usage = await sampleUsage(targets, WINDOW_MS);
  const machineAfter = machineTicks();
  const self = process.cpuUsage(selfBefore);
  const cores = os.availableParallelism();
  return {
    usage,
    machinePercent:
      ((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) * 100 * cores,
    benchPercent: ((self.user + self.system) / 1000 / WINDOW_MS) * 100,
  };
}

const reads = () => Promise.all(bots.slice(1).map((b) => b.inboundAudio()));

function printUsage(title: string, m: Awaited<ReturnType<typeof measure>>): void {
  console.log(`\n${title}`);
  for (const u of m.usage)
    console.log(
      `  ${u.label.padEnd(12)} pid ${u.pid}  cpu ${u.cpuPercent.toFixed(1).padStart(5)} %  rss avg ${u.rssAvgMiB.toFixed(1)} MiB (max ${u.rssMaxMiB.toFixed(1)})`,
    );
  console.log(
    `  (machine busy ${m.machinePercent.toFixed(0)} % of ${os.availableParallelism() * 100} %, bench bots ${m.benchPercent.toFixed(0)} %)`,
  );
}

const signed = (value: number, digits: number) => `${value >= 0 ? "+" : ""}${value.toFixed(digits)}`;

function sum(
  usage: ProcessUsage[],
  pick: (u: ProcessUsage) => number,
  filter: (u: ProcessUsage) => boolean = () => true,
): number {
  return usage.filter(filter).reduce((total, u) => total + pick(u), 0);
}

async function main(): Promise<void> {
  const disarm = armDeadline(TOTAL_TIMEOUT_MS, cleanup);
  app = await startBenchApp({
    MEDIA_WORKERS: process.env.MEDIA_WORKERS ?? String(os.availableParallelism()),
  });
  const { url } = app;
  const host = await createBot({ url, name: "Bench Host" });
  bots.push(host);
  const roomId = await host.createRoom("listener load bench");
  await host.speak(roomId);
  await sleep(3000); // past start-up: JIT, ICE, the first RTCP round trips

  const idle = await measure(app);
  printUsage("host speaking, 0 listeners (15 s)", idle);

  // Accounts first (scrypt makes sign-up costly), so the join figures below are joins only.
  const listeners: Bot[] = [];
  for (let start = 0; start < LISTENERS; start += BATCH) {
    const names = Array.from(
      { length: Math.min(BATCH, LISTENERS - start) },
      (_, k) => `Listener ${start + k + 1}`,
    );
    listeners.push(
      ...(await Promise.all(names.map((name) => createBot({ url, name, guest: guestListeners })))),
    );
  }
  bots.push(...listeners);

  // CPU the server spends on the joins themselves (socket, room:join, transports, consume).
  const cpuNow = (pids: number[]) => pids.reduce((total, pid) => total + cpuSeconds(pid), 0);
  const joinCpuBefore = { node: cpuNow([app.serverPid]), workers: cpuNow(app.workerPids) };
  const joinStarted = performance.now();
  for (let start = 0; start < LISTENERS; start += BATCH) {
    const batch = listeners.slice(start, start + BATCH);
    await Promise.all(batch.map((b) => b.joinAsListener(roomId)));
    process.stdout.write(`joined ${start + batch.length}/${LISTENERS}\n`);
    await sleep(500);
  }

  const joinSeconds = (performance.now() - joinStarted) / 1000;
  const joinCpu = {
    node: cpuNow([app.serverPid]) - joinCpuBefore.node,
    workers: cpuNow(app.workerPids) - joinCpuBefore.workers,
  };
  console.log(
    `joins (${LISTENERS} in batches of ${BATCH}, ${joinSeconds.toFixed(1)} s incl. 0.5 s pauses): server CPU ` +
      `node ${((joinCpu.node / LISTENERS) * 1000).toFixed(0)} ms + workers ${((joinCpu.workers / LISTENERS) * 1000).toFixed(0)} ms per join`,
  );

  // Every listener must be hearing the host: packets received and still rising 2 s later.
  await sleep(2000);
  const first = await reads();
  await sleep(2000);
  const second = await reads();
  const deaf = second.flatMap((s, i) =>
    (first[i]?.packets ?? 0) > 0 && s.packets > (first[i]?.packets ?? 0)
      ? []
      : [bots[i + 1]?.name ?? `#${i}`],
  );
  console.log(`\nlisteners: ${guestListeners ? "guests (no account)" : "signed-up members"}`);
  console.log(
    `audio check: ${LISTENERS - deaf.length}/${LISTENERS} listeners receiving (packets rising)${deaf.length ? `; not: ${deaf.join(", ")}` : ""}`,
  );
  const problems = bots.flatMap((b) => b.problems.map((p) => `${b.name}: ${p}`));
  if (problems.length) console.log(`bot problems:\n  ${problems.join("\n  ")}`);

  const before: InboundAudio[] = await reads();
  const loaded = await measure(app);
  const after: InboundAudio[] = await reads();
  printUsage(`host speaking, ${LISTENERS} listeners (15 s)`, loaded);
  const rates = after.map((a, i) => (a.packets - (before[i]?.packets ?? 0)) / (WINDOW_MS / 1000));
  console.log(
    `  packets/s per listener during the window: min ${Math.min(...rates).toFixed(1)}, max ${Math.max(...rates).toFixed(1)}`,
  );

  const isWorker = (u: ProcessUsage) => u.label.startsWith("worker");
  const isNode = (u: ProcessUsage) => !isWorker(u);
  const rows: [string, (u: ProcessUsage) => boolean][] = [
    ["node server", isNode],
    ["workers", isWorker],
    ["total", () => true],
  ];
  console.log(`\ndelta for ${LISTENERS} listeners (total / per listener)`);
  for (const [label, filter] of rows) {
    const cpu = sum(loaded.usage, (u) => u.cpuPercent, filter) - sum(idle.usage, (u) => u.cpuPercent, filter);
    const rss = sum(loaded.usage, (u) => u.rssAvgMiB, filter) - sum(idle.usage, (u) => u.rssAvgMiB, filter);
    console.log(
      `  ${label.padEnd(12)} cpu ${signed(cpu, 1)} % / ${signed(cpu / LISTENERS, 2)} % of a core   rss ${signed(rss, 1)} MiB / ${signed((rss / LISTENERS) * 1024, 0)} KiB`,
    );
  }
  disarm();
  await cleanup();
  process.exit(deaf.length > 0 ? 1 : 0); // wrtc keeps native threads alive; exit explicitly
}

main().catch(async (error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  await cleanup();
  process.exit(1);
});
