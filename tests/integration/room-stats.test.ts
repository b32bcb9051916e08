import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { roomStatsSchema, type RoomStats } from "../../src/shared/protocol";
import { call, signUpAdmin } from "../support/staff-helpers";
import { createRoom, send, signedInPerson, startTestApp, type TestApp } from "../support/test-app";
import { testDrivers } from "../support/test-database";

const drivers = await testDrivers();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ADMIN = "stats_admin";

/**
 * [STATS-INT] A room's stats over real sockets and HTTP: the server samples the room on its own
 * clock; the numbers match the joins, leaves, hands and reactions the test made; the host and
 * staff read them (live and after the end), a listener and a stranger cannot.
 */
describe.each(drivers)("[STATS-INT] room stats over real sockets (%s)", (driver) => {
  let t: TestApp;
  let url: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp(driver, { ROOM_STATS_SAMPLE_SECONDS: "0.2", ADMIN_USERNAME: ADMIN });
    url = t.app.url.replace("localhost", "127.0.0.1");
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t?.close();
  });

  const statsOf = async (roomId: string, cookie: string): Promise<RoomStats> => {
    const answer = await call(url, "GET", `/api/rooms/${roomId}/stats`, cookie);
    expect(answer.status).toBe(200);
    return roomStatsSchema.parse(answer.body.data);
  };

  it("[STATS-INT-1] sampled numbers match what happened; host and staff see them live and after the end, others are refused", async () => {
    const admin = await signUpAdmin(url, ADMIN);
    const host = await signedInPerson(url, "Stats Host", sockets);
    const roomId = await createRoom(url, host.cookie, "Stats room");
    expect(await send(host.socket, "room:join", { roomId })).toMatchObject({ ok: true });
    const listeners = await Promise.all(
      ["Ann", "Ben", "Cat"].map((name) => signedInPerson(url, `${name} Listener`, sockets)),
    );
    for (const listener of listeners)
      expect(await send(listener.socket, "room:join", { roomId })).toMatchObject({ ok: true });
    const [ann, ben, cat] = listeners;
    if (!ann || !ben || !cat) throw new Error("three listeners");
    expect(await send(ann.socket, "room:raise-hand", {})).toMatchObject({ ok: true });
    expect(await send(ben.socket, "room:react", { emoji: "👏" })).toMatchObject({ ok: true });
    expect(await send(cat.socket, "room:react", { emoji: "🔥" })).toMatchObject({ ok: true });
    await sleep(500);
    expect(await send(cat.socket, "room:leave", {})).toMatchObject({ ok: true });
    await sleep(800); // a few samples of 200 ms

    const live = await statsOf(roomId, host.cookie);
    expect(live.status).toBe("live");
    expect(live.samples.length).toBeGreaterThanOrEqual(3);
    expect(live.totals).toEqual({ joins: 4, leaves: 1, handsRaised: 1, reactions: 2 });
    expect(live.peak.listeners).toBe(3);
    expect(live.samples.at(-1)).toMatchObject({ listeners: 2, stage: 1, handsUp: 1 });

    // Staff see it too; a listener of the room and a signed-out visitor do not.
    expect((await statsOf(roomId, admin.cookie)).totals.joins).toBe(4);
    const refused = await call(url, "GET", `/api/rooms/${roomId}/stats`, ann.cookie);
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe("forbidden");
    expect((await call(url, "GET", `/api/rooms/${roomId}/stats`, "")).status).toBe(401);
    expect((await call(url, "GET", `/api/rooms/nope/stats`, host.cookie)).status).toBe(404);

    // The batch write runs every few samples; by now the series is in the database too.
    await sleep(600);
    expect((await t.persistence.roomStats.load(roomId)).samples.length).toBeGreaterThan(0);

    expect(await send(host.socket, "room:end", {})).toMatchObject({ ok: true });
    const ended = await statsOf(roomId, host.cookie);
    expect(ended.status).toBe("ended");
    expect(ended.endedAt).not.toBeNull();
    // The end leaves the listeners (they are taken out): the counts of the test's own actions stay.
    expect(ended.totals.joins).toBe(4);
    expect(ended.totals.reactions).toBe(2);
    expect(ended.totals.handsRaised).toBe(1);
    expect(ended.peak.listeners).toBe(3);
    expect(ended.samples.length).toBeGreaterThanOrEqual(live.samples.length);
    expect((await statsOf(roomId, admin.cookie)).status).toBe("ended");
    expect((await call(url, "GET", `/api/rooms/${roomId}/stats`, ben.cookie)).status).toBe(403);
  });
});
