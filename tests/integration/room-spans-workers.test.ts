import { describe, expect, it } from "vitest";
import { OPUS_SEND_PARAMETERS } from "../support/opus-parameters";
import { api, errorCode } from "../support/api-client";
import { createRoom, send, suiteApp } from "../support/test-app";

/**
 * The room spanning workers over real sockets: a dead listener worker moves only its receivers
 * (`media:reset` with reason `receive-moved`, to them alone), and a room whose workers are out of
 * consumer seats turns newcomers away with `room_full`.
 */
describe("[SPAN-INT] a room over two media workers, through the socket edge", () => {
  const suite = suiteApp("pglite", { MEDIA_WORKERS: "2" });
  const person = suite.person;

  it("[SPAN-INT-1] killing a listener worker tells only its listeners to receive again; the speaker and the others are untouched", async () => {
    const host = await person("Span Host");
    const roomId = await createRoom(suite.url, host.cookie, "Spanning room");
    const joined = await send(host.socket, "room:join", { roomId });
    if (!joined.ok) throw new Error(joined.error.message);
    const rtpCapabilities = joined.data.routerRtpCapabilities;
    expect(await send(host.socket, "room:set-muted", { muted: false })).toMatchObject({ ok: true });
    const sendTransport = await send(host.socket, "media:create-transport", { direction: "send" });
    if (!sendTransport.ok) throw new Error(sendTransport.error.message);
    const produced = await send(host.socket, "media:produce", {
      transportId: sendTransport.data.id,
      kind: "audio",
      rtpParameters: OPUS_SEND_PARAMETERS,
    });
    if (!produced.ok) throw new Error(produced.error.message);

    const listeners = [await person("Span Ana"), await person("Span Ben")];
    for (const listener of listeners) {
      expect(await send(listener.socket, "room:join", { roomId })).toMatchObject({ ok: true });
      expect(await send(listener.socket, "media:create-transport", { direction: "recv" })).toMatchObject({
        ok: true,
      });
      expect(
        await send(listener.socket, "media:consume", {
          producerId: produced.data.producerId,
          rtpCapabilities,
        }),
      ).toMatchObject({ ok: true });
    }
    // One receiver on each worker: the origin's, and a listener router fed by one pipe.
    expect(suite.t.app.pool.seatsPerWorker()).toEqual([1, 1]);
    const room = await suite.t.app.registry.get(roomId);
    expect(await room.mediaCounts()).toMatchObject({
      listenerRouters: 1,
      pipes: 1,
      consumers: 2,
      producers: 1,
    });

    const resets = new Map<string, unknown[]>();
    for (const p of [host, ...listeners]) {
      const seen: unknown[] = [];
      resets.set(p.userId, seen);
      p.socket.on("media:reset", (payload: unknown) => seen.push(payload));
    }
    const stageBefore = room.inspect().members;
    const listenerWorker = room.workerIndex === 0 ? 1 : 0;
    const victim = suite.t.app.pool.workerPids()[listenerWorker];
    if (victim === undefined) throw new Error("no listener worker");
    process.kill(victim, "SIGKILL");

    const moved = listeners[1];
    const stayed = listeners[0];
    if (!moved || !stayed) throw new Error("listeners missing");
    await expect
      .poll(() => resets.get(moved.userId), { timeout: 10_000 })
      .toEqual([
        {
          reason: "receive-moved",
          producers: [{ producerId: produced.data.producerId, userId: host.userId }],
        },
      ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resets.get(host.userId)).toEqual([]);
    expect(resets.get(stayed.userId)).toEqual([]);
    expect(room.inspect().members).toEqual(stageBefore);
    expect(room.inspect().producers).toEqual([{ producerId: produced.data.producerId, userId: host.userId }]);

    // The moved listener receives again, on the worker that is alive; the speaker never re-published.
    expect(await send(moved.socket, "media:create-transport", { direction: "recv" })).toMatchObject({
      ok: true,
    });
    expect(
      await send(moved.socket, "media:consume", { producerId: produced.data.producerId, rtpCapabilities }),
    ).toMatchObject({ ok: true });
    expect(await room.mediaCounts()).toMatchObject({ producers: 1, consumers: 2 });
  });
});

describe("[SPAN-INT] consumer seats per worker", () => {
  const suite = suiteApp("pglite", { MEDIA_WORKERS: "1", MEDIA_MAX_CONSUMERS_PER_WORKER: "1" });
  const person = suite.person;

  it("[SPAN-INT-2] past MEDIA_MAX_CONSUMERS_PER_WORKER a newcomer gets room_full with the reason; the host always gets in", async () => {
    const host = await person("Seat Host");
    const roomId = await createRoom(suite.url, host.cookie, "One seat");
    const ana = await person("Seat Ana");
    expect((await send(ana.socket, "room:join", { roomId })).ok).toBe(true);
    expect(await send(ana.socket, "media:create-transport", { direction: "recv" })).toMatchObject({
      ok: true,
    });

    const ben = await person("Seat Ben");
    expect(await send(ben.socket, "room:join", { roomId })).toEqual({
      ok: false,
      error: {
        code: "room_full",
        message: "This room is full right now: its audio servers are at capacity. Try again in a moment.",
      },
    });
    // The host is never turned away from their own room, and a member's second transport is refused plainly.
    expect((await send(host.socket, "room:join", { roomId })).ok).toBe(true);
    expect(await send(host.socket, "media:create-transport", { direction: "recv" })).toMatchObject({
      ok: false,
      error: { code: "room_full" },
    });

    // Ana leaves: her seat is free and Ben gets in.
    expect((await send(ana.socket, "room:leave", { roomId })).ok).toBe(true);
    expect((await send(ben.socket, "room:join", { roomId })).ok).toBe(true);
  });
});

describe("[FRAMES-INT] a room's audio frame length (big-audience rooms)", () => {
  const suite = suiteApp("pglite");
  const person = suite.person;

  it("[FRAMES-INT-1] is stored with the room and handed to everyone who joins; only 20, 40 and 60 ms are accepted", async () => {
    const host = await person("Frames Host");
    const standard = await createRoom(suite.url, host.cookie, "Standard frames");
    const joinedStandard = await send(host.socket, "room:join", { roomId: standard });
    expect(joinedStandard).toMatchObject({ ok: true, data: { audio: { frameMs: 20 } } });
    expect((await send(host.socket, "room:end", {})).ok).toBe(true);

    const refused = await api(suite.url, "POST", "/api/rooms", {
      cookie: host.cookie,
      body: { title: "Odd frames", audioFrameMs: 30 },
    });
    expect(refused.status).toBe(400);
    expect(errorCode(refused)).toBe("invalid_input");

    const big = await createRoom(suite.url, host.cookie, "Big audience", { audioFrameMs: 60 });
    expect(await send(host.socket, "room:join", { roomId: big })).toMatchObject({
      ok: true,
      data: { audio: { frameMs: 60 } },
    });
    const listener = await person("Frames Listener");
    expect(await send(listener.socket, "room:join", { roomId: big })).toMatchObject({
      ok: true,
      data: { audio: { frameMs: 60 } },
    });
    // The live room was brought up from the stored row, so the setting is what the database holds.
    const stored = await suite.t.app.registry.get(big);
    expect(stored.room.audioFrameMs).toBe(60);
  });
});
