import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roomSnapshotSchema } from "../../src/shared/protocol";
import type { Socket } from "socket.io-client";
import { OPUS_SEND_PARAMETERS } from "../support/opus-parameters";
import {
  connectSocket,
  createRoom,
  send,
  signedInPerson,
  startTestApp,
  type TestApp,
} from "../support/test-app";
import { testDrivers } from "../support/test-database";

const drivers = await testDrivers();

describe.each(drivers)("[SIGNAL] room signaling over real sockets (%s)", (driver) => {
  let t: TestApp;
  let url: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp(driver);
    url = t.app.url.replace("localhost", "127.0.0.1");
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t?.close();
  });

  const person = (name: string) => signedInPerson(url, name, sockets);

  async function roomWithHost(title: string) {
    const host = await person(`Host of ${title}`);
    const roomId = await createRoom(url, host.cookie, title);
    const joined = await send(host.socket, "room:join", { roomId });
    expect(joined.ok).toBe(true);
    return { host, roomId };
  }

  async function serverRoom(roomId: string) {
    return t.app.registry.get(roomId);
  }

  it("[SIGNAL-1] a socket without a session is refused at connect", async () => {
    await expect(connectSocket(url, "ar_session=not-a-real-token")).rejects.toThrow("unauthorized");
  });

  it("[SIGNAL-2] joining returns the bounded snapshot; others see the listener arrive in an audience batch, unversioned", async () => {
    const { host, roomId } = await roomWithHost("Join test");
    const batches: unknown[] = [];
    host.socket.on("room:audience-changed", (payload: unknown) => batches.push(payload));
    const ana = await person("Ana");
    const answer = await send(ana.socket, "room:join", { roomId });
    if (!answer.ok) throw new Error(answer.error.message);
    const snapshot = roomSnapshotSchema.parse(answer.data.snapshot);
    expect(snapshot.stage.map((m) => [m.userId, m.role])).toEqual([[host.userId, "host"]]);
    expect(snapshot.audience).toEqual({
      members: [expect.objectContaining({ userId: ana.userId, role: "listener" })],
      nextCursor: null,
    });
    expect(snapshot.self).toMatchObject({ userId: ana.userId, role: "listener" });
    expect(snapshot.counts).toEqual({ stage: 1, audience: 1, hands: 0 });
    expect(snapshot).not.toHaveProperty("members");
    await expect.poll(() => batches.length).toBe(1);
    expect(batches[0]).toEqual({
      joined: [expect.objectContaining({ userId: ana.userId })],
      left: [],
      counts: { stage: 1, audience: 1, hands: 0 },
      truncated: false,
    });
  });

  it("[SIGNAL-3] a listener who tries to publish anyway is refused with forbidden", async () => {
    const { roomId } = await roomWithHost("Forbidden test");
    const mallory = await person("Mallory");
    await send(mallory.socket, "room:join", { roomId });
    const sendTransport = await send(mallory.socket, "media:create-transport", { direction: "send" });
    expect(sendTransport).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const recv = await send(mallory.socket, "media:create-transport", { direction: "recv" });
    if (!recv.ok) throw new Error(recv.error.message);
    const produce = await send(mallory.socket, "media:produce", {
      transportId: recv.data.id,
      kind: "audio",
      rtpParameters: OPUS_SEND_PARAMETERS,
    });
    expect(produce).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const unmute = await send(mallory.socket, "room:set-muted", { muted: false });
    expect(unmute).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const end = await send(mallory.socket, "room:end", {});
    expect(end).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect((await serverRoom(roomId)).inspect().producers).toEqual([]);
  });

  it("[SIGNAL-4] malformed payloads get invalid_input and change nothing", async () => {
    const { host, roomId } = await roomWithHost("Malformed test");
    const room = await serverRoom(roomId);
    const before = room.inspect();
    const countsBefore = await room.mediaCounts();
    const bad: [string, unknown][] = [
      ["room:join", null],
      ["room:join", "r1"],
      ["room:join", { roomId: 42 }],
      ["room:join", { roomId: "../../etc/passwd" }],
      ["room:join", { roomId: "x".repeat(10_000) }],
      ["room:set-muted", { muted: "no" }],
      ["room:set-muted", {}],
      ["media:create-transport", { direction: "sideways" }],
      ["media:connect-transport", { transportId: "t", dtlsParameters: { fingerprints: [] } }],
      ["media:produce", { transportId: "t", kind: "video", rtpParameters: OPUS_SEND_PARAMETERS }],
      ["media:produce", { transportId: "t", kind: "audio", rtpParameters: { codecs: [] } }],
      [
        "media:produce",
        {
          transportId: "t",
          kind: "audio",
          rtpParameters: { ...OPUS_SEND_PARAMETERS, headerExtensions: [{ uri: "urn:evil", id: 1 }] },
        },
      ],
      ["media:consume", { producerId: "p", rtpCapabilities: { codecs: "all" } }],
      ["media:resume-consumer", { consumerId: ["c"] }],
    ];
    for (const [event, payload] of bad) {
      const answer = await send(host.socket, event, payload);
      expect(answer, `${event} ${JSON.stringify(payload)?.slice(0, 60)}`).toMatchObject({
        ok: false,
        error: { code: "invalid_input" },
      });
      if (!answer.ok) expect(answer.error.issues?.length ?? 0).toBeGreaterThan(0);
    }
    expect(room.inspect()).toEqual(before);
    expect(await room.mediaCounts()).toEqual(countsBefore);
    // The connection is still healthy after all that.
    expect(await send(host.socket, "room:set-muted", { muted: false })).toMatchObject({ ok: true });
  });

  it("[SIGNAL-5] unknown rooms are not_found; commands before joining are invalid_state", async () => {
    const eve = await person("Eve");
    expect(await send(eve.socket, "room:join", { roomId: "doesnotexist" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await send(eve.socket, "media:create-transport", { direction: "recv" })).toMatchObject({
      ok: false,
      error: { code: "invalid_state" },
    });
  });

  it("[SIGNAL-6] leaving (politely or by disconnect) closes every transport and consumer on the server", async () => {
    const { host, roomId } = await roomWithHost("Cleanup test");
    const send1 = await send(host.socket, "media:create-transport", { direction: "send" });
    if (!send1.ok) throw new Error(send1.error.message);
    const produced = await send(host.socket, "media:produce", {
      transportId: send1.data.id,
      kind: "audio",
      rtpParameters: OPUS_SEND_PARAMETERS,
    });
    if (!produced.ok) throw new Error(produced.error.message);
    const joined = await send(host.socket, "room:join", { roomId });
    if (!joined.ok) throw new Error(joined.error.message);
    const capabilities = joined.data.routerRtpCapabilities;

    const listeners = [await person("Polite"), await person("Abrupt")];
    for (const listener of listeners) {
      await send(listener.socket, "room:join", { roomId });
      const recv = await send(listener.socket, "media:create-transport", { direction: "recv" });
      expect(recv.ok).toBe(true);
      const consumed = await send(listener.socket, "media:consume", {
        producerId: produced.data.producerId,
        rtpCapabilities: capabilities,
      });
      if (!consumed.ok) throw new Error(consumed.error.message);
      expect(
        await send(listener.socket, "media:resume-consumer", { consumerId: consumed.data.id }),
      ).toMatchObject({ ok: true });
    }
    const room = await serverRoom(roomId);
    expect(await room.mediaCounts()).toEqual({
      peers: 3,
      transports: 3,
      producers: 1,
      consumers: 2,
      routerTransports: 3,
      listenerRouters: 0,
      pipes: 0,
    });

    expect(await send(listeners[0]!.socket, "room:leave", {})).toMatchObject({ ok: true });
    expect(await room.mediaCounts()).toMatchObject({
      peers: 2,
      transports: 2,
      consumers: 1,
      routerTransports: 2,
      listenerRouters: 0,
      pipes: 0,
    });

    listeners[1]!.socket.disconnect();
    await expect
      .poll(() => room.mediaCounts())
      .toMatchObject({
        peers: 1,
        transports: 1,
        consumers: 0,
        routerTransports: 1,
        listenerRouters: 0,
        pipes: 0,
      });
    await expect.poll(() => room.inspect().members.length).toBe(1);

    expect(await send(host.socket, "room:leave", {})).toMatchObject({ ok: true });
    expect(await room.mediaCounts()).toEqual({
      peers: 0,
      transports: 0,
      producers: 0,
      consumers: 0,
      routerTransports: 0,
      listenerRouters: 0,
      pipes: 0,
    });
  });

  it("[SIGNAL-7] a second connection of the same person replaces the first, keeping their place", async () => {
    const { host, roomId } = await roomWithHost("Replace test");
    const replaced: unknown[] = [];
    host.socket.on("room:session-replaced", (payload: unknown) => replaced.push(payload));
    const second = await connectSocket(url, host.cookie);
    sockets.push(second);
    const answer = await send(second, "room:join", { roomId });
    if (!answer.ok) throw new Error(answer.error.message);
    await expect.poll(() => replaced.length).toBe(1);
    const room = await serverRoom(roomId);
    expect(room.inspect().members).toHaveLength(1);
    expect(room.inspect().members[0]?.role).toBe("host");
    // The stale connection can no longer act in the room.
    expect(await send(host.socket, "room:set-muted", { muted: false })).toMatchObject({
      ok: false,
      error: { code: "invalid_state" },
    });
    host.socket.disconnect(); // and its disconnect does not remove the person
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(room.inspect().members).toHaveLength(1);
  });

  it("[SIGNAL-8] the host ends the room: everyone is told, it is ended in the database, and rejoining is refused", async () => {
    const { host, roomId } = await roomWithHost("End test");
    const ana = await person("Ana Ends");
    await send(ana.socket, "room:join", { roomId });
    const ended: unknown[] = [];
    ana.socket.on("room:ended", (payload: unknown) => ended.push(payload));
    expect(await send(host.socket, "room:end", {})).toMatchObject({ ok: true });
    await expect.poll(() => ended.length).toBe(1);
    const summary: unknown = await fetch(`${url}/api/rooms/${roomId}`).then((r) => r.json());
    expect(summary).toMatchObject({ ok: true, data: { status: "ended" } });
    expect(await send(ana.socket, "room:join", { roomId })).toMatchObject({
      ok: false,
      error: { code: "invalid_state" },
    });
  });

  it("[SIGNAL-9] a flood of commands from one socket is rate limited", async () => {
    const flooder = await person("Flooder");
    const answers = await Promise.all(
      Array.from({ length: 120 }, () => send(flooder.socket, "room:leave", {})),
    );
    const codes = answers.map((a) => (a.ok ? "ok" : a.error.code));
    expect(codes).toContain("rate_limited");
    expect(codes.filter((c) => c === "invalid_state").length).toBeGreaterThan(10);
  });
});
