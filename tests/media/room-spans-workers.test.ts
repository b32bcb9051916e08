import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rtpCapabilitiesSchema } from "../../src/shared/protocol";
import { limitsEnvSchema, limitsOf } from "../../server/config/limits";
import { createLogger } from "../../server/logging/logger";
import { MediaError } from "../../server/media/media-error";
import { RoomMedia, type RoomMediaListener } from "../../server/media/room-media";
import { WorkerPool } from "../../server/media/worker-pool";
import { RtpStream, UdpSink } from "../support/rtp-stream";

/** The default cap on what a send transport takes in (MEDIA_MAX_INCOMING_BITRATE). */
const { maxIncomingBitrate } = limitsOf(limitsEnvSchema.parse({})).media;

/**
 * A room over two workers: speakers produce on the origin router, listeners are spread by consumer
 * seats, and a worker other than the origin gets one listener router fed by one pipe per producer.
 */
const logger = createLogger("warn");
const rtpCapabilities = () => rtpCapabilitiesSchema.parse(media.rtpCapabilities);
let pool: WorkerPool;
let media: RoomMedia;
const events: string[] = [];
const sinks: UdpSink[] = [];
const streams: RtpStream[] = [];

const listener: RoomMediaListener = {
  producerAdded: ({ userId }) => events.push(`producer-added:${userId}`),
  producerClosed: ({ userId }) => events.push(`producer-closed:${userId}`),
  consumerClosed: ({ userId }) => events.push(`consumer-closed:${userId}`),
  activeSpeaker: () => undefined,
  mediaLost: () => events.push("media-lost"),
  receiversLost: (userIds) => events.push(`receivers-lost:${[...userIds].sort().join(",")}`),
};

beforeAll(async () => {
  pool = await WorkerPool.create({
    numWorkers: 2,
    listenIp: "127.0.0.1",
    basePort: 0,
    maxConsumersPerWorker: 40,
    logger,
  });
  media = await RoomMedia.create({ roomId: "r-span", pool, listener, logger, maxIncomingBitrate });
});

afterAll(() => {
  for (const stream of streams) stream.stop();
  for (const sink of sinks) sink.close();
  media?.close();
  pool?.close();
});

/** A speaker sending RTP into a plain send transport on the origin router. */
async function speak(userId: string, ssrc: number): Promise<{ producerId: string; stream: RtpStream }> {
  media.allowPublish(userId, false);
  const send = await media.createPlainTransport(userId, "send");
  const stream = new RtpStream(send.port, ssrc);
  streams.push(stream);
  const producerId = await media.produce(userId, send.id, stream.rtpParameters);
  stream.start();
  return { producerId, stream };
}

/** A listener whose SRTP goes to a UDP sink, consuming every producer in the room. */
async function listen(userId: string): Promise<{ sink: UdpSink; consumerIds: string[] }> {
  const sink = await UdpSink.open();
  sinks.push(sink);
  await media.createPlainTransport(userId, "recv", { remote: { ip: "127.0.0.1", port: sink.port } });
  const consumerIds: string[] = [];
  for (const { producerId, userId: speaker } of media.listProducers()) {
    if (speaker === userId) continue;
    const consumer = await media.consume(userId, producerId, rtpCapabilities());
    await media.resumeConsumer(userId, consumer.id);
    consumerIds.push(consumer.id);
  }
  return { sink, consumerIds };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MediaError) return error.code;
    throw error;
  }
  throw new Error("expected a MediaError");
}

describe("[SPAN] one room over every worker", () => {
  const listeners = new Map<string, UdpSink>();

  it("[SPAN-1] spreads listeners over both workers with one pipe per producer, and every one receives the speaker", async () => {
    await speak("host", 1111);
    for (let i = 0; i < 6; i++) listeners.set(`l${i}`, (await listen(`l${i}`)).sink);
    expect(media.receiverWorkers()).toEqual([0, 1]);
    const perWorker = [0, 1].map(
      (w) => [...listeners.keys()].filter((id) => media.receiverWorkerOf(id) === w).length,
    );
    expect(perWorker).toEqual([3, 3]);
    expect(await media.counts()).toMatchObject({ producers: 1, consumers: 6, listenerRouters: 1, pipes: 1 });
    const before = [...listeners.values()].map((sink) => sink.received);
    await pause(600);
    for (const [index, sink] of [...listeners.values()].entries())
      expect(sink.received - (before[index] ?? 0)).toBeGreaterThan(15);
  });

  it("[SPAN-2] a listener placed on the non-origin worker who is allowed to speak is heard by everyone", async () => {
    const remote = [...listeners.keys()].find((id) => media.receiverWorkerOf(id) !== media.workerIndex);
    if (!remote) throw new Error("no listener on the other worker");
    const { producerId } = await speak(remote, 2222);
    expect((await media.counts()).pipes).toBe(2);
    // Everyone else consumes the new speaker, wherever they sit.
    for (const id of listeners.keys()) {
      if (id === remote) continue;
      const consumer = await media.consume(id, producerId, rtpCapabilities());
      await media.resumeConsumer(id, consumer.id);
    }
    const others = [...listeners].filter(([id]) => id !== remote);
    const before = others.map(([, sink]) => sink.received);
    await pause(600);
    // Two speakers now: about 2 × 50 packets/s reach every other listener.
    for (const [index, [, sink]] of others.entries())
      expect(sink.received - (before[index] ?? 0)).toBeGreaterThan(40);
    media.revokePublish(remote);
    await pause(100);
    expect(events).toContain(`producer-closed:${remote}`);
    expect((await media.counts()).pipes).toBe(1); // the pipe went with its producer
  });

  it("[SPAN-3] closes the listener router with the last listener there, and leaks nothing over 100 join/leave cycles", async () => {
    const baseline = await media.counts();
    const baseSeats = pool.seatsPerWorker();
    for (let cycle = 0; cycle < 100; cycle++) {
      const id = `cycler${cycle % 3}`;
      await media.createPlainTransport(id, "recv", { remote: { ip: "127.0.0.1", port: 9 } });
      const [first] = media.listProducers();
      if (first) await media.consume(id, first.producerId, rtpCapabilities());
      media.closePeer(id);
    }
    expect(await media.counts()).toEqual(baseline);
    expect(pool.seatsPerWorker()).toEqual(baseSeats);

    // Everyone on the non-origin worker leaves: its listener router and pipe go.
    const remoteIds = [...listeners.keys()].filter((id) => media.receiverWorkerOf(id) !== media.workerIndex);
    for (const id of remoteIds) {
      media.closePeer(id);
      listeners.delete(id);
    }
    expect(await media.counts()).toMatchObject({ listenerRouters: 0, pipes: 0 });
    const otherWorker = pool.workerPids().findIndex((_, index) => index !== media.workerIndex);
    expect(pool.seatsPerWorker()[otherWorker]).toBe(0);
    // And comes back when someone lands there again.
    for (let i = 0; i < 3; i++) listeners.set(`back${i}`, (await listen(`back${i}`)).sink);
    expect(await media.counts()).toMatchObject({ listenerRouters: 1, pipes: 1 });
  });

  it("[SPAN-4] refuses a receiver with room_full when every worker is at MEDIA_MAX_CONSUMERS_PER_WORKER", async () => {
    const small = await WorkerPool.create({
      numWorkers: 2,
      listenIp: "127.0.0.1",
      basePort: 0,
      maxConsumersPerWorker: 2,
      logger,
    });
    const room = await RoomMedia.create({
      roomId: "r-small",
      pool: small,
      listener,
      logger,
      maxIncomingBitrate,
    });
    try {
      for (let i = 0; i < 4; i++)
        await room.createPlainTransport(`s${i}`, "recv", { remote: { ip: "127.0.0.1", port: 9 } });
      expect(room.hasRoomForListener()).toBe(false);
      expect(
        await refusal(room.createPlainTransport("s4", "recv", { remote: { ip: "127.0.0.1", port: 9 } })),
      ).toBe("room_full");
      room.closePeer("s0");
      expect(room.hasRoomForListener()).toBe(true);
      await room.createPlainTransport("s4", "recv", { remote: { ip: "127.0.0.1", port: 9 } });
    } finally {
      room.close();
      small.close();
    }
  });

  it("[SPAN-5] a listener worker dying moves only its listeners; everyone else keeps receiving", async () => {
    const victimIndex = pool.workerPids().findIndex((_, index) => index !== media.workerIndex);
    const victimPid = pool.workerPids()[victimIndex];
    if (victimPid === undefined) throw new Error("no listener worker");
    const moved = [...listeners.keys()].filter((id) => media.receiverWorkerOf(id) === victimIndex).sort();
    const stayed = [...listeners].filter(([id]) => !moved.includes(id));
    expect(moved.length).toBeGreaterThan(0);
    expect(stayed.length).toBeGreaterThan(0);
    events.length = 0;

    process.kill(victimPid, "SIGKILL");
    await expect.poll(() => events, { timeout: 5_000 }).toContain(`receivers-lost:${moved.join(",")}`);
    expect(events).not.toContain("media-lost");
    const before = stayed.map(([, sink]) => sink.received);
    await pause(600);
    for (const [index, [, sink]] of stayed.entries())
      expect(sink.received - (before[index] ?? 0)).toBeGreaterThan(15);

    // The moved listeners receive again on a live worker, by themselves (the client does this on `receive-moved`).
    for (const id of moved) listeners.set(id, (await listen(id)).sink);
    const again = moved.map((id) => listeners.get(id)?.received ?? 0);
    await pause(600);
    for (const [index, id] of moved.entries())
      expect((listeners.get(id)?.received ?? 0) - (again[index] ?? 0)).toBeGreaterThan(15);
    expect(events).not.toContain("media-lost");
  });
});
