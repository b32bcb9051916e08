/**
 * Join latency: how long a listener waits, from opening the socket to hearing the first packet.
 * One host bot speaks a 440 Hz tone; 20 listener bots join one after another (each stays, so
 * the room grows), each timed from socket connect + room:join to the first inbound RTP packet
 * seen in its receive transport's stats (polled every 20 ms). Prints p50/p95/min/max.
 * JOIN_FRAMES (default 20,60) repeats it in a fresh room per Opus frame length (the Big audience
 * setting), with the packets per second the last listener receives, and ends with one table.
 *
 *   npm run bench:join            (MEDIA_LISTEN_IP / MEDIA_WORKERS pass through to the server)
 */
import os from "node:os";
import { createBot, type Bot } from "./lib/bot";
import { machineTicks } from "./lib/process-usage";
import {
  armDeadline,
  guestListeners,
  percentile,
  sleep,
  startBenchApp,
  waitForPackets,
  type BenchApp,
} from "./lib/bench-app";
import { fmt, printTable } from "./lib/table";

const LISTENERS = 20;
const FRAMES = (process.env.JOIN_FRAMES ?? "20,60")
  .split(",")
  .map(Number)
  .filter((ms): ms is 20 | 40 | 60 => ms === 20 || ms === 40 || ms === 60);
const PER_JOIN_TIMEOUT_MS = 10_000;
const TOTAL_TIMEOUT_MS = 240_000 * Math.max(1, FRAMES.length);

const bots: Bot[] = [];
let app: BenchApp | null = null;

async function cleanup(): Promise<void> {
  await Promise.allSettled(bots.map((b) => b.close()));
  await app?.stop();
}

type Summary = { frameMs: number; ms: number[]; packetsPerSecond: number; failures: number };

async function main(): Promise<void> {
  const disarm = armDeadline(TOTAL_TIMEOUT_MS, cleanup);
  app = await startBenchApp({
    MEDIA_WORKERS: process.env.MEDIA_WORKERS ?? String(os.availableParallelism()),
  });
  const summaries: Summary[] = [];
  for (const frameMs of FRAMES) summaries.push(await joinRound(app, frameMs));
  printTable(
    "join → first audio packet per Opus frame length (ms)",
    ["frame", "listeners", "p50", "p95", "min", "max", "packets/s at a listener"],
    summaries.map((r) => [
      `${r.frameMs} ms`,
      `${r.ms.length}/${LISTENERS}`,
      fmt(percentile(r.ms, 50), 0),
      fmt(percentile(r.ms, 95), 0),
      fmt(Math.min(...r.ms), 0),
      fmt(Math.max(...r.ms), 0),
      fmt(r.packetsPerSecond, 1),
    ]),
  );
  const failed = summaries.reduce((sum, r) => sum + r.failures, 0);
  disarm();
  await cleanup();
  process.exit(failed > 0 ? 1 : 0); // wrtc keeps native threads alive; exit explicitly
}

/** One room at `frameMs`: a speaking host, then LISTENERS joins one after another. */
async function joinRound(app: BenchApp, frameMs: 20 | 40 | 60): Promise<Summary> {
  const url = app.url;
  console.log(`
--- ${frameMs} ms frames ---`);
  const host = await createBot({ url, name: "Bench Host" });
  bots.push(host);
  const roomId = await host.createRoom(`join latency bench ${frameMs} ms`, { audioFrameMs: frameMs });
  await host.speak(roomId);
  await sleep(1000); // let the host's ICE/DTLS settle so the first listener is not timing the host

  type Row = {
    ms: number;
    connect: number;
    join: number;
    device: number;
    transport: number;
    consume: number;
    toPacket: number;
  };
  const rows: Row[] = [];
  const failures: string[] = [];
  let route = "";
  const machineBefore = machineTicks();
  for (let i = 1; i <= LISTENERS; i++) {
    const bot = await createBot({ url, name: `Listener ${i}`, guest: guestListeners }); // sign-up is not part of the join
    bots.push(bot);
    try {
      const marks = await bot.joinAsListener(roomId);
      const heard = await waitForPackets(() => bot.inboundAudio(), 0, PER_JOIN_TIMEOUT_MS);
      if (heard === null)
        throw new Error(`no audio within ${PER_JOIN_TIMEOUT_MS} ms ${bot.problems.join("; ")}`);
      rows.push({
        ms: heard - marks.start,
        connect: marks.connected - marks.start,
        join: marks.joined - marks.connected,
        device: marks.deviceLoaded - marks.joined,
        transport: marks.transportReady - marks.deviceLoaded,
        consume: marks.consuming - marks.transportReady,
        toPacket: heard - marks.consuming,
      });
      if (i === 1) route = await bot.iceRoute();
      process.stdout.write(`listener ${String(i).padStart(2)}: ${(heard - marks.start).toFixed(0)} ms\n`);
    } catch (error) {
      failures.push(`listener ${i}: ${error instanceof Error ? error.message : String(error)}`);
    }
    await sleep(200);
  }

  const machineAfter = machineTicks();
  const busy =
    ((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) *
    100 *
    os.availableParallelism();
  const ms = rows.map((r) => r.ms);
  const med = (key: keyof Row) =>
    percentile(
      rows.map((r) => r[key]),
      50,
    ).toFixed(1);
  console.log(`\njoin → first audio packet, ${rows.length}/${LISTENERS} listeners (ms)`);
  console.log(
    `  p50 ${percentile(ms, 50).toFixed(0)}  p95 ${percentile(ms, 95).toFixed(0)}  min ${Math.min(...ms).toFixed(0)}  max ${Math.max(...ms).toFixed(0)}`,
  );
  console.log(
    `  median steps: socket connect ${med("connect")}, room:join ack ${med("join")}, device.load ${med("device")}, ` +
      `recv transport ${med("transport")}, consume+resume ${med("consume")}, then ICE/DTLS/first packet ${med("toPacket")}`,
  );
  console.log(`  ICE route (listener 1, client -> server): ${route}`);
  console.log(`  listeners: ${guestListeners ? "guests (no account)" : "signed-up members"}`);
  console.log(
    `  server: ${url}, workers ${app.workerPids.length}, MEDIA_LISTEN_IP ${process.env.MEDIA_LISTEN_IP ?? "127.0.0.1 (default)"}`,
  );
  console.log(
    `  machine busy during the joins: ${busy.toFixed(0)} % of ${os.availableParallelism() * 100} % (everything on the host, bots included)`,
  );
  if (failures.length > 0) console.log(`failures:\n  ${failures.join("\n  ")}`);
  const packetsPerSecond = await packetRate(bots.at(-1));
  await Promise.allSettled(bots.splice(0).map((b) => b.close()));
  return { frameMs, ms, packetsPerSecond, failures: failures.length };
}

/** Audio packets per second one listener receives, over 3 s (50 at 20 ms frames, 16.7 at 60 ms). */
async function packetRate(bot: Bot | undefined): Promise<number> {
  if (!bot) return 0;
  const before = await bot.inboundAudio();
  const start = performance.now();
  await sleep(3000);
  const after = await bot.inboundAudio();
  return ((after.packets - before.packets) * 1000) / (performance.now() - start);
}

main().catch(async (error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  await cleanup();
  process.exit(1);
});
