/**
 * One configuration of bench:fanout, in a process of its own: mediasoup reads
 * MEDIASOUP_WORKER_BIN once, when it is first imported, so comparing worker binaries (with and
 * without io_uring) in one run needs one process per binary. Forked by bench/fanout.ts with the
 * configuration as JSON in argv[2]; prints one line per step and sends a FanoutResult back.
 */
import os from "node:os";
import { sleep } from "./bench-app";
import { createAppTarget } from "./fanout-app";
import { createBareTarget } from "./fanout-bare";
import { fanoutConfigSchema, type FanoutResult, type FanoutStep } from "./fanout-messages";
import { startSink } from "./fanout-sink";
import { startSpeaker } from "./fanout-speaker";
import { cpuSeconds } from "./process-usage";
import { fmt } from "./table";

const WARMUP_MS = 1500;

async function run(): Promise<FanoutResult> {
  const config = fanoutConfigSchema.parse(JSON.parse(process.argv[2] ?? "{}"));
  const target =
    config.target === "bare" ? await createBareTarget(config.workers) : await createAppTarget(config.workers);
  const sink = await startSink(config.sink);
  const speaker = await startSpeaker(config.input, config.ptimeMs, target.speakerAddress);
  const steps: FanoutStep[] = [];
  let error: string | null = null;
  try {
    for (const streams of config.steps) {
      await target.growTo(streams, sink);
      await sleep(WARMUP_MS); // queues settle; the drop sink's receive queue is full from here on
      const pids = target.workerPids();
      await speaker.quietPoint();
      const cpu0 = pids.map(cpuSeconds);
      const sink0 = cpuSeconds(sink.pid);
      const sent0 = speaker.sent();
      const received0 = await sink.received();
      const t0 = performance.now();
      await sleep(config.windowMs);
      await speaker.quietPoint();
      const received1 = await sink.received();
      const sent1 = speaker.sent();
      const seconds = (performance.now() - t0) / 1000;
      const workerCpu = pids.map((pid, i) => ((cpuSeconds(pid) - (cpu0[i] ?? 0)) / seconds) * 100);
      const sent = sent1 - sent0;
      const delivered = received1 - received0;
      const step: FanoutStep = {
        streams,
        sentPerSecond: sent / seconds,
        deliveredPerSecond: delivered / seconds,
        deliveredFraction: sent > 0 ? delivered / (sent * streams) : 0,
        workerCpu,
        sinkCpu: ((cpuSeconds(sink.pid) - sink0) / seconds) * 100,
        loadavg: os.loadavg()[0] ?? 0,
      };
      steps.push(step);
      console.log(
        `  ${config.label.padEnd(34)} ${String(streams).padStart(5)} streams  ${fmt(step.deliveredPerSecond, 0).padStart(7)} pkt/s  ` +
          `loss ${fmt((1 - step.deliveredFraction) * 100, 2).padStart(6)} %  CPU ${workerCpu.map((c) => `${fmt(c, 0)}%`).join(" ")}  ` +
          `sink ${fmt(step.sinkCpu, 0)}%  load ${fmt(step.loadavg, 2)}`,
      );
      // Saturated: a worker at the top, or packets no longer all delivered. Further steps only lose more.
      if (config.stopWhenSaturated && (Math.max(...workerCpu) > 95 || step.deliveredFraction < 0.97)) break;
    }
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const dump = await target.dumpWorker().catch(() => null);
  speaker.close();
  sink.close();
  await target.close();
  return { type: "result", label: config.label, steps, liburing: dump?.liburing ?? null, error };
}

// A stopped bench (SIGTERM/SIGINT, or the parent gone) exits through "exit" handlers that stop ffmpeg.
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => process.exit(1));
process.once("disconnect", () => process.exit(1));

run().then(
  (result) => {
    process.send?.(result);
    setTimeout(() => process.exit(0), 100);
  },
  (e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    process.send?.({ type: "result", label: "?", steps: [], liburing: null, error: message });
    setTimeout(() => process.exit(1), 100);
  },
);
