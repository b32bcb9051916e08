import { spawn } from "node:child_process";
import { createSocket } from "node:dgram";
import type { types } from "mediasoup";
import type { Logger } from "../logging/logger";
import { FFMPEG, stopFfmpeg } from "./ffmpeg";
import { RtpClock } from "./rtp-clock";
import type { MediaAppData } from "./peer-media";

/** One producer being written to a file; `stop` finishes the file (safe to call twice). */
export type ProducerRecording = {
  /** When its audio began to flow to the file (ms since the epoch): the track's start offset. */
  readonly startedAt: number;
  stop(): Promise<void>;
};

/** A room's recordings in progress, so closing its media stops every one (whoever forgets them). */
export class ProducerRecordings {
  private readonly running = new Set<ProducerRecording>();

  async start(input: Parameters<typeof recordProducer>[0]): Promise<ProducerRecording> {
    const recording = await recordProducer(input);
    this.running.add(recording);
    return {
      startedAt: recording.startedAt,
      stop: () => {
        this.running.delete(recording);
        return recording.stop();
      },
    };
  }

  stopAll(): void {
    for (const recording of this.running) void recording.stop();
    this.running.clear();
  }
}

/** ffmpeg binds its UDP ports as soon as it has read the SDP; RTP sent before that is lost. */
const FFMPEG_BIND_MS = 400;

/**
 * Records one producer: a consumer of it on a direct transport hands each RTP packet to Node,
 * which re-times it (RtpClock: silence while the producer sends nothing) and sends it over
 * loopback to an ffmpeg that decodes and re-encodes it as Ogg/Opus. The file's clock is thus the
 * wall clock's from `startedAt`, so the mix places it by its start offset alone. Audio is ~50
 * packets a second per speaker: passing it through Node costs nothing worth measuring.
 */
export async function recordProducer(input: {
  router: types.Router<MediaAppData>;
  producerId: string;
  appData: MediaAppData;
  outputPath: string;
  logger: Logger;
}): Promise<ProducerRecording> {
  const { router, logger } = input;
  const rtpPort = await freeUdpPortPair();
  const transport = await router.createDirectTransport<MediaAppData>({
    maxMessageSize: 262_144,
    appData: input.appData,
  });
  try {
    const consumer = await transport.consume({
      producerId: input.producerId,
      rtpCapabilities: router.rtpCapabilities,
      paused: true,
      appData: input.appData,
    });
    const codec = consumer.rtpParameters.codecs[0];
    if (!codec) throw new Error("the recorder's consumer has no codec");
    const sdp = [
      "v=0",
      "o=- 0 0 IN IP4 127.0.0.1",
      "s=recording",
      "c=IN IP4 127.0.0.1",
      "t=0 0",
      `m=audio ${rtpPort} RTP/AVP ${codec.payloadType}`,
      `a=rtcp:${rtpPort + 1}`,
      `a=rtpmap:${codec.payloadType} opus/${codec.clockRate}/${codec.channels ?? 2}`,
      "a=recvonly",
      "",
    ].join("\r\n");
    const child = spawn(
      FFMPEG,
      [
        ...["-hide_banner", "-loglevel", "error", "-protocol_whitelist", "pipe,udp,rtp"],
        ...["-f", "sdp", "-i", "pipe:0", "-map", "0:a:0", "-af", "aresample=async=1000"],
        ...["-c:a", "libopus", "-b:a", "48k", "-application", "voip", "-f", "ogg", "-y", input.outputPath],
      ],
      { stdio: ["pipe", "ignore", "pipe"] },
    );
    let log = "";
    child.stderr.on("data", (chunk: Buffer) => {
      log = (log + chunk.toString("utf8")).slice(-2000);
    });
    child.on("error", (error) => logger.error({ err: error }, "recording ffmpeg failed to start"));
    child.stdin.end(sdp);
    await new Promise((resolve) => setTimeout(resolve, FFMPEG_BIND_MS));

    const socket = createSocket("udp4");
    const startedAt = Date.now();
    const clock = new RtpClock(codec.payloadType, 0x5eed0000 + (rtpPort & 0xffff), startedAt);
    const sendToFfmpeg = (packet: Buffer) => socket.send(packet, rtpPort, "127.0.0.1");
    consumer.on("rtp", (packet: Buffer) => {
      const restamped = clock.real(packet, Date.now());
      if (restamped) sendToFfmpeg(restamped);
    });
    const filler = setInterval(() => {
      for (const frame of clock.silence(Date.now())) sendToFfmpeg(frame);
    }, 20);
    await consumer.resume();
    let stopping: Promise<void> | null = null;
    return {
      startedAt,
      stop() {
        stopping ??= (async () => {
          consumer.close();
          // Silence keeps flowing until ffmpeg has written its trailer: its read loop then never blocks.
          await stopFfmpeg(child);
          clearInterval(filler);
          transport.close();
          socket.close();
          if (log.trim())
            logger.warn({ producerId: input.producerId, log: log.trim() }, "recording ffmpeg said");
        })();
        return stopping;
      },
    };
  } catch (error) {
    transport.close();
    throw error;
  }
}

/** An even UDP port on loopback whose successor is free too (RTP and RTCP), for ffmpeg to bind. */
async function freeUdpPortPair(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const rtp = await bindUdp(0);
    const port = rtp.port;
    if (port % 2 === 0 && port < 65534) {
      const rtcp = await bindUdp(port + 1).catch(() => null);
      if (rtcp) {
        await Promise.all([rtp.close(), rtcp.close()]);
        return port;
      }
    }
    await rtp.close();
  }
  throw new Error("no free UDP port pair for the recorder");
}

function bindUdp(port: number): Promise<{ port: number; close(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = createSocket("udp4");
    socket.once("error", reject);
    socket.bind(port, "127.0.0.1", () =>
      resolve({
        port: socket.address().port,
        close: () => new Promise((done) => socket.close(() => done())),
      }),
    );
  });
}
