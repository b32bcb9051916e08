/**
 * Media fan-out capacity: one speaker (ffmpeg → Opus RTP → a comedia PlainTransport producer),
 * listeners added in steps (each an SRTP PlainTransport, AES_CM_128_HMAC_SHA1_80, to a UDP sink
 * on 127.0.0.1) until the workers saturate. Per step: streams, packets/s delivered, loss, CPU
 * per worker (utime+stime of /proc/<pid>/stat). Headline: streams per core at <= 85 % CPU with
 * >= 99.5 % delivered. Each configuration runs in its own process (bench/lib/fanout-run.ts) so
 * each can use its own worker binary (MEDIASOUP_WORKER_BIN), e.g. with and without io_uring.
 *
 *   npm run bench:fanout
 *   env: FANOUT_SUITE=full|capacity|io_uring|quick, FANOUT_STEPS=250,500,...  (max 4000), FANOUT_WINDOW_MS=5000,
 *        FANOUT_TARGETS=bare,app, FANOUT_IO_URING_BIN=<worker built with io_uring> (default: the
 *        cache entry of `MEDIASOUP_WORKER_IO_URING=1 scripts/mediasoup-worker/ensure-worker.sh`),
 *        MEDIASOUP_WORKER_BIN (the default worker; else node_modules' one), FANOUT_KEEP_GOING=1 (all
 *        steps even after saturation: for a machine others load, where loss comes from them).
 * Only 127.0.0.1; bounded in listeners (4,000), steps and time (FANOUT_TIMEOUT_MS); stops by itself.
 */
import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { appTargetAvailable } from "./lib/fanout-app";
import { fanoutResultSchema, type FanoutConfig, type FanoutResult } from "./lib/fanout-messages";
import { printCapacity, printComparisons, printSinkCost, type Finished } from "./lib/fanout-report";
import { fmt } from "./lib/table";

const here = path.dirname(fileURLToPath(import.meta.url));
const MAX_LISTENERS = 4000;
const STEPS = (process.env.FANOUT_STEPS ?? "250,500,1000,1500,2000,2500,3000,3500,4000")
  .split(",")
  .map(Number)
  .filter((n) => n > 0 && n <= MAX_LISTENERS);
const WINDOW_MS = Math.min(30_000, Number(process.env.FANOUT_WINDOW_MS ?? 5000));
const TIMEOUT_MS = Number(process.env.FANOUT_TIMEOUT_MS ?? 40 * 60_000);
const PER_CONFIG_TIMEOUT_MS = 6 * 60_000;
const PROBE = 1000; // streams at which every configuration's CPU is compared

function defaultWorkerBin(): string {
  const bin =
    process.env.MEDIASOUP_WORKER_BIN ??
    path.join(here, "../node_modules/mediasoup/worker/out/Release/mediasoup-worker");
  return fs.realpathSync(bin);
}

/** The io_uring worker: FANOUT_IO_URING_BIN, else the cache entry ensure-worker.sh makes for it. */
function ioUringWorkerBin(): string | null {
  if (process.env.FANOUT_IO_URING_BIN) return process.env.FANOUT_IO_URING_BIN;
  const { version } = z
    .object({ version: z.string() })
    .parse(JSON.parse(fs.readFileSync(path.join(here, "../node_modules/mediasoup/package.json"), "utf8")));
  const root = path.join(
    process.env.AUDIO_ROOMS_CACHE_DIR ??
      path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "audio-rooms"),
    "mediasoup-worker",
  );
  const dirs = fs.existsSync(root)
    ? fs.readdirSync(root).filter((d) => d.startsWith(`${version}-io_uring-`))
    : [];
  const found = dirs.map((d) => path.join(root, d, "mediasoup-worker")).filter((f) => fs.existsSync(f));
  return found.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0] ?? null;
}

/**
 * FANOUT_SUITE: "full" (default: sinks, bare inputs, 2 workers, io_uring pairs, app), "capacity"
 * (full without io_uring), "io_uring" (only the with/without pairs, interleaved so drifting
 * background load hits both alike), "quick" (tone 20 ms only).
 */
function plan(defaultBin: string, uringBin: string | null): { config: FanoutConfig; ioUring: boolean }[] {
  const suite = process.env.FANOUT_SUITE ?? "full";
  const quick = suite === "quick";
  const targets = (process.env.FANOUT_TARGETS ?? "bare,app").split(",");
  const make = (
    target: "bare" | "app",
    workers: number,
    input: "tone" | "speech",
    ptimeMs: 20 | 40 | 60,
    ioUring: boolean,
    extra: Partial<FanoutConfig> = {},
  ) => ({
    ioUring,
    config: {
      label: `${target} ${workers}w ${input} ${ptimeMs}ms${ioUring ? " io_uring" : ""}`,
      target,
      workers,
      input,
      ptimeMs,
      sink: "drop" as const,
      steps: STEPS,
      // Speech: a whole talk/pause cycle (7.5 s) per window, so every window holds the same mix.
      windowMs: input === "speech" ? 7500 : WINDOW_MS,
      workerBin: ioUring && uringBin ? uringBin : defaultBin,
      stopWhenSaturated: process.env.FANOUT_KEEP_GOING !== "1",
      ...extra,
    },
  });
  const all: ["tone" | "speech", 20 | 40 | 60][] = [
    ["tone", 20],
    ["tone", 40],
    ["tone", 60],
    ["speech", 20],
    ["speech", 40],
    ["speech", 60],
  ];
  const inputs = quick ? all.slice(0, 1) : all;
  // FANOUT_IO_URING_INPUTS=tone:20,speech:20 picks the pairs (default: tone 20/40/60, speech 20).
  const pick = (process.env.FANOUT_IO_URING_INPUTS ?? "").split(",").filter(Boolean);
  const pairInputs = pick.length
    ? all.filter(([input, ptime]) => pick.includes(`${input}:${ptime}`))
    : quick
      ? inputs
      : inputs.slice(0, 4);
  const uringPairs = (uringBin ? pairInputs : []).flatMap(([input, ptime]) => [
    make("bare", 1, input, ptime, false),
    make("bare", 1, input, ptime, true),
  ]);
  if (suite === "io_uring") return uringPairs;
  const list = [
    make("bare", 1, "tone", 20, false, { label: "sink=count", sink: "count", steps: [PROBE] }),
    make("bare", 1, "tone", 20, false, { label: "sink=drop", sink: "drop", steps: [PROBE] }),
  ];
  if (targets.includes("bare")) {
    for (const [input, ptime] of inputs) list.push(make("bare", 1, input, ptime, false));
    if (suite !== "capacity") list.push(...uringPairs.filter((p) => p.ioUring));
    list.push(make("bare", 2, "tone", 20, false));
  }
  if (targets.includes("app") && appTargetAvailable()) {
    list.push(make("app", 1, "tone", 20, false), make("app", 2, "tone", 20, false));
    if (!quick) list.push(make("app", 2, "speech", 20, false));
  }
  return list;
}

function runOne(config: FanoutConfig): Promise<FanoutResult> {
  return new Promise((resolve) => {
    const child = fork(path.join(here, "lib/fanout-run.ts"), [JSON.stringify(config)], {
      execArgv: ["--import", "tsx"],
      env: { ...process.env, MEDIASOUP_WORKER_BIN: config.workerBin },
    });
    let result: FanoutResult | null = null;
    const stop = () => child.kill("SIGTERM");
    process.once("exit", stop);
    const timer = setTimeout(() => child.kill("SIGKILL"), PER_CONFIG_TIMEOUT_MS);
    child.on("message", (raw: unknown) => {
      const parsed = fanoutResultSchema.safeParse(raw);
      if (parsed.success) result = { ...parsed.data, label: config.label };
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      process.off("exit", stop);
      resolve(
        result ?? {
          type: "result",
          label: config.label,
          steps: [],
          liburing: null,
          error: `run exited with ${code} and no result`,
        },
      );
    });
  });
}

async function main(): Promise<void> {
  const started = performance.now();
  const deadline = started + TIMEOUT_MS;
  const defaultBin = defaultWorkerBin();
  const uringBin = ioUringWorkerBin();
  const cpuModel = /model name\s*:\s*(.*)/.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? "?";
  console.log(
    `bench:fanout  nproc ${os.availableParallelism()}, ${cpuModel}, Linux ${os.release()}, load ${os
      .loadavg()
      .map((l) => fmt(l, 2))
      .join(" ")}`,
  );
  console.log(
    `  default worker: ${defaultBin}\n  io_uring worker: ${uringBin ?? "none (build it: MEDIASOUP_WORKER_IO_URING=1 scripts/mediasoup-worker/ensure-worker.sh)"}`,
  );
  console.log(
    `  app target: ${appTargetAvailable() ? "available" : "not available on this tree (RoomMedia has no createPlainTransport yet)"}`,
  );
  console.log(
    `  steps ${STEPS.join(",")}, window ${WINDOW_MS} ms; the speaker, sink and bench share the 2 cores with the workers\n`,
  );
  const done: Finished[] = [];
  for (const { config, ioUring } of plan(defaultBin, uringBin)) {
    if (performance.now() > deadline) {
      console.log(`  total timeout reached: skipping ${config.label}`);
      continue;
    }
    const result = await runOne(config);
    if (result.error) console.log(`  ${config.label}: ${result.error}`);
    done.push({ config, result, ioUring });
  }
  printSinkCost(done);
  printCapacity(
    done.filter((d) => !d.config.label.startsWith("sink=")),
    PROBE,
  );
  const pairs = [
    { name: "app / bare (1 worker, tone 20 ms)", a: "app 1w tone 20ms", b: "bare 1w tone 20ms" },
    { name: "app 2 workers / 1 (tone 20 ms)", a: "app 2w tone 20ms", b: "app 1w tone 20ms" },
    { name: "bare 2 workers (piped) / 1 (tone 20 ms)", a: "bare 2w tone 20ms", b: "bare 1w tone 20ms" },
    ...(["tone", "speech"] as const).flatMap((input) =>
      ([20, 40, 60] as const).map((p) => ({
        name: `io_uring / default (${input} ${p} ms)`,
        a: `bare 1w ${input} ${p}ms io_uring`,
        b: `bare 1w ${input} ${p}ms`,
      })),
    ),
    { name: "40 ms / 20 ms frames (tone)", a: "bare 1w tone 40ms", b: "bare 1w tone 20ms" },
    { name: "60 ms / 20 ms frames (tone)", a: "bare 1w tone 60ms", b: "bare 1w tone 20ms" },
    { name: "speech / tone (20 ms)", a: "bare 1w speech 20ms", b: "bare 1w tone 20ms" },
    { name: "speech / tone (60 ms)", a: "bare 1w speech 60ms", b: "bare 1w tone 60ms" },
  ];
  printComparisons(done, PROBE, pairs);
  console.log(
    `\ntotal ${fmt((performance.now() - started) / 1000, 0)} s, load ${os
      .loadavg()
      .map((l) => fmt(l, 2))
      .join(" ")}`,
  );
}

for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => process.exit(1));

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
