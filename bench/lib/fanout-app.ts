import { limitsEnvSchema, limitsOf } from "../../server/config/limits";
import * as mediasoup from "mediasoup";
import type { types } from "mediasoup";
import { createLogger } from "../../server/logging/logger";
import { RoomMedia, type RoomMediaListener } from "../../server/media/room-media";
import { WorkerPool } from "../../server/media/worker-pool";
import { SPEAKER_PT, SPEAKER_SSRC } from "./fanout-speaker";
import { speakerRtpParameters, type FanoutTarget } from "./fanout-target";

/**
 * The surface of the app's RoomMedia (server/media/room-media.ts) that bench:fanout drives: `send`
 * = comedia on the origin router (no SRTP), `recv` = SRTP connected to `remote`, placed by consumer
 * seats on the least-loaded worker (a listener router and a pipe on any worker but the origin).
 */
export type AppPlainMedia = {
  readonly rtpCapabilities: types.RouterRtpCapabilities;
  allowPublish(userId: string, paused: boolean): void;
  createPlainTransport(
    userId: string,
    direction: "send" | "recv",
    options: { remote?: { ip: string; port: number } },
  ): Promise<{ id: string; ip: string; port: number; srtpParameters?: types.SrtpParameters }>;
  produce(userId: string, transportId: string, rtpParameters: types.RtpParameters): Promise<string>;
  consume(
    userId: string,
    producerId: string,
    rtpCapabilities: types.RtpCapabilities,
  ): Promise<{ id: string }>;
  resumeConsumer(userId: string, consumerId: string): Promise<void>;
  close(): void;
};

type CreateAppMedia = (input: {
  roomId: string;
  pool: WorkerPool;
  listener: RoomMediaListener;
  logger: ReturnType<typeof createLogger>;
}) => Promise<AppPlainMedia>;

/** The app's factory: RoomMedia itself, with its placement over the pool's workers and its pipes. */
function appMediaFactory(): CreateAppMedia | null {
  return (input) =>
    RoomMedia.create({
      ...input,
      maxIncomingBitrate: limitsOf(limitsEnvSchema.parse({})).media.maxIncomingBitrate,
    });
}

export function appTargetAvailable(): boolean {
  return appMediaFactory() !== null;
}

/**
 * A listener's capabilities from the router's: RoomMedia types its capabilities loosely
 * (payload types optional, as in router options); the router's real ones all carry one.
 */
function consumerCapabilities(caps: types.RouterRtpCapabilities): types.RtpCapabilities {
  const codecs = (caps.codecs ?? []).flatMap((c) =>
    c.preferredPayloadType === undefined ? [] : [{ ...c, preferredPayloadType: c.preferredPayloadType }],
  );
  return { codecs, ...(caps.headerExtensions ? { headerExtensions: caps.headerExtensions } : {}) };
}

const quietListener: RoomMediaListener = {
  producerAdded: () => undefined,
  producerClosed: () => undefined,
  consumerClosed: () => undefined,
  activeSpeaker: () => undefined,
  mediaLost: () => undefined,
  receiversLost: () => undefined,
};

/** The app's own media code (its placement and pipes), driven through AppPlainMedia. */
export async function createAppTarget(workers: number): Promise<FanoutTarget> {
  const create = appMediaFactory();
  if (!create) throw new Error("app target: RoomMedia has no createPlainTransport on this tree yet");
  const logger = createLogger("warn");
  // WorkerPool keeps its workers private; mediasoup's observer shows them to us for dump().
  const created: types.Worker[] = [];
  const onWorker = (worker: types.Worker) => created.push(worker);
  mediasoup.observer.on("newworker", onWorker);
  const pool = await WorkerPool.create({ numWorkers: workers, listenIp: "127.0.0.1", basePort: 0, logger });
  mediasoup.observer.off("newworker", onWorker);
  const media = await create({ roomId: "fanout-bench", pool, listener: quietListener, logger });
  media.allowPublish("speaker", false);
  const send = await media.createPlainTransport("speaker", "send", {});
  const producerId = await media.produce("speaker", send.id, speakerRtpParameters(SPEAKER_SSRC, SPEAKER_PT));
  const capabilities = consumerCapabilities(media.rtpCapabilities);
  let listeners = 0;
  return {
    speakerAddress: { ip: send.ip, port: send.port },
    async growTo(total, sink) {
      while (listeners < total) {
        const batch = Math.min(50, total - listeners);
        await Promise.all(
          Array.from({ length: batch }, async (_, i) => {
            const userId = `listener-${listeners + i}`;
            // The app's recv transport muxes RTCP onto the RTP port: the drop sink then counts
            // RTCP too (a few packets per listener per 5 s; see docs/BENCHMARKS.md).
            await media.createPlainTransport(userId, "recv", { remote: { ip: sink.ip, port: sink.rtpPort } });
            const consumer = await media.consume(userId, producerId, capabilities);
            await media.resumeConsumer(userId, consumer.id);
          }),
        );
        listeners += batch;
      }
    },
    workerPids: () => pool.workerPids(),
    dumpWorker: () => (created[0] ? created[0].dump() : Promise.reject(new Error("no worker seen"))),
    close() {
      media.close();
      pool.close();
      return Promise.resolve();
    },
  };
}
