import { afterAll, describe, expect, it } from "vitest";
import { RoomMedia } from "../../../server/media/room-media";
import { OPUS_SEND_PARAMETERS } from "../../support/opus-parameters";
import { RtpStream, UdpSink } from "../../support/rtp-stream";
import { createRoom, send, suiteApp } from "../../support/test-app";
import { testDrivers } from "../../support/test-database";
import { api, auditEntries, bringOnStageSpeaking, makeStaff, okAck, recordEvents } from "./staff-support";

/**
 * [TS-LISTEN] Silent listen-in: platform staff hear a live room (consumers of every stage
 * producer, following stage changes) without being in it anywhere: not in its counts, member
 * lists, audience pages, hallway card or any broadcast, and unable to speak.
 */
describe.each(await testDrivers())("[TS-LISTEN] silent listen-in (%s)", (driver) => {
  const app = suiteApp(driver);

  async function liveRoomWithSpeaker(title: string, type: "open" | "social" | "closed" = "open") {
    const host = await app.person(`Host ${title}`);
    const roomId = await createRoom(app.url, host.cookie, title, { type });
    const joined = await okAck(host.socket, "room:join", { roomId });
    const transport = await okAck(host.socket, "media:create-transport", { direction: "send" });
    await okAck(host.socket, "room:set-muted", { muted: false });
    const produced = await okAck(host.socket, "media:produce", {
      transportId: transport.id,
      kind: "audio",
      rtpParameters: OPUS_SEND_PARAMETERS,
    });
    return { host, roomId, joined, producerId: String(produced.producerId) };
  }

  it("[TS-LISTEN-1] staff get a receive transport and a consumer of every stage producer; members, counts, pages and the hallway never include them", async () => {
    const { host, roomId, producerId } = await liveRoomWithSpeaker("Quiet check", "closed");
    const listener = await app.person("Lis Tener");
    // A closed room: the listener needs the host's permission; staff need none.
    const room = await app.t.app.registry.get(roomId);
    await room.grantAccess(listener.userId);
    await okAck(listener.socket, "room:join", { roomId });
    const countsBefore = room.counts();
    const hostHeard = recordEvents(host.socket);
    const listenerHeard = recordEvents(listener.socket);

    const mod = await app.person("Mod Erator");
    await makeStaff(app.t, mod.userId);
    const modHeard = recordEvents(mod.socket);
    const listening = await okAck(mod.socket, "staff:listen", { roomId });
    const state = listening.state as { stage: { userId: string }[]; producers: { producerId: string }[] };
    expect(state.stage.map((m) => m.userId)).toEqual([host.userId]);
    expect(state.producers.map((p) => p.producerId)).toEqual([producerId]);
    const transport = listening.transport as { id: string };
    expect(transport.id).toEqual(expect.any(String));
    const consumer = await okAck(mod.socket, "staff:listen-consume", {
      producerId,
      rtpCapabilities: listening.routerRtpCapabilities,
    });
    expect(consumer).toMatchObject({ producerId, userId: host.userId, kind: "audio" });
    await okAck(mod.socket, "staff:listen-resume", { consumerId: consumer.id });
    expect(await room.mediaCounts()).toMatchObject({ consumers: 1, producers: 1 });

    // Stage changes reach the listen-in (and only it, of the outsiders): a second speaker.
    const guest = await app.person("Second Speaker");
    await room.grantAccess(guest.userId);
    await okAck(guest.socket, "room:join", { roomId });
    const second = await bringOnStageSpeaking(host, guest);
    await expect
      .poll(() => modHeard.filter((e) => e.event === "media:producer-added").map((e) => e.text))
      .toEqual([expect.stringContaining(String(second.producerId))]);
    await expect
      .poll(() => modHeard.some((e) => e.event === "staff:listen-state" && e.text.includes(guest.userId)))
      .toBe(true);
    const consumer2 = await okAck(mod.socket, "staff:listen-consume", {
      producerId: second.producerId,
      rtpCapabilities: listening.routerRtpCapabilities,
    });
    await okAck(mod.socket, "staff:listen-resume", { consumerId: consumer2.id });
    // The second speaker steps down: their producer closes and the listen-in is told.
    await okAck(guest.socket, "room:move-to-audience", { userId: guest.userId });
    await expect.poll(() => modHeard.some((e) => e.event === "media:producer-closed")).toBe(true);

    // Nowhere in the room: not a member, not counted, not on any audience page, not on the card.
    expect(room.hasMember(mod.userId)).toBe(false);
    expect(room.counts()).toEqual({ ...countsBefore, audience: countsBefore.audience + 1 });
    const page = await okAck(listener.socket, "room:audience", {});
    expect(JSON.stringify(page)).not.toContain(mod.userId);
    expect(JSON.stringify(room.inspect())).not.toContain(mod.userId);
    expect(JSON.stringify(room.hallwayFacts())).not.toContain(mod.userId);
    const hallway = await api(app.url, host.cookie, "GET", "/api/hallway");
    expect(JSON.stringify(hallway.json)).not.toContain(mod.userId);
    const admin = await api(app.url, mod.cookie, "GET", "/api/admin/rooms");
    expect(JSON.stringify(admin.json)).toContain(roomId);
    // No broadcast to a member ever named the staff member.
    await new Promise((resolve) => setTimeout(resolve, 1200)); // one audience batch
    for (const heard of [...hostHeard, ...listenerHeard]) expect(heard.text).not.toContain(mod.userId);
    expect(hostHeard.length + listenerHeard.length).toBeGreaterThan(0);

    // Audited once, with the room.
    const entries = await auditEntries(app.t, "platform.listen_in");
    expect(entries.filter((e) => e.roomId === roomId)).toEqual([
      expect.objectContaining({ actorId: mod.userId, roomId, targetUserId: host.userId }),
    ]);

    // Leaving frees its media.
    await okAck(mod.socket, "staff:listen-leave", {});
    await expect.poll(async () => (await room.mediaCounts()).consumers).toBe(0);
  });

  const streams: RtpStream[] = [];
  const sinks: UdpSink[] = [];
  afterAll(() => {
    for (const stream of streams) stream.stop();
    for (const sink of sinks) sink.close();
  });

  it("[TS-LISTEN-4] a listen-in hears: RTP the host sends arrives at the staff member's receiver, through staff:listen-consume", async () => {
    const host = await app.person("Host Audible");
    const roomId = await createRoom(app.url, host.cookie, "Audible room");
    await okAck(host.socket, "room:join", { roomId });
    await okAck(host.socket, "room:set-muted", { muted: false });
    const room = await app.t.app.registry.get(roomId);
    const media = room.media.port;
    if (!(media instanceof RoomMedia)) throw new Error("the room's media is not mediasoup's");
    // The host speaks through a plain RTP transport (the media helpers' stand-in for a browser).
    const send = await media.createPlainTransport(host.userId, "send");
    const stream = new RtpStream(send.port, 4242);
    streams.push(stream);
    const producerId = await media.produce(host.userId, send.id, stream.rtpParameters);
    stream.start();

    const mod = await app.person("Mod Hearing");
    await makeStaff(app.t, mod.userId);
    const listening = await okAck(mod.socket, "staff:listen", { roomId });
    // The listen-in's receiver points at a UDP sink instead of a browser (same placement, same key).
    const key = room.media.listenIns.keyFor(mod.socket.id ?? "") ?? "";
    const sink = await UdpSink.open();
    sinks.push(sink);
    await media.createPlainTransport(key, "recv", { remote: { ip: "127.0.0.1", port: sink.port } });
    const consumer = await okAck(mod.socket, "staff:listen-consume", {
      producerId,
      rtpCapabilities: listening.routerRtpCapabilities,
    });
    await okAck(mod.socket, "staff:listen-resume", { consumerId: consumer.id });
    const before = sink.received;
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(sink.received - before).toBeGreaterThan(20);
    expect(room.hasMember(mod.userId)).toBe(false);
    expect(room.counts()).toMatchObject({ stage: 1, audience: 0 });
    // Disconnecting ends the listen-in: its receiver and consumer go.
    mod.socket.disconnect();
    await expect.poll(() => room.media.listenIns.size).toBe(0);
    await expect.poll(async () => (await room.mediaCounts()).consumers).toBe(0);
  });

  it("[TS-LISTEN-2] a socket that is not staff is refused with forbidden, and gets nothing", async () => {
    const { roomId } = await liveRoomWithSpeaker("Not for you");
    const eve = await app.person("Eve Member");
    const heard = recordEvents(eve.socket);
    expect(await send(eve.socket, "staff:listen", { roomId })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(
      await send(eve.socket, "staff:listen-consume", { producerId: "x", rtpCapabilities: {} }),
    ).toMatchObject({ ok: false, error: { code: "invalid_state" } });
    const room = await app.t.app.registry.get(roomId);
    expect(room.media.listenIns.size).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard).toEqual([]);
    // The console's API refuses them too.
    const refused = await api(app.url, eve.cookie, "GET", "/api/admin/rooms");
    expect(refused.json).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("[TS-LISTEN-3] a listening staff member cannot speak: no send transport, no produce, no hand", async () => {
    const { roomId } = await liveRoomWithSpeaker("No voice");
    const mod = await app.person("Mod Silent");
    await makeStaff(app.t, mod.userId, "admin");
    await okAck(mod.socket, "staff:listen", { roomId });
    for (const [event, payload] of [
      ["media:create-transport", { direction: "send" }],
      ["media:produce", { transportId: "t1", kind: "audio", rtpParameters: OPUS_SEND_PARAMETERS }],
      ["room:raise-hand", {}],
      ["room:set-muted", { muted: false }],
    ] as const) {
      const answer = await send(mod.socket, event, payload);
      expect(answer.ok, event).toBe(false);
    }
    const room = await app.t.app.registry.get(roomId);
    expect(await room.mediaCounts()).toMatchObject({ producers: 1 });
    expect(room.hasMember(mod.userId)).toBe(false);
    // Even the media layer refuses a send transport for the listen-in's own media key.
    const key = room.media.listenIns.keyFor(mod.socket.id ?? "");
    expect(key).toBeDefined();
    await expect(room.media.port.createTransport(key ?? "", "send")).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("[TS-END-1] staff end a room with a reason: every member reads it, the room keeps it, and it is audited", async () => {
    const { host, roomId } = await liveRoomWithSpeaker("To be ended", "social");
    const listener = await app.person("Lis Ended");
    const room = await app.t.app.registry.get(roomId);
    await room.grantAccess(listener.userId);
    // A social room: the listener follows the host to see it.
    await api(app.url, listener.cookie, "POST", `/api/users/${host.userId}/follow`).catch(() => undefined);
    const joined = await send(listener.socket, "room:join", { roomId });
    const members = joined.ok ? [host, listener] : [host];
    const ended = members.map(
      (member) =>
        new Promise<unknown>((resolve) =>
          member.socket.once("room:ended", (payload: unknown) => resolve(payload)),
        ),
    );
    const mod = await app.person("Mod Ender");
    await makeStaff(app.t, mod.userId);
    await okAck(mod.socket, "staff:listen", { roomId });
    const modEnded = new Promise<unknown>((resolve) =>
      mod.socket.on("staff:listen-state", (payload: { status?: string }) => {
        if (payload.status === "ended") resolve(payload);
      }),
    );

    const tooShort = await api(app.url, mod.cookie, "POST", `/api/admin/rooms/${roomId}/end`, { reason: "" });
    expect(tooShort.json).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    const notStaff = await api(app.url, listener.cookie, "POST", `/api/admin/rooms/${roomId}/end`, {
      reason: "I want it gone",
    });
    expect(notStaff.json).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const reason = "Harassment of a speaker";
    const done = await api(app.url, mod.cookie, "POST", `/api/admin/rooms/${roomId}/end`, { reason });
    expect(done.json).toMatchObject({ ok: true });

    for (const payload of await Promise.all(ended))
      expect(payload).toMatchObject({ reason: "staff-ended", note: reason });
    expect(await modEnded).toMatchObject({ status: "ended", endReason: "staff-ended" });
    const details = await api(app.url, host.cookie, "GET", `/api/rooms/${roomId}`);
    expect(details.json).toMatchObject({
      ok: true,
      data: { status: "ended", endReason: "staff-ended", endNote: reason },
    });
    const entries = await auditEntries(app.t, "room.end");
    expect(entries.filter((e) => e.roomId === roomId)).toEqual([
      expect.objectContaining({ actorId: mod.userId, targetUserId: host.userId, reason }),
    ]);
    // Gone from the console; ending again is not_found.
    const list = await api(app.url, mod.cookie, "GET", "/api/admin/rooms");
    expect(JSON.stringify(list.json)).not.toContain(roomId);
    const again = await api(app.url, mod.cookie, "POST", `/api/admin/rooms/${roomId}/end`, { reason });
    expect(again.json).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("[TS-ROOMS-1] the console lists every live room, closed and social too, sorted by size, reports or age", async () => {
    const mod = await app.person("Mod Lister");
    await makeStaff(app.t, mod.userId);
    const small = await liveRoomWithSpeaker("Small closed", "closed");
    const big = await liveRoomWithSpeaker("Bigger social", "social");
    const bigRoom = await app.t.app.registry.get(big.roomId);
    for (const name of ["A", "B"]) {
      const person = await app.person(`Fan ${name}`);
      await bigRoom.grantAccess(person.userId);
      await send(person.socket, "room:join", { roomId: big.roomId });
    }
    type Listed = {
      id: string;
      type: string;
      counts: { total: number };
      reportsLastHour: number;
      ageMs: number;
    };
    const list = async (sort?: string) => {
      const answer = await api(app.url, mod.cookie, "GET", `/api/admin/rooms${sort ? `?sort=${sort}` : ""}`);
      return (answer.json.data as { rooms: Listed[] }).rooms.filter((r) =>
        [small.roomId, big.roomId].includes(r.id),
      );
    };
    const bySize = await list("size");
    expect(bySize.map((r) => r.type)).toEqual(["social", "closed"]);
    expect(bySize[0]).toMatchObject({ reportsLastHour: 0 });
    const byAge = await list("age");
    expect(byAge.map((r) => r.id)).toEqual([small.roomId, big.roomId]);
    const bad = await api(app.url, mod.cookie, "GET", "/api/admin/rooms?sort=loudest");
    expect(bad.json).toMatchObject({ ok: false, error: { code: "invalid_input" } });
  });
});
