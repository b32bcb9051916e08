import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { observer, type types } from "mediasoup";
import { limitsEnvSchema, limitsOf } from "../../server/config/limits";
import { createLogger } from "../../server/logging/logger";
import { MediaError } from "../../server/media/media-error";
import { RoomMedia, type RoomMediaListener } from "../../server/media/room-media";
import { WorkerPool } from "../../server/media/worker-pool";
import { OPUS_SEND_PARAMETERS } from "../support/opus-parameters";

/**
 * [SEC-14] A client misusing mediasoup (connecting a transport twice, producing with RTP
 * parameters mediasoup refuses) is answered `invalid_state` / `invalid_input` and logged at debug,
 * never `internal` with an error line (a script could otherwise fill the logs at 20 errors a
 * second). Send transports carry a ceiling on what they take in (MEDIA_MAX_INCOMING_BITRATE).
 */
const { maxIncomingBitrate } = limitsOf(limitsEnvSchema.parse({})).media;

/** Log lines at each level, as the server would write them. */
const lines: { level: number; msg: string }[] = [];
const logger = createLogger("debug", {
  write: (line: string) => {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed === "object" && parsed && "level" in parsed && "msg" in parsed)
      lines.push({ level: Number(parsed.level), msg: String(parsed.msg) });
  },
});
const ERROR = 50;
const DEBUG = 20;

const transports: types.Transport[] = [];
let pool: WorkerPool;

beforeAll(async () => {
  // Every transport any router makes, so the test can read what the worker itself holds.
  observer.on("newworker", (worker) =>
    worker.observer.on("newrouter", (router) =>
      router.observer.on("newtransport", (transport) => void transports.push(transport)),
    ),
  );
  pool = await WorkerPool.create({
    numWorkers: 1,
    listenIp: "127.0.0.1",
    basePort: 0,
    logger,
  });
});
afterAll(() => pool?.close());

const listener: RoomMediaListener = {
  producerAdded: () => undefined,
  producerClosed: () => undefined,
  consumerClosed: () => undefined,
  activeSpeaker: () => undefined,
  mediaLost: () => undefined,
  receiversLost: () => undefined,
};

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MediaError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}

const dtls: types.DtlsParameters = {
  role: "client",
  fingerprints: [{ algorithm: "sha-256", value: Array.from({ length: 32 }, () => "AB").join(":") }],
};

describe("[SEC-14] mediasoup misuse is the client's mistake, not a server error", () => {
  it("[SEC-14] a second media:connect-transport is invalid_state, logged at debug, and no error line", async () => {
    const media = await RoomMedia.create({ roomId: "r-twice", pool, listener, logger, maxIncomingBitrate });
    try {
      const recv = await media.createTransport("lee", "recv");
      await media.connectTransport("lee", recv.id, dtls);
      lines.length = 0;
      for (let i = 0; i < 20; i++)
        expect(await refusal(media.connectTransport("lee", recv.id, dtls))).toMatchObject({
          code: "invalid_state",
        });
      expect(lines.filter((line) => line.level >= ERROR)).toEqual([]);
    } finally {
      media.close();
    }
  });

  it("[SEC-14] rtpParameters mediasoup refuses are invalid_input, logged at debug, and no error line", async () => {
    const media = await RoomMedia.create({ roomId: "r-bad-rtp", pool, listener, logger, maxIncomingBitrate });
    try {
      media.allowPublish("sam", false);
      const send = await media.createTransport("sam", "send");
      const opus = OPUS_SEND_PARAMETERS.codecs[0];
      if (!opus) throw new Error("the Opus fixture has a codec");
      const bad: types.RtpParameters[] = [
        // A codec the router does not offer.
        { ...OPUS_SEND_PARAMETERS, codecs: [{ ...opus, mimeType: "audio/unknown" }] },
        // A video codec in an audio producer.
        { ...OPUS_SEND_PARAMETERS, codecs: [{ ...opus, mimeType: "video/VP8", clockRate: 90000 }] },
        // Two codecs with one payload type.
        { ...OPUS_SEND_PARAMETERS, codecs: [opus, { ...opus }] },
        // An encoding naming a payload type no codec has.
        { ...OPUS_SEND_PARAMETERS, encodings: [{ ssrc: 1111, codecPayloadType: 77 }] },
      ];
      lines.length = 0;
      for (const rtpParameters of bad)
        expect(await refusal(media.produce("sam", send.id, rtpParameters))).toMatchObject({
          code: "invalid_input",
        });
      expect(lines.filter((line) => line.level >= ERROR)).toEqual([]);
      expect(lines.filter((line) => line.level === DEBUG && line.msg === "produce refused")).toHaveLength(
        bad.length,
      );
      // The parameters a browser really sends still work afterwards.
      expect(typeof (await media.produce("sam", send.id, OPUS_SEND_PARAMETERS))).toBe("string");
    } finally {
      media.close();
    }
  });

  it("[SEC-14] a send transport takes in at most MEDIA_MAX_INCOMING_BITRATE; a receive transport is not capped", async () => {
    const media = await RoomMedia.create({
      roomId: "r-cap",
      pool,
      listener,
      logger,
      maxIncomingBitrate: 700_000,
    });
    try {
      media.allowPublish("sam", false);
      const send = await media.createTransport("sam", "send");
      const recv = await media.createTransport("lee", "recv");
      // The worker's own statistics of each transport say what it holds.
      const capOf = async (id: string) => {
        const stats: unknown[] = (await transports.find((t) => t.id === id)?.getStats()) ?? [];
        return stats.map((entry) =>
          typeof entry === "object" && entry && "maxIncomingBitrate" in entry
            ? entry.maxIncomingBitrate
            : undefined,
        );
      };
      expect(await capOf(send.id)).toEqual([700_000]);
      expect(await capOf(recv.id)).toEqual([undefined]);
      expect(maxIncomingBitrate).toBe(1_500_000);
    } finally {
      media.close();
    }
  });
});
