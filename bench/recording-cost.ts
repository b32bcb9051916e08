/**
 * What recording a room costs the server: speakers (ffmpeg → real Opus RTP → a comedia plain
 * transport producer) recorded through the app's own recorder (server/media/producer-recorder:
 * a direct-transport consumer re-timed in Node, one ffmpeg per speaker re-encoding to Ogg/Opus),
 * then the stop-time mix. Prints the recorders' CPU (their ffmpeg processes' utime+stime from
 * /proc, plus this process's own for the packet relay) per speaker and per recorded minute, and
 * the mix's wall time. Only 127.0.0.1; bounded (RECORDING_BENCH_SPEAKERS ≤ 8, _SECONDS ≤ 120).
 *
 *   npx tsx bench/recording-cost.ts     env: RECORDING_BENCH_SPEAKERS=1, RECORDING_BENCH_SECONDS=20
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROUTER_MEDIA_CODECS } from "../server/media/codecs";
import { createLogger } from "../server/logging/logger";
import { recordProducer } from "../server/media/producer-recorder";
import { mixRecording } from "../server/media/recording-mix";
import { WorkerPool } from "../server/media/worker-pool";

const speakers = Math.min(8, Math.max(1, Number(process.env.RECORDING_BENCH_SPEAKERS ?? 1)));
const seconds = Math.min(120, Math.max(5, Number(process.env.RECORDING_BENCH_SECONDS ?? 20)));
const TICKS = 100; // USER_HZ on Linux

/** utime+stime in seconds of every child ffmpeg reading an SDP (the recorders), by pid. */
function recorderCpu(): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (!cmdline.includes("ffmpeg") || !cmdline.includes("sdp")) continue;
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) !== process.pid) continue; // field 4: parent pid
      cpu.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / TICKS);
    } catch {
      // the process ended while we read it
    }
  }
  return cpu;
}

async function main(): Promise<void> {
  const logger = createLogger("warn");
  const pool = await WorkerPool.create({ numWorkers: 1, listenIp: "127.0.0.1", basePort: 0, logger });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recording-bench-"));
  try {
    const slot = await pool.acquire();
    const router = await slot.worker.createRouter({
      mediaCodecs: ROUTER_MEDIA_CODECS,
      appData: { roomId: "bench", userId: "" },
    });
    const tones = [];
    const recordings = [];
    for (let index = 0; index < speakers; index++) {
      const ingress = await router.createPlainTransport({
        listenInfo: { protocol: "udp", ip: "127.0.0.1" },
        rtcpMux: true,
        comedia: true,
      });
      const ssrc = 5000 + index;
      const producer = await ingress.produce({
        kind: "audio",
        rtpParameters: {
          codecs: [
            { mimeType: "audio/opus", payloadType: 100, clockRate: 48000, channels: 2, parameters: {} },
          ],
          encodings: [{ ssrc }],
        },
      });
      tones.push(
        spawn(
          "ffmpeg",
          [
            ...["-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi"],
            ...["-i", `sine=frequency=${300 + index * 110}:sample_rate=48000:duration=${seconds + 5}`],
            ...["-c:a", "libopus", "-ac", "1", "-b:a", "32k", "-ssrc", String(ssrc), "-payload_type", "100"],
            ...["-f", "rtp", `rtp://127.0.0.1:${ingress.tuple.localPort}`],
          ],
          { stdio: "ignore" },
        ),
      );
      recordings.push({
        path: path.join(dir, `track-${index}.ogg`),
        recording: await recordProducer({
          router,
          producerId: producer.id,
          appData: { roomId: "bench", userId: `speaker-${index}` },
          outputPath: path.join(dir, `track-${index}.ogg`),
          logger,
        }),
      });
    }
    const startedAt = Date.now();
    const ownBefore = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const ffmpegCpu = [...recorderCpu().values()].reduce((sum, value) => sum + value, 0);
    const own = process.cpuUsage(ownBefore);
    const ownCpu = (own.user + own.system) / 1e6;
    for (const { recording } of recordings) await recording.stop();
    const durationMs = Date.now() - startedAt;
    for (const tone of tones) tone.kill("SIGKILL");
    const mixStarted = Date.now();
    await mixRecording({
      tracks: recordings.map((entry) => ({
        path: entry.path,
        offsetMs: entry.recording.startedAt - startedAt,
      })),
      durationMs,
      outputPath: path.join(dir, "replay.ogg"),
    });
    const mixMs = Date.now() - mixStarted;
    const minutes = durationMs / 60_000;
    const lines = [
      `recording cost: ${speakers} speaker(s), ${(durationMs / 1000).toFixed(1)} s recorded, load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
      `  recorder ffmpeg CPU: ${((ffmpegCpu / seconds) * 100).toFixed(2)} % of a core in total, ${((ffmpegCpu / seconds / speakers) * 100).toFixed(2)} % per speaker`,
      `  Node (bench process incl. the RTP relay): ${((ownCpu / seconds) * 100).toFixed(2)} % of a core`,
      `  mix at stop: ${mixMs} ms wall for ${minutes.toFixed(2)} min (${(mixMs / 1000 / minutes).toFixed(2)} s per recorded minute)`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    pool.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
