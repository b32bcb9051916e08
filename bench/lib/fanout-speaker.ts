import { spawn, type ChildProcess } from "node:child_process";
import dgram from "node:dgram";

export const SPEAKER_SSRC = 22_222_222;
export const SPEAKER_PT = 100;

/**
 * The "speech" input: talk 1.5 s, pause 1 s, talk 3 s, pause 2 s (a 7.5 s cycle, 60 % talking).
 * Why the relay gates packets instead of ffmpeg encoding silence with DTX: Debian bookworm's
 * ffmpeg 5.1 has no libopus `dtx` option (and its silenceremove filter did not gate reliably in
 * RTP output). Opus DTX on the wire is: every frame while talking, one packet per 400 ms while
 * silent, sequence numbers contiguous. The relay does exactly that to ffmpeg's tone.
 */
function talking(elapsedMs: number): boolean {
  const t = elapsedMs % 7500;
  return t < 1500 || (t >= 2500 && t < 5500);
}
const DTX_INTERVAL_MS = 400;

function ffmpegArgs(ptimeMs: number, port: number, rtcpPort: number): string[] {
  return [
    ...[
      "-hide_banner",
      "-loglevel",
      "error",
      "-re",
      "-f",
      "lavfi",
      "-i",
      "sine=frequency=440:sample_rate=48000",
    ],
    ...[
      "-ac",
      "1",
      "-c:a",
      "libopus",
      "-b:a",
      "32k",
      "-application",
      "voip",
      "-frame_duration",
      String(ptimeMs),
    ],
    ...[
      "-payload_type",
      String(SPEAKER_PT),
      "-ssrc",
      String(SPEAKER_SSRC),
      "-f",
      "rtp",
      `rtp://127.0.0.1:${port}?rtcpport=${rtcpPort}&pkt_size=1200`,
    ],
  ];
}

export type Speaker = {
  sent(): number;
  /**
   * Resolves 0.8 frame after the next forwarded packet: the worker has had most of a frame to fan
   * it out and the following one is not sent yet. Window edges taken there are aligned to whole
   * packets; otherwise one packet of skew is 1/(packets in the window) of error, e.g. 0.4 % for
   * 5 s of 20 ms frames, as large as the 99.5 % criterion.
   */
  quietPoint(): Promise<void>;
  close(): void;
};

/**
 * ffmpeg encodes a 440 Hz tone and sends it to a relay socket in this process, which forwards
 * the RTP packets (all of them for "tone"; DTX-gated for "speech") to the producer's transport
 * and counts them: the count of packets sent is exact, independent of the SFU's own statistics.
 * ffmpeg's RTCP is discarded.
 */
export async function startSpeaker(
  input: "tone" | "speech",
  ptimeMs: number,
  to: { ip: string; port: number },
): Promise<Speaker> {
  const relay = dgram.createSocket("udp4");
  const rtcpSink = dgram.createSocket("udp4");
  let sent = 0;
  let seq = 0;
  let lastSentAt = 0;
  let waiters: (() => void)[] = [];
  const started = performance.now();
  relay.on("message", (packet) => {
    const now = performance.now();
    if (input === "speech" && !talking(now - started) && now - lastSentAt < DTX_INTERVAL_MS) return;
    if (packet.length < 12) return;
    packet.writeUInt16BE(seq, 2); // contiguous, as an encoder with DTX numbers its packets
    seq = (seq + 1) & 0xffff;
    lastSentAt = now;
    sent++;
    relay.send(packet, to.port, to.ip);
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) setTimeout(resolve, ptimeMs * 0.8);
  });
  await Promise.all(
    [relay, rtcpSink].map((s) => new Promise<void>((resolve) => s.bind(0, "127.0.0.1", resolve))),
  );
  rtcpSink.on("message", () => undefined);
  const ffmpeg: ChildProcess = spawn(
    "ffmpeg",
    ffmpegArgs(ptimeMs, relay.address().port, rtcpSink.address().port),
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  // ffmpeg outlives a killed parent (it only writes UDP, so nothing tells it): kill it on any exit.
  const killFfmpeg = () => ffmpeg.kill("SIGKILL");
  process.once("exit", killFfmpeg);
  return {
    sent: () => sent,
    quietPoint: () => new Promise<void>((resolve) => waiters.push(resolve)),
    close: () => {
      process.off("exit", killFfmpeg);
      ffmpeg.kill("SIGKILL");
      relay.close();
      rtcpSink.close();
    },
  };
}
