/**
 * Recovery times, as a listener hears them, in real Chromium pages running the app's own
 * recovery code (the wrtc bots do not implement it):
 *   1. worker kill: SIGKILL of the room's mediasoup worker → first audio packet back at the listener;
 *   2. network return: the listener's network (media over a UDP relay, signalling over a TCP relay,
 *      both owned here) is cut for 5 s, then given back → first audio packet back.
 * 10 tries each, p50/p95 printed. Localhost only; stops by itself (total timeout).
 *
 *   npm run bench:recovery        (needs `npx next build` first, like the other benches)
 */
import type { Browser, Page } from "playwright-core";
import { signInAs } from "../tests/support/e2e-flows";
import { launchChromium, newContext, readInboundStreams } from "../tests/support/browser";
import { TcpCutProxy, UdpCutProxy, freeMediaPort, routeMediaThrough } from "../tests/support/network-cut";
import { armDeadline, percentile, sleep, startBenchApp, type BenchApp } from "./lib/bench-app";
import { childrenOf } from "./lib/process-usage";

const TRIES = 10;
const DROP_MS = 5_000;
const PER_TRY_TIMEOUT_MS = 20_000;
const TOTAL_TIMEOUT_MS = 420_000;

let app: BenchApp | null = null;
let browser: Browser | null = null;
let mediaRelay: UdpCutProxy | null = null;
let appRelay: TcpCutProxy | null = null;

async function cleanup(): Promise<void> {
  await browser?.close().catch(() => undefined);
  await mediaRelay?.close().catch(() => undefined);
  await appRelay?.close().catch(() => undefined);
  await app?.stop();
}

/**
 * Resolves with the moment (Date.now()) the page first receives new audio packets with energy,
 * polling every 25 ms; a new stream counts from zero. `newStreamsOnly` ignores the streams live
 * now (after a worker kill, audio can only come back on a new consumer; a packet still in flight
 * on the old one must not count).
 */
async function firstAudio(page: Page, timeoutMs: number, newStreamsOnly = false): Promise<number | null> {
  let last = await readInboundStreams(page);
  const old = new Set(newStreamsOnly ? Object.keys(last) : []);
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    await sleep(25);
    const now = await readInboundStreams(page);
    for (const [id, stream] of Object.entries(now)) {
      if (old.has(id)) continue;
      const before = last[id];
      if (stream.packets > (before?.packets ?? 0) && stream.energy > (before?.energy ?? 0)) return Date.now();
    }
    last = now;
  }
  return null;
}

/** Waits until audio has been arriving steadily for a second (a settled room before each try). */
async function steadyAudio(page: Page): Promise<void> {
  const until = Date.now() + PER_TRY_TIMEOUT_MS;
  while (Date.now() < until) {
    const a = await readInboundStreams(page);
    await sleep(1000);
    const b = await readInboundStreams(page);
    const packets = Object.entries(b).reduce((sum, [id, s]) => sum + s.packets - (a[id]?.packets ?? 0), 0);
    if (packets > 40) return;
  }
  throw new Error("audio did not settle before the try");
}

function roomWorkerPid(serverPid: number): number {
  const worker = childrenOf(serverPid).find((c) => c.comm.startsWith("mediasoup-work"));
  if (!worker) throw new Error("no mediasoup worker found");
  return worker.pid;
}

function summary(label: string, ms: number[], failures: number): string {
  if (ms.length === 0) return `${label}: no successful try (${failures} failed)`;
  return `${label}: p50 ${percentile(ms, 50)} ms, p95 ${percentile(ms, 95)} ms, min ${Math.min(...ms)} ms, max ${Math.max(...ms)} ms (${ms.length}/${ms.length + failures} tries)\n  all: ${ms.join(", ")}`;
}

async function main(): Promise<void> {
  const disarm = armDeadline(TOTAL_TIMEOUT_MS, cleanup);
  const mediaPort = await freeMediaPort();
  // One worker: the room's worker is the only one, and a kill always hits the room.
  app = await startBenchApp({ MEDIA_PORT: String(mediaPort), MEDIA_WORKERS: "1" });
  mediaRelay = await UdpCutProxy.start(mediaPort);
  appRelay = await TcpCutProxy.start(app.port);
  browser = await launchChromium();

  const host = await (await newContext(browser)).newPage();
  await host.goto(app.url);
  await signInAs(host, "Bench Host");
  await host.getByLabel("Start a room").getByRole("textbox").fill("Recovery bench");
  await host.getByRole("button", { name: "Start room" }).click();
  await host.waitForURL(/\/rooms\//);
  const roomPath = new URL(host.url()).pathname;
  await host.getByRole("button", { name: "Unmute", exact: true }).click();

  const context = await newContext(browser);
  await routeMediaThrough(context, mediaPort, mediaRelay.port);
  const listener = await context.newPage();
  const viaRelay = `http://localhost:${appRelay.port}`;
  await listener.goto(viaRelay);
  await signInAs(listener, "Bench Listener");
  await listener.goto(`${viaRelay}${roomPath}`);
  await steadyAudio(listener);

  const killMs: number[] = [];
  let killFailures = 0;
  for (let i = 1; i <= TRIES; i++) {
    await steadyAudio(listener);
    const pid = roomWorkerPid(app.serverPid);
    process.kill(pid, "SIGKILL");
    const killedAt = Date.now();
    const back = await firstAudio(listener, PER_TRY_TIMEOUT_MS, true);
    if (back === null) killFailures++;
    else killMs.push(back - killedAt);
    process.stdout.write(
      `worker kill ${String(i).padStart(2)}: ${back === null ? "no audio back" : `${back - killedAt} ms`}\n`,
    );
  }

  const dropMs: number[] = [];
  let dropFailures = 0;
  for (let i = 1; i <= TRIES; i++) {
    await steadyAudio(listener);
    mediaRelay.cut();
    appRelay.cut();
    await sleep(DROP_MS);
    mediaRelay.restore();
    appRelay.restore();
    const restoredAt = Date.now();
    const back = await firstAudio(listener, PER_TRY_TIMEOUT_MS);
    if (back === null) dropFailures++;
    else dropMs.push(back - restoredAt);
    process.stdout.write(
      `network drop ${String(i).padStart(2)}: ${back === null ? "no audio back" : `${back - restoredAt} ms after the network returned`}\n`,
    );
  }

  console.log(
    `\nrecovery to first audio at the listener (Chromium ${browser.version()}, 1 worker, localhost)`,
  );
  console.log(summary("  worker SIGKILL → audio", killMs, killFailures));
  console.log(summary(`  network back after a ${DROP_MS / 1000} s drop → audio`, dropMs, dropFailures));
  disarm();
  await cleanup();
  process.exit(killFailures + dropFailures > 0 ? 1 : 0);
}

main().catch(async (error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  await cleanup();
  process.exit(1);
});
