import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { hallwaySchema, roomDetailsSchema } from "../../src/shared/protocol";
import { api as call } from "../support/api-client";
import { connectSocket, createRoom, send, signIn, startTestApp, type TestApp } from "../support/test-app";
import { testDrivers } from "../support/test-database";

const drivers = await testDrivers();

/**
 * [VIS-INT] Every visibility rule is enforced by the server, on every door: the hallway list, the
 * room's page (GET /api/rooms/:id) and the socket's room:join. A refused door answers `forbidden`
 * and lets nothing in.
 */
describe.each(drivers)("[VIS-INT] room types enforced on the server (%s)", (driver) => {
  let t: TestApp;
  let url: string;
  const sockets: Socket[] = [];
  type Person = { cookie: string; userId: string; username: string; socket: Socket };
  const people: Record<string, Person> = {};

  const api = async (who: string | null, method: "GET" | "POST", path: string, body?: unknown) =>
    (await call(url, method, path, { ...(who ? { cookie: people[who]?.cookie ?? "" } : {}), body })).body;
  /** The data of a successful answer; a refusal fails the test with its message. */
  const dataOf = (answer: Awaited<ReturnType<typeof api>>) => {
    if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
    return answer.data;
  };
  const hallwayIds = async (who: string | null) =>
    hallwaySchema.parse(dataOf(await api(who, "GET", "/api/hallway"))).rooms.map((room) => room.id);
  const join = (who: string, roomId: string, shareKey?: string) =>
    send(people[who]?.socket ?? fail(), "room:join", { roomId, ...(shareKey ? { shareKey } : {}) });
  const fail = (): never => {
    throw new Error("unknown person");
  };

  let openRoom = "";
  let socialRoom = "";
  let closedRoom = "";
  let shareKey = "";

  beforeAll(async () => {
    t = await startTestApp(driver, { GUEST_LISTENING: "true" });
    url = t.app.url.replace("localhost", "127.0.0.1");
    for (const name of ["hana", "fay", "ivy", "zed", "bob"]) {
      const account = await signIn(url, name);
      const socket = await connectSocket(url, account.cookie);
      sockets.push(socket);
      people[name] = { ...account, socket };
    }
    // hana follows fay (so fay may drop into hana's social rooms) and blocks bob.
    expect((await api("hana", "POST", `/api/users/${people.fay?.username}/follow`)).ok).toBe(true);
    expect((await api("hana", "POST", `/api/users/${people.bob?.username}/block`)).ok).toBe(true);

    openRoom = await createRoom(url, people.hana?.cookie ?? "", "Open room", { topics: ["music"] });
    socialRoom = await createRoom(url, people.hana?.cookie ?? "", "Social room", { type: "social" });
    closedRoom = await createRoom(url, people.hana?.cookie ?? "", "Closed room", {
      type: "closed",
      invitedUserIds: [people.ivy?.userId],
    });
    // The host is in all three (one socket per room): the hallway lists rooms someone is in.
    for (const roomId of [openRoom, socialRoom, closedRoom]) {
      const hostSocket = await connectSocket(url, people.hana?.cookie ?? "");
      sockets.push(hostSocket);
      expect(await send(hostSocket, "room:join", { roomId })).toMatchObject({ ok: true });
    }
    const details = roomDetailsSchema.parse(dataOf(await api("hana", "GET", `/api/rooms/${closedRoom}`)));
    shareKey = details.shareKey ?? "";
    expect(shareKey.length).toBeGreaterThanOrEqual(20);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t?.close();
  });

  it("[VIS-INT-1] the hallway shows each viewer exactly the rooms they may enter", async () => {
    expect((await hallwayIds("hana")).sort()).toEqual([openRoom, socialRoom, closedRoom].sort());
    expect((await hallwayIds("fay")).sort()).toEqual([openRoom, socialRoom].sort());
    expect((await hallwayIds("ivy")).sort()).toEqual([openRoom, closedRoom].sort());
    expect(await hallwayIds("zed")).toEqual([openRoom]);
    expect(await hallwayIds("bob")).toEqual([]);
    expect(await hallwayIds(null)).toEqual([openRoom]); // a guest
  });

  it("[VIS-INT-2] a direct URL into a closed or social room is refused with forbidden for strangers", async () => {
    expect(await api("zed", "GET", `/api/rooms/${closedRoom}`)).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await api("zed", "GET", `/api/rooms/${socialRoom}`)).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await api(null, "GET", `/api/rooms/${closedRoom}`)).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await api("bob", "GET", `/api/rooms/${openRoom}`)).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    // The refused never learn the share key; the invited see the room but not the key either.
    const invited = roomDetailsSchema.parse(dataOf(await api("ivy", "GET", `/api/rooms/${closedRoom}`)));
    expect(invited.shareKey).toBeNull();
  });

  it("[VIS-INT-3] a socket room:join into a closed room is refused with forbidden and changes nothing", async () => {
    const room = await t.app.registry.get(closedRoom);
    const before = room.inspect();
    const refused = await join("zed", closedRoom);
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(room.inspect()).toEqual(before);
    // A wrong key is no key.
    expect(await join("zed", closedRoom, "not-the-key")).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    // The blocked person cannot join even an open room.
    expect(await join("bob", openRoom)).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("[VIS-INT-4] picked people and social followers get in; the link lets a signed-in stranger in for good", async () => {
    expect(await join("ivy", closedRoom)).toMatchObject({ ok: true });
    expect(await join("fay", socialRoom)).toMatchObject({ ok: true });
    expect(await api("zed", "GET", `/api/rooms/${closedRoom}?key=${shareKey}`)).toMatchObject({ ok: true });
    expect(await join("zed", closedRoom, shareKey)).toMatchObject({ ok: true });
    expect(await send(people.zed?.socket ?? fail(), "room:leave", {})).toMatchObject({ ok: true });
    // Let in by the link once, zed keeps access without it (the link is not needed again).
    expect(await api("zed", "GET", `/api/rooms/${closedRoom}`)).toMatchObject({ ok: true });
    expect(await hallwayIds("zed")).toContain(closedRoom);
  });

  it("[VIS-INT-5] guests may enter open rooms only, even with a closed room's link", async () => {
    const guest = await connectSocket(url, "");
    sockets.push(guest);
    expect(await send(guest, "room:join", { roomId: closedRoom, shareKey })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await send(guest, "room:join", { roomId: socialRoom })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await send(guest, "room:join", { roomId: openRoom })).toMatchObject({ ok: true });
  });

  it("[VIS-INT-6] creating a room validates its settings and refuses unknown people", async () => {
    const bad = await api("hana", "POST", "/api/rooms", {
      title: "x",
      type: "secret",
      topics: ["Not A Tag!"],
    });
    expect(bad).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    const ghost = await api("hana", "POST", "/api/rooms", {
      title: "x",
      type: "closed",
      invitedUserIds: ["nobody-like-this"],
    });
    expect(ghost).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    const past = await api("hana", "POST", "/api/rooms", {
      title: "x",
      scheduledFor: "2001-01-01T00:00:00Z",
    });
    expect(past).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    expect(await api(null, "POST", "/api/rooms", { title: "x" })).toMatchObject({
      ok: false,
      error: { code: "unauthorized" },
    });
  });
});
