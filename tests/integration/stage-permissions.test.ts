import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roomSnapshotSchema } from "../../src/shared/protocol";
import type { Socket } from "socket.io-client";
import { OPUS_SEND_PARAMETERS } from "../support/opus-parameters";
import { connectSocket, createRoom, send, signIn, startTestApp, type TestApp } from "../support/test-app";

type Person = { userId: string; cookie: string; socket: Socket; name: string };

/**
 * The stage's permission matrix over real sockets: every refusal is an explicit code and changes
 * nothing; publishing follows the room's decisions even for a client that ignores the UI.
 */
describe("[STAGE-INT] who may do what to whom, over real sockets", () => {
  let t: TestApp;
  let url: string;
  let roomId: string;
  const people: Record<"host" | "mod" | "speaker" | "listener" | "guest", Person> = {} as never;
  const sockets: Socket[] = [];

  async function person(name: string): Promise<Person> {
    const { cookie, userId } = await signIn(url, name);
    const socket = await connectSocket(url, cookie);
    sockets.push(socket);
    return { userId, cookie, socket, name };
  }
  async function ok(p: Person, event: string, payload: unknown) {
    const answer = await send(p.socket, event, payload);
    if (!answer.ok) throw new Error(`${p.name} ${event}: ${answer.error.code} ${answer.error.message}`);
    return answer.data;
  }
  const room = () => t.app.registry.get(roomId);

  beforeAll(async () => {
    t = await startTestApp("pglite", { STAGE_LIMIT: "3", GUEST_LISTENING: "true" });
    url = t.app.url.replace("localhost", "127.0.0.1");
    people.host = await person("Hana Host");
    roomId = await createRoom(url, people.host.cookie, "Permissions");
    await ok(people.host, "room:join", { roomId });
    for (const key of ["mod", "speaker", "listener"] as const) {
      people[key] = await person(`Pat ${key}`);
      await ok(people[key], "room:join", { roomId });
    }
    const guestSocket = await connectSocket(url, "");
    sockets.push(guestSocket);
    people.guest = { userId: "", cookie: "", socket: guestSocket, name: "Guest" };
    const joined = await ok(people.guest, "room:join", { roomId });
    people.guest.userId = roomSnapshotSchema.parse(joined.snapshot).self?.userId ?? "";
    // Bring mod and speaker on stage (invitation + their own consent), then promote mod.
    for (const key of ["mod", "speaker"] as const) {
      await ok(people.host, "room:invite-to-speak", { userId: people[key].userId });
      await ok(people[key], "room:respond-to-invitation", { accept: true });
    }
    await ok(people.host, "room:set-moderator", { userId: people.mod.userId, moderator: true });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t?.close();
  });

  it("[STAGE-INT-1] the room is set up as host, moderator, speaker, listener and guest", async () => {
    const roles = Object.fromEntries((await room()).inspect().members.map((m) => [m.userId, m.role]));
    expect(roles).toEqual({
      [people.host.userId]: "host",
      [people.mod.userId]: "moderator",
      [people.speaker.userId]: "speaker",
      [people.listener.userId]: "listener",
      [people.guest.userId]: "listener",
    });
  });

  const refusals: [keyof typeof people, string, (p: typeof people) => unknown, string][] = [
    ["listener", "room:invite-to-speak", (p) => ({ userId: p.speaker.userId }), "forbidden"],
    ["listener", "room:mute-member", (p) => ({ userId: p.speaker.userId }), "forbidden"],
    ["listener", "room:move-to-audience", (p) => ({ userId: p.speaker.userId }), "forbidden"],
    ["listener", "room:set-moderator", (p) => ({ userId: p.speaker.userId, moderator: true }), "forbidden"],
    ["listener", "room:remove-member", (p) => ({ userId: p.speaker.userId, block: "none" }), "forbidden"],
    ["listener", "room:transfer-host", (p) => ({ userId: p.mod.userId }), "forbidden"],
    ["listener", "room:set-hand-raising", () => ({ enabled: false }), "forbidden"],
    ["listener", "room:end", () => ({}), "forbidden"],
    ["listener", "room:respond-to-invitation", () => ({ accept: true }), "invalid_state"],
    ["listener", "room:lower-hand", () => ({}), "invalid_state"],
    ["speaker", "room:invite-to-speak", (p) => ({ userId: p.listener.userId }), "forbidden"],
    ["speaker", "room:mute-member", (p) => ({ userId: p.host.userId }), "forbidden"],
    ["speaker", "room:remove-member", (p) => ({ userId: p.listener.userId, block: "room" }), "forbidden"],
    ["speaker", "room:raise-hand", () => ({}), "forbidden"],
    ["mod", "room:mute-member", (p) => ({ userId: p.host.userId }), "forbidden"],
    ["mod", "room:move-to-audience", (p) => ({ userId: p.host.userId }), "forbidden"],
    ["mod", "room:remove-member", (p) => ({ userId: p.host.userId, block: "none" }), "forbidden"],
    ["mod", "room:set-moderator", (p) => ({ userId: p.host.userId, moderator: false }), "forbidden"],
    ["mod", "room:transfer-host", (p) => ({ userId: p.speaker.userId }), "forbidden"],
    ["mod", "room:set-hand-raising", () => ({ enabled: false }), "forbidden"],
    ["mod", "room:end", () => ({}), "forbidden"],
    ["mod", "room:invite-to-speak", (p) => ({ userId: p.guest.userId }), "forbidden"],
    ["host", "room:move-to-audience", (p) => ({ userId: p.host.userId }), "forbidden"],
    ["host", "room:transfer-host", (p) => ({ userId: p.speaker.userId }), "invalid_state"],
    ["host", "room:invite-to-speak", (p) => ({ userId: p.speaker.userId }), "invalid_state"],
    ["host", "room:set-moderator", (p) => ({ userId: p.listener.userId, moderator: true }), "invalid_state"],
    ["host", "room:mute-member", () => ({ userId: "not-in-this-room" }), "not_found"],
    ["host", "room:invite-to-speak", (p) => ({ userId: p.listener.userId }), "invalid_state"], // stage full: 3 of 3
    ["guest", "room:raise-hand", () => ({}), "forbidden"],
    ["guest", "room:set-muted", () => ({ muted: false }), "forbidden"],
    ["guest", "room:invite-to-speak", (p) => ({ userId: p.listener.userId }), "forbidden"],
  ];

  it.each(refusals)(
    "[STAGE-INT-2] %s → %s is refused with %s... and changes nothing",
    async (who, event, input, code) => {
      const before = (await room()).inspect();
      const answer = await send(people[who].socket, event, input(people));
      expect(answer).toMatchObject({ ok: false, error: { code } });
      expect((await room()).inspect()).toEqual(before);
    },
  );

  it("[STAGE-INT-3] the full stage says so in words people understand", async () => {
    const answer = await send(people.host.socket, "room:invite-to-speak", { userId: people.listener.userId });
    expect(!answer.ok && answer.error.message).toBe("The stage is full (3 of 3).");
  });

  it("[STAGE-INT-4] a listener or guest calling media commands directly cannot publish", async () => {
    for (const who of ["listener", "guest"] as const) {
      expect(await send(people[who].socket, "media:create-transport", { direction: "send" })).toMatchObject({
        ok: false,
        error: { code: "forbidden" },
      });
      const recv = await ok(people[who], "media:create-transport", { direction: "recv" });
      const produce = await send(people[who].socket, "media:produce", {
        transportId: recv.id,
        kind: "audio",
        rtpParameters: OPUS_SEND_PARAMETERS,
      });
      expect(produce).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    expect((await room()).inspect().producers).toEqual([]);
  });

  it("[STAGE-INT-5] a speaker moved to the audience loses their producer at once, and cannot publish again", async () => {
    const transport = await ok(people.speaker, "media:create-transport", { direction: "send" });
    const { producerId } = await ok(people.speaker, "media:produce", {
      transportId: transport.id,
      kind: "audio",
      rtpParameters: OPUS_SEND_PARAMETERS,
    });
    expect((await room()).inspect().producers).toEqual([{ producerId, userId: people.speaker.userId }]);
    const closed: unknown[] = [];
    people.listener.socket.on("media:producer-closed", (payload: unknown) => closed.push(payload));

    await ok(people.mod, "room:move-to-audience", { userId: people.speaker.userId });
    expect((await room()).inspect().producers).toEqual([]);
    expect((await (await room()).mediaCounts()).producers).toBe(0);
    await expect.poll(() => closed).toEqual([{ producerId, userId: people.speaker.userId }]);
    expect(await send(people.speaker.socket, "media:create-transport", { direction: "send" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
  });

  it("[STAGE-INT-6] raise hand → invite → accept puts a listener on stage; only then may they publish", async () => {
    const seen: { version: number; member: { userId: string; handRaisedAt: number | null; role: string } }[] =
      [];
    people.host.socket.on("room:member-updated", (payload: (typeof seen)[number]) => seen.push(payload));
    await ok(people.listener, "room:raise-hand", {});
    await expect
      .poll(() =>
        seen.some((e) => e.member.userId === people.listener.userId && e.member.handRaisedAt !== null),
      )
      .toBe(true);
    expect((await room()).inspect().handQueue).toEqual([people.listener.userId]);

    await ok(people.host, "room:invite-to-speak", { userId: people.listener.userId });
    expect(await send(people.listener.socket, "media:create-transport", { direction: "send" })).toMatchObject(
      { ok: false, error: { code: "forbidden" } },
    );
    await ok(people.listener, "room:respond-to-invitation", { accept: true });
    const snapshot = (await room()).inspect();
    expect(snapshot.members.find((m) => m.userId === people.listener.userId)).toMatchObject({
      role: "speaker",
      muted: true,
      handRaisedAt: null,
    });
    expect(snapshot.handQueue).toEqual([]);
    const transport = await ok(people.listener, "media:create-transport", { direction: "send" });
    expect(
      await send(people.listener.socket, "media:produce", {
        transportId: transport.id,
        kind: "audio",
        rtpParameters: OPUS_SEND_PARAMETERS,
      }),
    ).toMatchObject({ ok: true });
    // Versions seen by the host strictly increase: in order, none missed twice.
    const versions = seen.map((e) => e.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
  });

  it("[STAGE-INT-7] removing with a block tells the person why, closes their media and keeps them out", async () => {
    const removed: unknown[] = [];
    people.guest.socket.on("room:removed", (payload: unknown) => removed.push(payload));
    await ok(people.mod, "room:remove-member", { userId: people.guest.userId, block: "room" });
    await expect.poll(() => removed).toEqual([{ roomId, reason: "removed-by-moderator", blocked: "room" }]);
    const snapshot = (await room()).inspect();
    expect(snapshot.members.some((m) => m.userId === people.guest.userId)).toBe(false);
    expect(await send(people.guest.socket, "media:create-transport", { direction: "recv" })).toMatchObject({
      ok: false,
      error: { code: "invalid_state" },
    });
  });

  it("[STAGE-INT-8] a host's block for good keeps the person out of the host's next room too", async () => {
    const eve = await person("Eve Banned");
    await ok(eve, "room:join", { roomId });
    await ok(people.host, "room:remove-member", { userId: eve.userId, block: "host-rooms" });
    expect(await send(eve.socket, "room:join", { roomId })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    const nextRoom = await createRoom(url, people.host.cookie, "Next one");
    expect(await send(eve.socket, "room:join", { roomId: nextRoom })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
  });

  it("[STAGE-INT-9] the host hands over the room; the new host's powers follow at once", async () => {
    await ok(people.host, "room:transfer-host", { userId: people.mod.userId });
    const snapshot = (await room()).inspect();
    expect(snapshot.hostId).toBe(people.mod.userId);
    expect(snapshot.members.find((m) => m.userId === people.host.userId)?.role).toBe("moderator");
    expect(await send(people.host.socket, "room:end", {})).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    const stored = await fetch(`${url}/api/rooms/${roomId}`).then((r) => r.json());
    expect(stored).toMatchObject({ ok: true, data: { host: { id: people.mod.userId } } });
    expect(await send(people.mod.socket, "room:end", {})).toMatchObject({ ok: true });
  });
});
