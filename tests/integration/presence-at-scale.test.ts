import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { z } from "zod";
import {
  clientCommands,
  roomCountsSchema,
  roomSnapshotSchema,
  serverEvents,
} from "../../src/shared/protocol";
import {
  connectSocket,
  createRoom,
  send,
  signedInPerson,
  signIn,
  startTestApp,
  type TestApp,
} from "../support/test-app";
import { createTestDatabase, testDrivers } from "../support/test-database";

const drivers = await testDrivers();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * [PRESENCE-INT] Presence over real sockets and a real database: bounded join answers, paging
 * that sees everyone exactly once while people come and go, audience batches that never reorder
 * with stage events, and membership rows written behind the join.
 */
describe.each(drivers)("[PRESENCE-INT] presence at scale over real sockets (%s)", (driver) => {
  let t: TestApp;
  let url: string;
  const sockets: Socket[] = [];
  const guest = async () => {
    const socket = await connectSocket(url, "");
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    t = await startTestApp(driver, { GUEST_LISTENING: "true" });
    url = t.app.url.replace("localhost", "127.0.0.1");
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t?.close();
  });

  it("[PRESENCE-INT-1] 150 listeners: a join answers a bounded snapshot; paging returns every listener exactly once while others join and leave", async () => {
    const host = await signedInPerson(url, "Paging Host", sockets);
    const roomId = await createRoom(url, host.cookie, "Paged room");
    expect(await send(host.socket, "room:join", { roomId })).toMatchObject({ ok: true });
    const crowd = await Promise.all(Array.from({ length: 150 }, () => guest()));
    for (const socket of crowd)
      expect(await send(socket, "room:join", { roomId })).toMatchObject({ ok: true });

    const reader = await signedInPerson(url, "Page Reader", sockets);
    const joined = await send(reader.socket, "room:join", { roomId });
    if (!joined.ok) throw new Error(joined.error.message);
    const snapshot = roomSnapshotSchema.parse(joined.data.snapshot);
    expect(snapshot.counts).toEqual({ stage: 1, audience: 151, hands: 0 });
    expect(snapshot.audience.members).toHaveLength(50);
    expect(JSON.stringify(snapshot).length).toBeLessThan(20_000);

    const present = new Set(
      (await t.app.registry.get(roomId))
        .inspect()
        .members.filter((m) => m.role === "listener")
        .map((m) => m.userId),
    );
    const seen: string[] = [];
    let cursor = snapshot.audience.nextCursor;
    seen.push(...snapshot.audience.members.map((m) => m.userId));
    let round = 0;
    while (cursor !== null) {
      // Between pages: two early listeners leave, two newcomers arrive.
      for (const socket of crowd.slice(round * 2, round * 2 + 2)) {
        const you = await send(socket, "room:leave", {});
        expect(you.ok).toBe(true);
      }
      for (let i = 0; i < 2; i++)
        expect(await send(await guest(), "room:join", { roomId })).toMatchObject({ ok: true });
      round++;
      const page = await send(reader.socket, "room:audience", { cursor, limit: 25 });
      if (!page.ok) throw new Error(page.error.message);
      const parsed = clientCommands["room:audience"].output.parse(page.data);
      expect(parsed.counts.audience).toBe(151);
      seen.push(...parsed.members.map((m) => m.userId));
      cursor = parsed.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    const left = new Set((await t.app.registry.get(roomId)).inspect().members.map((m) => m.userId));
    for (const userId of present) if (left.has(userId)) expect(seen).toContain(userId);

    expect(await send(reader.socket, "room:audience", { cursor: "not-a-cursor" })).toMatchObject({
      ok: false,
      error: { code: "invalid_input" },
    });
    expect(await send(reader.socket, "room:audience", { limit: 0 })).toMatchObject({
      ok: false,
      error: { code: "invalid_input" },
    });
    expect(await send(reader.socket, "room:audience", { limit: 101 })).toMatchObject({
      ok: false,
      error: { code: "invalid_input" },
    });
  });

  it("[PRESENCE-INT-2] coalesced batches never reorder stage events: a newcomer invited on stage never re-appears as audience", async () => {
    const host = await signedInPerson(url, "Order Host", sockets);
    const roomId = await createRoom(url, host.cookie, "Ordered room");
    expect(await send(host.socket, "room:join", { roomId })).toMatchObject({ ok: true });
    const observer = await signedInPerson(url, "Watching Listener", sockets);
    expect(await send(observer.socket, "room:join", { roomId })).toMatchObject({ ok: true });
    const stream: { event: string; payload: unknown; at: number }[] = [];
    for (const event of [
      "room:audience-changed",
      "room:member-updated",
      "room:member-joined",
      "room:member-left",
    ]) {
      observer.socket.on(event, (payload: unknown) => stream.push({ event, payload, at: Date.now() }));
    }
    // A crowd arrives (a batch goes out at once, the rest wait for the next second) ...
    const crowd = await Promise.all(Array.from({ length: 40 }, () => guest()));
    await Promise.all(crowd.map((socket) => send(socket, "room:join", { roomId })));
    // ... and inside that second one of them is invited on stage and accepts.
    const star = await signedInPerson(url, "Rising Star", sockets);
    expect(await send(star.socket, "room:join", { roomId })).toMatchObject({ ok: true });
    expect(await send(host.socket, "room:invite-to-speak", { userId: star.userId })).toMatchObject({
      ok: true,
    });
    expect(await send(star.socket, "room:respond-to-invitation", { accept: true })).toMatchObject({
      ok: true,
    });
    await sleep(2200);

    const stageAt = stream.findIndex(
      (e) => e.event === "room:member-updated" && JSON.stringify(e.payload).includes('"role":"speaker"'),
    );
    expect(stageAt).toBeGreaterThanOrEqual(0);
    const later = stream.slice(stageAt + 1).filter((e) => e.event === "room:audience-changed");
    for (const batch of later) expect(JSON.stringify(batch.payload)).not.toContain(star.userId);
    // Every listener arrived in a batch, at most one per second.
    const batches = stream.filter((e) => e.event === "room:audience-changed");
    const joinedIds = batches.flatMap((e) =>
      serverEvents["room:audience-changed"].parse(e.payload).joined.map((m) => m.userId),
    );
    expect(new Set(joinedIds).size).toBeGreaterThanOrEqual(40);
    for (let i = 1; i < batches.length; i++)
      expect((batches[i]?.at ?? 0) - (batches[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(900);
    expect(stream.filter((e) => e.event === "room:member-joined")).toEqual([]);
    // Counts ride on every message, batches and stage events alike: the latest one is exact.
    const last = z.object({ counts: roomCountsSchema }).parse(stream.at(-1)?.payload);
    expect(last.counts).toEqual({ stage: 2, audience: 41, hands: 0 });
  });
});

describe.each(drivers)(
  "[PRESENCE-INT-3] audience rows are written behind the join and flushed at shutdown (%s)",
  (driver) => {
    it("listeners who joined just before a clean shutdown are back in the restored room", async () => {
      const database = await createTestDatabase(driver);
      const sockets: Socket[] = [];
      try {
        const first = await startTestApp(driver, {}, { database });
        const url1 = first.app.url.replace("localhost", "127.0.0.1");
        const host = await signIn(url1, "Restart Host");
        const roomId = await createRoom(url1, host.cookie, "Comes back");
        const people = await Promise.all(["Ann", "Bob", "Cid"].map((name) => signIn(url1, name)));
        for (const who of [host, ...people]) {
          const socket = await connectSocket(url1, who.cookie);
          sockets.push(socket);
          expect(await send(socket, "room:join", { roomId })).toMatchObject({ ok: true });
        }
        // The listeners' rows are written behind their joins: by the next batch, or at the latest by
        // the shutdown's flush, so a clean restart loses nobody.
        for (const socket of sockets) socket.disconnect();
        await first.close();
        const second = await startTestApp(driver, { ROOM_REJOIN_GRACE_MS: "60000" }, { database });
        try {
          const room = await second.app.registry.get(roomId);
          expect(
            room
              .inspect()
              .members.map((m) => m.userId)
              .sort(),
          ).toEqual([host.userId, ...people.map((p) => p.userId)].sort());
        } finally {
          await second.close();
        }
      } finally {
        await database.destroy();
      }
    });
  },
);
