import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startAppProcess, type AppProcess } from "../../tests/support/app-process";
import { childrenOf } from "./process-usage";

export type BenchApp = AppProcess & { serverPid: number; workerPids: number[] };

/**
 * Starts the real server (production build, temp embedded database) and finds the pids to
 * measure: the Node server itself and its mediasoup-worker children.
 */
export async function startBenchApp(env: Record<string, string>): Promise<BenchApp> {
  // Our own temp directory, so it is removed even when the server fails to start.
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "audio-rooms-bench-"));
  // Open registration: every bot signs up for its own account (the default mode needs invites).
  const app = await startAppProcess({
    dataDir,
    env: { LOG_LEVEL: "info", REGISTRATION_MODE: "open", ...env },
  }).catch(async (error: unknown) => {
    await fs.rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  const serverPid = app.child.pid;
  if (serverPid === undefined) throw new Error("server process has no pid");
  const workerPids = childrenOf(serverPid)
    .filter((c) => c.comm.startsWith("mediasoup-work")) // comm is cut to 15 characters
    .map((c) => c.pid);
  if (workerPids.length === 0) throw new Error("no mediasoup-worker child found");
  let stopped: Promise<number | null> | null = null;
  // Idempotent, and removes the temporary database, which startAppProcess leaves behind.
  const stop = () =>
    (stopped ??= app.stop().then(async (code) => {
      await fs.rm(app.dataDir, { recursive: true, force: true });
      return code;
    }));
  return { ...app, stop, serverPid, workerPids };
}

/** Stops the bench when it overruns: the app is a child process and must never be left behind. */
export function armDeadline(ms: number, cleanup: () => Promise<void>): () => void {
  const timer = setTimeout(() => {
    process.stderr.write(`bench: total timeout of ${ms / 1000} s reached, stopping\n`);
    void cleanup().finally(() => process.exit(2));
  }, ms);
  return () => clearTimeout(timer);
}

/** Runs a bench's main and exits with its outcome; a failure still stops the app it started. */
export function runBench(main: () => Promise<void>, cleanup: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    async (error: unknown) => {
      console.error(error);
      await cleanup();
      process.exit(1);
    },
  );
}

/** p-th percentile (nearest rank) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

/** BENCH_GUESTS=1 makes listener bots join as guests (no account, no HTTP) instead of members. */
export const guestListeners = process.env.BENCH_GUESTS === "1";

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `read` every `everyMs` until it reports more than `above` packets; resolves with the
 * moment (performance.now()) it first did, or null after `timeoutMs`.
 */
export async function waitForPackets(
  read: () => Promise<{ packets: number }>,
  above: number,
  timeoutMs: number,
  everyMs = 20,
): Promise<number | null> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    if ((await read()).packets > above) return performance.now();
    await sleep(everyMs);
  }
  return null;
}
