import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { hallwaySchema, roomDetailsSchema, serverEvents, type Hallway } from "../../src/shared/protocol";
import { api } from "../support/api-client";
import { connectSocket, createRoom, send, signIn, startTestApp, type TestApp } from "../support/test-app";
import { createTestDatabase, testDrivers } from "../support/test-database";

const drivers = await testDrivers();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function hallway(url: string, cookie = ""): Promise<Hallway> {
  const answer = await api(url, "GET", "/api/hallway", cookie ? { cookie } : {});
  if (!answer.body.ok) throw new Error(answer.body.error.message);
  return hallwaySchema.parse(answer.body.data);
}

async function details(url: string, roomId: string, cookie: string) {
  const answer = await api(url, "GET", `/api/rooms/${roomId}`, { cookie });
  if (!answer.body.ok) throw new Error(answer.body.error.message);
  return roomDetailsSchema.parse(answer.body.data);
}

describe.each(drivers)("[HALL] live counts and the life of rooms (%s)", (driver) => {
  let t: TestApp;
  let url: string;
  const sockets: Socket[] = [];
  const connect = async (cookie: string) => {
    const socket = await connectSocket(url, cookie);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    t = await startTestApp(driver, { GUEST_LISTENING: "true", ROOM_EMPTY_STAGE_GRACE_MS: "800" });
    url = t.app.url.replace("localhost", "127.0.0.1");
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t?.close();
  });

  it("[HALL-1] 50 clients joining and leaving at once: counts never go negative or stale, watchers are told in coalesced bursts", async () => {
    const host = await signIn(url, "Busy Host");
    const roomId = await createRoom(url, host.cookie, "Busy room", { topics: ["busy"] });
    expect(await send(await connect(host.cookie), "room:join", { roomId })).toMatchObject({ ok: true });
    const watcher = await connect("");
    // An open room's changes reach watchers as its card (no refetch needed), coalesced per room.
    let changes = 0;
    let lastCard: { listenerCount: number; speakerCount: number } | null = null;
    watcher.on("hallway:room-updated", (payload: unknown) => {
      const parsed = serverEvents["hallway:room-updated"].safeParse(payload);
      if (!parsed.success || parsed.data.room.id !== roomId) return;
      changes++;
      lastCard = parsed.data.room;
    });
    expect(await send(watcher, "hallway:watch", {})).toMatchObject({ ok: true });

    // Sample the hallway as fast as it answers while the crowd moves.
    const samples: { speakers: number; listeners: number }[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const card = (await hallway(url)).rooms.find((room) => room.id === roomId);
        if (card) samples.push({ speakers: card.speakerCount, listeners: card.listenerCount });
      }
    })();

    const started = Date.now();
    const crowd = await Promise.all(Array.from({ length: 50 }, () => connect("")));
    const joins = await Promise.all(crowd.map((socket) => send(socket, "room:join", { roomId })));
    expect(joins.every((answer) => answer.ok)).toBe(true);
    // Then at once: 15 leave politely, 15 drop abruptly, 10 of the polite ones come back.
    const polite = crowd.slice(0, 15);
    const abrupt = crowd.slice(15, 30);
    await Promise.all([
      ...polite.map((socket) => send(socket, "room:leave", {})),
      ...abrupt.map(async (socket) => socket.disconnect()),
    ]);
    const back = await Promise.all(
      polite.slice(0, 10).map((socket) => send(socket, "room:join", { roomId })),
    );
    expect(back.every((answer) => answer.ok)).toBe(true);
    await sleep(600); // past the rejoin grace (guests leave at once anyway)
    sampling = false;
    await sampler;
    const elapsedMs = Date.now() - started;

    const expectedListeners = 50 - 15 - 15 + 10;
    const room = await t.app.registry.get(roomId);
    const snapshot = room.inspect();
    expect(snapshot.members.filter((m) => m.role === "listener")).toHaveLength(expectedListeners);
    const card = (await hallway(url)).rooms.find((r) => r.id === roomId);
    expect(card).toMatchObject({ speakerCount: 1, listenerCount: expectedListeners });
    expect(samples.length).toBeGreaterThan(3);
    for (const sample of samples) {
      expect(sample.speakers).toBe(1);
      expect(sample.listeners).toBeGreaterThanOrEqual(0);
      expect(sample.listeners).toBeLessThanOrEqual(50);
    }
    // ~110 membership changes, but watchers hear about them at most about once a second.
    await sleep(1100);
    expect(changes).toBeGreaterThanOrEqual(1);
    expect(changes).toBeLessThanOrEqual(Math.ceil((elapsedMs + 1100) / 1000) + 1);
    // The last pushed card says what the hallway says: W watchers got it without one query each.
    expect(lastCard).toMatchObject({ speakerCount: 1, listenerCount: expectedListeners });
  });

  it("[HALL-6] the hallway is ranked for the viewer and searched and filtered on the server", async () => {
    const viewer = await signIn(url, "Picky Viewer");
    const friend = await signIn(url, "Friend Host");
    const popular = await signIn(url, "Popular Host");
    const friendRoom = await createRoom(url, friend.cookie, "Quiet jazz corner", {
      topics: ["jazz"],
      language: "fr",
      description: "Standards",
    });
    const bigRoom = await createRoom(url, popular.cookie, "Big tech talk", { topics: ["tech"] });
    expect(await send(await connect(friend.cookie), "room:join", { roomId: friendRoom })).toMatchObject({
      ok: true,
    });
    expect(await send(await connect(popular.cookie), "room:join", { roomId: bigRoom })).toMatchObject({
      ok: true,
    });
    for (let i = 0; i < 3; i++)
      expect(await send(await connect(""), "room:join", { roomId: bigRoom })).toMatchObject({ ok: true });
    expect(
      (await api(url, "POST", `/api/users/${friend.username}/follow`, { cookie: viewer.cookie })).status,
    ).toBe(200);

    const ours = (rooms: Hallway["rooms"]) =>
      rooms.map((r) => r.id).filter((id) => id === friendRoom || id === bigRoom);
    const forViewer = await hallway(url, viewer.cookie);
    expect(ours(forViewer.rooms)).toEqual([friendRoom, bigRoom]); // someone they follow is on stage: first
    expect(forViewer.rooms.find((r) => r.id === friendRoom)?.followedSpeakerCount).toBe(1);
    expect(ours((await hallway(url)).rooms)).toEqual([bigRoom, friendRoom]); // a guest: bigger first
    expect(forViewer.topics).toEqual(expect.arrayContaining(["jazz", "tech"]));
    expect(forViewer.languages).toEqual(expect.arrayContaining(["en", "fr"]));

    const search = async (query: string) => {
      const answer = await api(url, "GET", `/api/hallway?${query}`, { cookie: viewer.cookie });
      if (!answer.body.ok) return answer.body.error.code;
      return ours(hallwaySchema.parse(answer.body.data).rooms);
    };
    expect(await search("topic=jazz")).toEqual([friendRoom]);
    expect(await search("language=fr")).toEqual([friendRoom]);
    expect(await search("q=TECH")).toEqual([bigRoom]);
    expect(await search("q=standards")).toEqual([friendRoom]);
    expect(await search("q=&topic=")).toEqual([friendRoom, bigRoom]); // emptied fields filter nothing
    expect(await search("topic=Not%20a%20tag!")).toBe("invalid_input");
    expect(await search("language=english")).toBe("invalid_input");
  });

  it("[HALL-2] an ended room leaves the hallway at once, and its page says who hosted it", async () => {
    const host = await signIn(url, "Ending Host");
    const roomId = await createRoom(url, host.cookie, "About to end");
    const hostSocket = await connect(host.cookie);
    expect(await send(hostSocket, "room:join", { roomId })).toMatchObject({ ok: true });
    expect((await hallway(url)).rooms.map((r) => r.id)).toContain(roomId);
    expect(await send(hostSocket, "room:end", {})).toMatchObject({ ok: true });
    expect((await hallway(url)).rooms.map((r) => r.id)).not.toContain(roomId);
    const ended = await details(url, roomId, "");
    expect(ended).toMatchObject({
      status: "ended",
      endReason: "host-ended",
      host: { id: host.userId, displayName: "Ending Host" },
    });
    expect(ended.endedAt).not.toBeNull();
  });

  it("[HALL-3] a room whose host never arrives ends by itself after the empty-stage grace, never listed", async () => {
    const host = await signIn(url, "Absent Host");
    const roomId = await createRoom(url, host.cookie, "Nobody came");
    expect((await hallway(url)).rooms.map((r) => r.id)).not.toContain(roomId);
    await expect
      .poll(async () => (await details(url, roomId, host.cookie)).status, { timeout: 5000, interval: 100 })
      .toBe("ended");
    expect((await details(url, roomId, host.cookie)).endReason).toBe("stage-empty");
    expect(await t.app.registry.peek(roomId)).toBeUndefined();
  });

  it("[HALL-4] a stage whose people reconnect within the grace keeps its room", async () => {
    const host = await signIn(url, "Flaky Host");
    const roomId = await createRoom(url, host.cookie, "Flaky");
    const first = await connect(host.cookie);
    expect(await send(first, "room:join", { roomId })).toMatchObject({ ok: true });
    first.disconnect();
    await sleep(150);
    expect(await send(await connect(host.cookie), "room:join", { roomId })).toMatchObject({
      ok: true,
      data: { snapshot: { hostId: host.userId } },
    });
    await sleep(1200); // past both graces
    expect((await details(url, roomId, host.cookie)).status).toBe("live");
  });
});

describe.each(drivers)("[HALL-5] no ghost rooms after a restart (%s)", (driver) => {
  it("rooms nobody returns to end; a room whose host returns comes back with its roles; only that one is listed", async () => {
    const database = await createTestDatabase(driver);
    const env = { ROOM_EMPTY_STAGE_GRACE_MS: "1500" };
    try {
      // First life: two rooms with a host and a listener each. Shutting down leaves them live in
      // the database with their members, exactly as a crash would.
      const first = await startTestApp(driver, env, { database });
      const url1 = first.app.url.replace("localhost", "127.0.0.1");
      const host = await signIn(url1, "Returning Host");
      const other = await signIn(url1, "Vanished Host");
      const listener = await signIn(url1, "Loyal Listener");
      const back = await createRoom(url1, host.cookie, "Comes back");
      const gone = await createRoom(url1, other.cookie, "Never again");
      const firstSockets = [
        await connectSocket(url1, host.cookie),
        await connectSocket(url1, other.cookie),
        await connectSocket(url1, listener.cookie),
      ];
      expect(await send(firstSockets[0]!, "room:join", { roomId: back })).toMatchObject({
        ok: true,
      });
      expect(await send(firstSockets[1]!, "room:join", { roomId: gone })).toMatchObject({
        ok: true,
      });
      expect(await send(firstSockets[2]!, "room:join", { roomId: gone })).toMatchObject({
        ok: true,
      });
      await first.close();
      for (const socket of firstSockets) socket.disconnect();

      // Second life on the same database.
      const second = await startTestApp(driver, env, { database });
      try {
        const url2 = second.app.url.replace("localhost", "127.0.0.1");
        expect((await hallway(url2)).rooms).toEqual([]); // nobody is connected: nothing to drop in on
        const hostAgain = await connectSocket(url2, host.cookie);
        const rejoined = await send(hostAgain, "room:join", { roomId: back });
        expect(rejoined).toMatchObject({ ok: true, data: { snapshot: { hostId: host.userId } } });
        expect((await hallway(url2)).rooms.map((r) => r.id)).toEqual([back]);
        await expect
          .poll(async () => (await details(url2, gone, other.cookie)).status, {
            timeout: 6000,
            interval: 150,
          })
          .toBe("ended");
        expect((await details(url2, back, host.cookie)).status).toBe("live");
        expect((await hallway(url2)).rooms.map((r) => r.id)).toEqual([back]);
        expect(await second.app.registry.running()).toHaveLength(1);
        hostAgain.disconnect();
      } finally {
        await second.close();
      }
    } finally {
      await database.destroy();
    }
  });
});
