import { describe, expect, it } from "vitest";
import { OPUS_SEND_PARAMETERS } from "../support/opus-parameters";
import { createRoom, send, suiteApp } from "../support/test-app";

/**
 * [RECOVER-1] A mediasoup worker killed with SIGKILL: the pool replaces it, the room rebuilds its
 * media on a live worker, every client is told to re-establish transports, and the stage (roles,
 * mute state, publish rights) is exactly as before.
 */
describe("[RECOVER-1] a crashed media worker is replaced and rooms rebuild their media", () => {
  const suite = suiteApp("pglite", { MEDIA_WORKERS: "2" });
  const person = suite.person;

  it("rebuilds only the affected room, keeps its stage, and lets everyone reconnect media", async () => {
    const host = await person("Host Crash");
    const listener = await person("Listener Crash");
    const roomId = await createRoom(suite.url, host.cookie, "Crash room");
    const otherHost = await person("Other Host");
    const otherRoomId = await createRoom(suite.url, otherHost.cookie, "Other room");
    for (const [p, id] of [
      [host, roomId],
      [listener, roomId],
      [otherHost, otherRoomId],
    ] as const) {
      expect(await send(p.socket, "room:join", { roomId: id })).toMatchObject({ ok: true });
    }
    expect(await send(host.socket, "room:set-muted", { muted: false })).toMatchObject({ ok: true });
    const sendTransport = await send(host.socket, "media:create-transport", { direction: "send" });
    if (!sendTransport.ok) throw new Error(sendTransport.error.message);
    expect(
      await send(host.socket, "media:produce", {
        transportId: sendTransport.data.id,
        kind: "audio",
        rtpParameters: OPUS_SEND_PARAMETERS,
      }),
    ).toMatchObject({ ok: true });

    const room = await suite.t.app.registry.get(roomId);
    const other = await suite.t.app.registry.get(otherRoomId);
    // Two workers, least-loaded placement: the two rooms live on different workers.
    const pidsBefore = suite.t.app.pool.workerPids();
    const resets: unknown[] = [];
    const otherResets: unknown[] = [];
    listener.socket.on("media:reset", (payload: unknown) => resets.push(payload));
    otherHost.socket.on("media:reset", (payload: unknown) => otherResets.push(payload));
    const stageBefore = room.inspect().members;

    const victim = pidsBefore[room.workerIndex];
    if (victim === undefined) throw new Error("no worker pid");
    process.kill(victim, "SIGKILL");

    await expect.poll(() => resets, { timeout: 10_000 }).toEqual([{ reason: "media-server-restarted" }]);
    // The room moves to the surviving worker at once; the pool's replacement of the dead one
    // finishes on its own time (a fresh worker process), so wait for it rather than race it.
    await expect.poll(() => suite.t.app.pool.workerPids(), { timeout: 10_000 }).not.toContain(victim);
    expect(otherResets).toEqual([]);
    expect(room.inspect().members).toEqual(stageBefore);
    expect(room.inspect().producers).toEqual([]); // the old producer died with its worker

    // Clients re-establish: the host publishes again (right restored, still unmuted), the listener consumes.
    const rejoin = await send(host.socket, "room:join", { roomId });
    if (!rejoin.ok) throw new Error(rejoin.error.message);
    const again = await send(host.socket, "media:create-transport", { direction: "send" });
    if (!again.ok) throw new Error(again.error.message);
    const produced = await send(host.socket, "media:produce", {
      transportId: again.data.id,
      kind: "audio",
      rtpParameters: OPUS_SEND_PARAMETERS,
    });
    if (!produced.ok) throw new Error(produced.error.message);
    expect(await send(listener.socket, "media:create-transport", { direction: "recv" })).toMatchObject({
      ok: true,
    });
    const consumed = await send(listener.socket, "media:consume", {
      producerId: produced.data.producerId,
      rtpCapabilities: rejoin.data.routerRtpCapabilities,
    });
    expect(consumed).toMatchObject({ ok: true });
    expect(await room.mediaCounts()).toMatchObject({
      transports: 2,
      producers: 1,
      consumers: 1,
      routerTransports: 2,
      listenerRouters: 0,
      pipes: 0,
    });
    expect((await other.mediaCounts()).routerTransports).toBe(0);
  });
});
