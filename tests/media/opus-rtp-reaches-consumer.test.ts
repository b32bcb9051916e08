import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTER_MEDIA_CODECS } from "../../server/media/codecs";
import { WorkerPool } from "../../server/media/worker-pool";
import { createLogger } from "../../server/logging/logger";
import { sendOpusTone } from "../support/media-probe";

let pool: WorkerPool;

beforeAll(async () => {
  pool = await WorkerPool.create({
    numWorkers: 1,
    listenIp: "127.0.0.1",
    basePort: 0,
    logger: createLogger("warn"),
  });
});

afterAll(() => pool?.close());

describe("[MEDIA-1] a real worker forwards real Opus RTP from a producer to a consumer", () => {
  it("counts the packets that reach the consumer", async () => {
    const slot = await pool.acquire();
    const router = await slot.worker.createRouter({ mediaCodecs: ROUTER_MEDIA_CODECS });
    // comedia: the worker learns the sender's address from the first packet (ffmpeg's random port).
    const ingress = await router.createPlainTransport({
      listenInfo: { protocol: "udp", ip: "127.0.0.1" },
      rtcpMux: true,
      comedia: true,
    });
    const ssrc = 22_222;
    const producer = await ingress.produce({
      kind: "audio",
      rtpParameters: {
        codecs: [
          {
            mimeType: "audio/opus",
            payloadType: 100,
            clockRate: 48000,
            channels: 2,
            parameters: { "sprop-stereo": 0 },
          },
        ],
        encodings: [{ ssrc }],
      },
    });
    const egress = await router.createDirectTransport();
    const consumer = await egress.consume({
      producerId: producer.id,
      rtpCapabilities: router.rtpCapabilities,
    });
    let received = 0;
    let bytes = 0;
    consumer.on("rtp", (packet: Buffer) => {
      received++;
      bytes += packet.length;
    });

    const ffmpeg = sendOpusTone(ingress.tuple.localPort, 2, ssrc, 100);
    let ffmpegErrors = "";
    ffmpeg.stderr?.on("data", (chunk: Buffer) => (ffmpegErrors += chunk.toString()));
    const exitCode = await new Promise<number | null>((resolve) => ffmpeg.once("exit", resolve));
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(ffmpegErrors).toBe("");
    expect(exitCode).toBe(0);
    const stats = await producer.getStats();
    // 2 s of 20 ms Opus frames is ~100 packets; allow for ffmpeg start-up and the tail.
    expect(stats[0]?.packetCount ?? 0).toBeGreaterThan(80);
    expect(received).toBeGreaterThan(80);
    expect(bytes / received).toBeGreaterThan(20); // real encoded audio, not empty packets
    router.close();
    pool.release(slot);
  }, 20_000);
});
