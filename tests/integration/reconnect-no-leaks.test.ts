import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roomSnapshotSchema } from "../../src/shared/protocol";
import type { Socket } from "socket.io-client";
import { OPUS_SEND_PARAMETERS } from "../support/opus-parameters";
import { connectSocket, createRoom, send, signIn, startTestApp, type TestApp } from "../support/test-app";

/**
 * [RECOVER-2] The recovery protocol under repetition: a listener whose connection is forcibly
 * replaced 20 times (as after network drops) ends with exactly one transport and one consumer on
 * the server, keeps their place, and every rejoin answers a snapshot at the room's current version.
 */
describe("[RECOVER-2] 20 forced reconnects leak nothing and duplicate nothing", () => {
  let t: TestApp;
  let url: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp("pglite");
    url = t.app.url.replace("localhost", "127.0.0.1");
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t?.close();
  });

  it("ends with one transport and one consumer for the listener, and an up-to-date snapshot each time", async () => {
    const host = await signIn(url, "Host Reconnect");
    const hostSocket = await connectSocket(url, host.cookie);
    sockets.push(hostSocket);
    const roomId = await createRoom(url, host.cookie, "Reconnect room");
    const joined = await send(hostSocket, "room:join", { roomId });
    if (!joined.ok) throw new Error(joined.error.message);
    const sendTransport = await send(hostSocket, "media:create-transport", { direction: "send" });
    if (!sendTransport.ok) throw new Error(sendTransport.error.message);
    const produced = await send(hostSocket, "media:produce", {
      transportId: sendTransport.data.id,
      kind: "audio",
      rtpParameters: OPUS_SEND_PARAMETERS,
    });
    if (!produced.ok) throw new Error(produced.error.message);

    const listener = await signIn(url, "Listener Reconnect");
    const room = await t.app.registry.get(roomId);
    let previous: Socket | null = null;
    for (let attempt = 1; attempt <= 20; attempt++) {
      const socket = await connectSocket(url, listener.cookie);
      sockets.push(socket);
      const rejoin = await send(socket, "room:join", { roomId });
      if (!rejoin.ok) throw new Error(rejoin.error.message);
      const snapshot = roomSnapshotSchema.parse(rejoin.data.snapshot);
      expect(snapshot.version).toBe(room.inspect().version);
      expect(snapshot.self).toMatchObject({ userId: listener.userId, role: "listener" });
      expect(snapshot.audience.members.filter((m) => m.userId === listener.userId)).toHaveLength(1);
      expect(await send(socket, "media:create-transport", { direction: "recv" })).toMatchObject({ ok: true });
      const consumed = await send(socket, "media:consume", {
        producerId: produced.data.producerId,
        rtpCapabilities: joined.data.routerRtpCapabilities,
      });
      if (!consumed.ok) throw new Error(consumed.error.message);
      // Half the time the old connection dies abruptly afterwards, half the time it lingers: neither may leak.
      if (previous && attempt % 2 === 0) previous.disconnect();
      previous = socket;
    }
    await new Promise((resolve) => setTimeout(resolve, 500)); // past the test rejoin grace (300 ms)
    expect(await room.mediaCounts()).toEqual({
      peers: 2,
      transports: 2,
      producers: 1,
      consumers: 1,
      routerTransports: 2,
      listenerRouters: 0,
      pipes: 0,
    });
    expect(
      room
        .inspect()
        .members.map((m) => m.userId)
        .sort(),
    ).toEqual([host.userId, listener.userId].sort());
  });
});
