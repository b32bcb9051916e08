import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rtpCapabilitiesSchema } from "../../src/shared/protocol";
import { limitsEnvSchema, limitsOf } from "../../server/config/limits";
import { createLogger } from "../../server/logging/logger";
import { MediaError } from "../../server/media/media-error";
import { RoomMedia, type RoomMediaListener } from "../../server/media/room-media";
import { WorkerPool } from "../../server/media/worker-pool";
import { OPUS_SEND_PARAMETERS } from "../support/opus-parameters";

/** The default cap on what a send transport takes in (MEDIA_MAX_INCOMING_BITRATE). */
const { maxIncomingBitrate } = limitsOf(limitsEnvSchema.parse({})).media;

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

function recordingListener() {
  const events: string[] = [];
  const listener: RoomMediaListener = {
    producerAdded: ({ userId }) => events.push(`producer-added:${userId}`),
    producerClosed: ({ userId }) => events.push(`producer-closed:${userId}`),
    consumerClosed: ({ userId }) => events.push(`consumer-closed:${userId}`),
    activeSpeaker: () => undefined,
    mediaLost: () => events.push("media-lost"),
    receiversLost: (userIds) => events.push(`receivers-lost:${userIds.join(",")}`),
  };
  return { events, listener };
}

async function refusalCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MediaError) return error.code;
    throw error;
  }
  throw new Error("expected a MediaError");
}

describe("[MEDIA-2] the room media layer enforces publish rights and cleans up", () => {
  it("refuses a send transport and a producer from a user the room has not allowed", async () => {
    const { listener } = recordingListener();
    const media = await RoomMedia.create({
      roomId: "r-forbid",
      pool,
      maxIncomingBitrate,
      listener,
      logger: createLogger("warn"),
    });
    expect(await refusalCode(media.createTransport("mallory", "send"))).toBe("forbidden");
    const recv = await media.createTransport("mallory", "recv");
    expect(await refusalCode(media.produce("mallory", recv.id, OPUS_SEND_PARAMETERS))).toBe("forbidden");
    expect((await media.counts()).producers).toBe(0);
    media.close();
    media.close(); // idempotent
  });

  it("publishes, consumes, and closes every object when people leave or lose the right to speak", async () => {
    const { events, listener } = recordingListener();
    const media = await RoomMedia.create({
      roomId: "r-life",
      pool,
      listener,
      logger: createLogger("warn"),
      maxIncomingBitrate,
    });
    media.allowPublish("host", false);
    const send = await media.createTransport("host", "send");
    const producerId = await media.produce("host", send.id, OPUS_SEND_PARAMETERS);
    expect(await refusalCode(media.produce("host", send.id, OPUS_SEND_PARAMETERS))).toBe("invalid_state");
    expect(media.listProducers()).toEqual([{ producerId, userId: "host" }]);

    // What a browser Device derives from the router: parsed exactly as the client parses it.
    const capabilities = rtpCapabilitiesSchema.parse(media.rtpCapabilities);
    for (const user of ["ana", "ben"]) {
      await media.createTransport(user, "recv");
      const consumer = await media.consume(user, producerId, capabilities);
      expect(consumer.userId).toBe("host");
      await media.resumeConsumer(user, consumer.id);
    }
    expect(await refusalCode(media.consume("ana", producerId, capabilities))).toBe("invalid_state");
    expect(await media.counts()).toEqual({
      peers: 3,
      transports: 3,
      producers: 1,
      consumers: 2,
      routerTransports: 3,
      listenerRouters: 0,
      pipes: 0,
    });

    media.closePeer("ana");
    expect(await media.counts()).toMatchObject({
      peers: 2,
      transports: 2,
      consumers: 1,
      routerTransports: 2,
      listenerRouters: 0,
      pipes: 0,
    });

    media.revokePublish("host");
    expect(await refusalCode(media.createTransport("host", "send"))).toBe("forbidden");
    // Consumers learn of their producer's end from the worker, a moment later.
    await expect
      .poll(() => media.counts())
      .toMatchObject({ producers: 0, consumers: 0, routerTransports: 1, listenerRouters: 0, pipes: 0 });
    expect([...events].sort()).toEqual([
      "consumer-closed:ben",
      "producer-added:host",
      "producer-closed:host",
    ]);

    media.close();
    expect(await media.counts()).toMatchObject({
      peers: 0,
      transports: 0,
      routerTransports: 0,
      listenerRouters: 0,
      pipes: 0,
    });
  });
});
