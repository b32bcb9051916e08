import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { OwnedRoomMedia } from "../../server/cluster/owned-room-media";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { RtpStream, UdpSink } from "../support/rtp-stream";
import { connectSocket, createRoom, send, signIn, startTestApp, type TestApp } from "../support/test-app";
import { TEST_REDIS_URL, clusterTestsAvailable, dropKeys, testKeyPrefix } from "../support/test-redis";
import {
  api,
  auditEntries,
  makeStaff,
  okAck,
  recordEvents,
  bringOnStageSpeaking,
} from "./admin/staff-support";

const available = await clusterTestsAvailable();
const urlOf = (t: TestApp) => t.app.url.replace("localhost", "127.0.0.1");

type Listed = {
  id: string;
  type: string;
  host: { id: string; displayName: string };
  counts: { stage: number; audience: number; total: number };
  reportsLastHour: number;
};

/**
 * The platform staff console across nodes: staff connected to node B list, end and listen in on
 * rooms node A runs, as they do on one node.
 */
describe.skipIf(!available)("cluster mode: the staff console reaches rooms other nodes run", () => {
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  const sockets: Socket[] = [];
  const streams: RtpStream[] = [];
  const sinks: UdpSink[] = [];
  let prefix = "";
  const env = (nodeId: string) => ({
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    NODE_ID: nodeId,
    ROOM_LEASE_TTL_MS: "1500",
    // A room B takes over from A keeps its host's seat meanwhile (the host stays connected to A).
    ROOM_REJOIN_GRACE_MS: "10000",
  });
  const person = async (t: TestApp, name: string) => {
    const signed = await signIn(urlOf(t), name);
    const socket = await connectSocket(urlOf(t), signed.cookie);
    sockets.push(socket);
    return { ...signed, socket };
  };
  const staffOn = async (t: TestApp, name: string) => {
    const mod = await person(t, name);
    await makeStaff(t, mod.userId);
    return mod;
  };
  /** A room A runs, its host joined on A. */
  const roomOnA = async (title: string, type: "open" | "social" | "closed" = "open") => {
    const host = await person(a, `Host ${title}`);
    const roomId = await createRoom(urlOf(a), host.cookie, title, { type });
    await okAck(host.socket, "room:join", { roomId });
    return { host, roomId };
  };
  const listed = async (t: TestApp, cookie: string): Promise<Listed[]> => {
    const answer = await api(urlOf(t), cookie, "GET", "/api/admin/rooms");
    if (!answer.json.ok) throw new Error(JSON.stringify(answer.json));
    return (answer.json.data as { rooms: Listed[] }).rooms;
  };
  const seatsOf = (t: TestApp) => t.app.pool.seatsPerWorker().reduce((sum, seats) => sum + seats, 0);

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    prefix = testKeyPrefix();
    a = await startTestApp("postgres", env("node-a"), { database });
    b = await startTestApp("postgres", env("node-b"), { database });
  });
  afterAll(async () => {
    for (const stream of streams) stream.stop();
    for (const sink of sinks) sink.close();
    for (const socket of sockets) socket.disconnect();
    await a.close();
    await b.close();
    await database.destroy();
    await dropKeys(prefix);
  });

  it("[CLUSTER-STAFF-1] the console on B lists A's rooms, closed and social too, with their counts and reports, beside B's own", async () => {
    const mod = await staffOn(b, "Mod Lister B");
    const closed = await roomOnA("Closed on A", "closed");
    const social = await roomOnA("Social on A", "social");
    const open = await roomOnA("Open on A");
    // Two listeners of the open room: one on A, one on B (forwarded).
    await okAck((await person(a, "Listener on A")).socket, "room:join", { roomId: open.roomId });
    await okAck((await person(b, "Listener on B")).socket, "room:join", { roomId: open.roomId });
    const hostOnB = await person(b, "Host on B");
    const roomOnB = await createRoom(urlOf(b), hostOnB.cookie, "Run by B");
    await okAck(hostOnB.socket, "room:join", { roomId: roomOnB });
    const reporter = await signIn(urlOf(b), "Reporter");
    const report = await api(urlOf(b), reporter.cookie, "POST", "/api/reports", {
      target: { kind: "room", roomId: closed.roomId },
      category: "spam",
    });
    expect(report.json).toMatchObject({ ok: true });
    expect(b.app.registry.isHere(closed.roomId)).toBe(false);

    const ids = [closed.roomId, social.roomId, open.roomId, roomOnB];
    await expect
      .poll(async () => (await listed(b, mod.cookie)).filter((room) => ids.includes(room.id)).length, {
        timeout: 5_000,
      })
      .toBe(4);
    const rooms = await listed(b, mod.cookie);
    const byId = new Map(rooms.map((room) => [room.id, room]));
    expect(byId.get(closed.roomId)).toMatchObject({
      type: "closed",
      host: { id: closed.host.userId, displayName: "Host Closed on A" },
      counts: { stage: 1, audience: 0, total: 1 },
      reportsLastHour: 1,
    });
    expect(byId.get(social.roomId)).toMatchObject({ type: "social", reportsLastHour: 0 });
    await expect
      .poll(async () => (await listed(b, mod.cookie)).find((room) => room.id === open.roomId)?.counts)
      .toEqual({ stage: 1, audience: 2, total: 3 });
    // Sorted by size over both nodes: the open room (3) before the single-host rooms.
    const bySize = (await listed(b, mod.cookie)).filter((room) => ids.includes(room.id));
    expect(bySize[0]?.id).toBe(open.roomId);
    // Each room once, though A lists its own from its registry and B's from the board.
    expect(new Set(rooms.map((room) => room.id)).size).toBe(rooms.length);
    const fromA = await listed(a, (await staffOn(a, "Mod Lister A")).cookie);
    expect(fromA.map((room) => room.id)).toEqual(expect.arrayContaining(ids));
  });

  it("[CLUSTER-STAFF-2] staff on B end A's room with a reason: members on A and B read it, it is audited once; an ended room or one nobody runs is not_found", async () => {
    const { host, roomId } = await roomOnA("To be ended from B", "social");
    const room = await a.app.registry.get(roomId);
    const listener = await person(b, "Listener Ended");
    await room.grantAccess(listener.userId);
    await okAck(listener.socket, "room:join", { roomId });
    const endedFor = (socket: Socket) =>
      new Promise<unknown>((resolve) => socket.once("room:ended", (payload: unknown) => resolve(payload)));
    const told = [endedFor(host.socket), endedFor(listener.socket)];
    const mod = await staffOn(b, "Mod Ender B");
    const reason = "Harassment of a speaker, seen from B";
    const done = await api(urlOf(b), mod.cookie, "POST", `/api/admin/rooms/${roomId}/end`, { reason });
    expect(done.json).toMatchObject({ ok: true });
    for (const payload of await Promise.all(told))
      expect(payload).toMatchObject({ reason: "staff-ended", note: reason });
    expect(room.isEnded).toBe(true);
    const entries = (await auditEntries(a, "room.end")).filter((entry) => entry.roomId === roomId);
    expect(entries).toEqual([
      expect.objectContaining({ actorId: mod.userId, targetUserId: host.userId, reason }),
    ]);
    // Gone from the console of both nodes; ending again, or a room nobody runs, is not_found.
    await expect
      .poll(async () => (await listed(b, mod.cookie)).some((listedRoom) => listedRoom.id === roomId), {
        timeout: 5_000,
      })
      .toBe(false);
    const again = await api(urlOf(b), mod.cookie, "POST", `/api/admin/rooms/${roomId}/end`, { reason });
    expect(again.json).toMatchObject({ ok: false, error: { code: "not_found" } });
    const notLive = await api(
      urlOf(b),
      mod.cookie,
      "POST",
      "/api/admin/rooms/cnotliveanywhere000000000/end",
      {
        reason,
      },
    );
    expect(notLive.json).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect((await auditEntries(a, "room.end")).filter((entry) => entry.roomId === roomId)).toHaveLength(1);
  });

  it("[CLUSTER-STAFF-3] staff on B listen in on A's room: the transport on A's workers, the host heard, stage changes told, audited once; refusals keep their codes", async () => {
    const { host, roomId } = await roomOnA("Listened from B");
    await okAck(host.socket, "room:set-muted", { muted: false });
    const room = await a.app.registry.get(roomId);
    const port = room.media.port;
    if (!(port instanceof OwnedRoomMedia)) throw new Error("A's room media is not the owner's");
    // The host speaks through a plain RTP transport on A (the stand-in for a browser).
    const sendTransport = await port.local.createPlainTransport(host.userId, "send");
    const stream = new RtpStream(sendTransport.port, 4343);
    streams.push(stream);
    const producerId = await port.local.produce(host.userId, sendTransport.id, stream.rtpParameters);
    stream.start();

    // Refusals, decided on A with the codes of one node.
    const eve = await person(b, "Eve Not Staff");
    expect(await send(eve.socket, "staff:listen", { roomId })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    const memberMod = await staffOn(b, "Mod Member B");
    await okAck(memberMod.socket, "room:join", { roomId });
    expect(await send(memberMod.socket, "staff:listen", { roomId })).toMatchObject({
      ok: false,
      error: { code: "invalid_state" },
    });
    expect(room.media.listenIns.size).toBe(0);

    const mod = await staffOn(b, "Mod Listener B");
    const heard = recordEvents(mod.socket);
    const [seatsOnA, seatsOnB] = [seatsOf(a), seatsOf(b)];
    const listening = await okAck(mod.socket, "staff:listen", { roomId });
    const state = listening.state as { stage: { userId: string }[]; producers: { producerId: string }[] };
    expect(state.stage.map((member) => member.userId)).toEqual([host.userId]);
    expect(state.producers.map((producer) => producer.producerId)).toEqual([producerId]);
    expect(listening.transport).toMatchObject({ id: expect.any(String), iceCandidates: expect.any(Array) });
    // The listen-in's media lives on the owner's workers, and only there.
    expect(seatsOf(a)).toBe(seatsOnA + 1);
    expect(seatsOf(b)).toBe(seatsOnB);
    expect(room.hasMember(mod.userId)).toBe(false);

    // Its receiver points at a UDP sink (same key, on A), and the consume goes through B.
    const key = room.media.listenIns.keyFor(mod.socket.id ?? "") ?? "";
    expect(key).not.toBe("");
    const sink = await UdpSink.open();
    sinks.push(sink);
    await port.local.createPlainTransport(key, "recv", { remote: { ip: "127.0.0.1", port: sink.port } });
    const consumer = await okAck(mod.socket, "staff:listen-consume", {
      producerId,
      rtpCapabilities: listening.routerRtpCapabilities,
    });
    expect(consumer).toMatchObject({ producerId, userId: host.userId, kind: "audio" });
    await okAck(mod.socket, "staff:listen-resume", { consumerId: consumer.id });
    const before = sink.received;
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(sink.received - before).toBeGreaterThan(20);

    // A second speaker on A: the owner's events reach the staff socket on B.
    const guest = await person(a, "Second Speaker A");
    await okAck(guest.socket, "room:join", { roomId });
    const second = await bringOnStageSpeaking(host, guest);
    await expect
      .poll(() =>
        heard.some((e) => e.event === "media:producer-added" && e.text.includes(String(second.producerId))),
      )
      .toBe(true);
    await expect
      .poll(() => heard.some((e) => e.event === "staff:listen-state" && e.text.includes(guest.userId)))
      .toBe(true);

    const audited = (await auditEntries(a, "platform.listen_in")).filter((entry) => entry.roomId === roomId);
    expect(audited).toEqual([
      expect.objectContaining({ actorId: mod.userId, roomId, targetUserId: host.userId }),
    ]);

    // Leaving through B frees the media on A; B no longer thinks it listens.
    await okAck(mod.socket, "staff:listen-leave", {});
    await expect.poll(() => room.media.listenIns.size).toBe(0);
    await expect.poll(async () => (await room.mediaCounts()).consumers).toBe(0);
    expect(await send(mod.socket, "staff:listen-consume", { producerId, rtpCapabilities: {} })).toMatchObject(
      {
        ok: false,
        error: { code: "invalid_state" },
      },
    );
  });

  it("[CLUSTER-STAFF-4] a listen-in of A's room ends on A when the staff socket on B closes, or when it moves to a room B runs", async () => {
    const { roomId } = await roomOnA("Listen-in lifecycles");
    const room = await a.app.registry.get(roomId);
    const mod = await staffOn(b, "Mod Closing B");
    await okAck(mod.socket, "staff:listen", { roomId });
    expect(room.media.listenIns.size).toBe(1);
    mod.socket.disconnect();
    await expect.poll(() => room.media.listenIns.size, { timeout: 5_000 }).toBe(0);

    // Moving the listen-in to a room B runs ends the one on A, and the new one is B's.
    const mover = await staffOn(b, "Mod Moving B");
    await okAck(mover.socket, "staff:listen", { roomId });
    expect(room.media.listenIns.size).toBe(1);
    const hostOnB = await person(b, "Host B Listened");
    const roomOnB = await createRoom(urlOf(b), hostOnB.cookie, "B's listened room");
    await okAck(hostOnB.socket, "room:join", { roomId: roomOnB });
    await okAck(mover.socket, "staff:listen", { roomId: roomOnB });
    await expect.poll(() => room.media.listenIns.size, { timeout: 5_000 }).toBe(0);
    const onB = await b.app.registry.get(roomOnB);
    expect(onB.media.listenIns.size).toBe(1);
    // And back to A's room: B's listen-in ends, A's starts again.
    await okAck(mover.socket, "staff:listen", { roomId });
    expect(onB.media.listenIns.size).toBe(0);
    expect(room.media.listenIns.size).toBe(1);
  });

  // Last: A stops renewing its leases, as a dead node does.
  it("[CLUSTER-STAFF-5] the owner of a listened room gone, the staff console on B is told to open the listen-in again, and it reaches the new owner", async () => {
    const { roomId } = await roomOnA("Listened while A dies");
    const mod = await staffOn(b, "Mod Takeover B");
    const heard = recordEvents(mod.socket);
    await okAck(mod.socket, "staff:listen", { roomId });
    a.cluster?.leases.abandon();
    // Once A's lease lapses, B's sweep takes the room over from PostgreSQL.
    await expect.poll(() => b.app.registry.isHere(roomId), { timeout: 10_000 }).toBe(true);
    await expect
      .poll(() => heard.filter((e) => e.event === "media:reset").map((e) => e.text), { timeout: 5_000 })
      .toEqual([JSON.stringify({ reason: "media-server-restarted" })]);
    // What the console does on media:reset: the same staff:listen, now served where the room runs.
    const again = await okAck(mod.socket, "staff:listen", { roomId });
    expect(again.state).toMatchObject({ roomId, status: "live" });
    const onB = await b.app.registry.get(roomId);
    expect(onB.media.listenIns.size).toBe(1);
  });
});
