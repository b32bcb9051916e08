import { describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import type { RoomService } from "../../server/rooms/room-service";
import { connectSocket, createRoom, send, signIn, suiteApp } from "../support/test-app";

/**
 * [SEC-1] Ghost members. A member whose session is a socket that is gone never leaves: no absence
 * timer runs for them, they hold a seat (and a stage place, for a host) for as long as the room
 * lives, and everyone else's counts and audience pages carry them. These races try to make one:
 * a join dropped at every moment of its life, two joins at once on one socket, a join racing the
 * leave of the previous room. After each, every member's session is a live socket, the counts are
 * exact and the audience the host pages through is exactly who is there.
 */
const REJOIN_GRACE_MS = 300;
const app = suiteApp("pglite", { GUEST_LISTENING: "true", ROOM_REJOIN_GRACE_MS: String(REJOIN_GRACE_MS) });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function ok(socket: Socket, event: string, payload: unknown) {
  const answer = await send(socket, event, payload);
  if (!answer.ok) throw new Error(`${event}: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}

/** Sends a command without waiting for its answer (a client that drops mid-request). */
function fire(socket: Socket, event: string, payload: unknown): void {
  socket.emit(event, payload, () => undefined);
}

/** Members whose recorded connection is not a live socket of this server: ghosts. */
function ghosts(room: RoomService): string[] {
  return room
    .connections()
    .filter(({ sessionId }) => app.t.app.io.sockets.sockets.get(sessionId)?.connected !== true)
    .map(({ userId }) => userId);
}

/** Who is in the room, sorted. */
function memberIds(room: RoomService): string[] {
  return room
    .inspect()
    .members.map((m) => m.userId)
    .sort();
}

/** A room with its host inside; the host's socket pages the audience. */
async function hostedRoom(title: string, extra: Record<string, unknown> = {}) {
  const host = await app.person(`Host of ${title}`);
  const roomId = await createRoom(app.url, host.cookie, title, extra);
  await ok(host.socket, "room:join", { roomId });
  return { host, roomId, room: await app.t.app.registry.get(roomId) };
}

/** What the host's client would show: the audience pages and the counts. */
async function audienceSeenBy(hostSocket: Socket) {
  const page = await ok(hostSocket, "room:audience", { limit: 100 });
  const members = Array.isArray(page.members) ? page.members : [];
  return {
    userIds: members.map((m: { userId: string }) => m.userId).sort(),
    counts: page.counts,
  };
}

describe("[SEC-1] no ghost member on a dropped or doubled join", () => {
  const delays = [0, 0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 70, 80];

  for (const type of ["open", "social"] as const) {
    it(`[SEC-1] joins to a ${type} room dropped 0-80 ms after sending leave no ghost; counts and audience stay exact`, async () => {
      const { host, roomId, room } = await hostedRoom(`Drops ${type}`, { type });
      const people = await Promise.all(delays.map((_, i) => signIn(app.url, `Dropper ${type} ${i}`)));
      await Promise.all(
        delays.map(async (delay, i) => {
          // Half signed in (their seat waits out the rejoin grace), half guests (they leave at once).
          const socket = await connectSocket(app.url, i % 2 === 0 ? (people[i]?.cookie ?? "") : "");
          fire(socket, "room:join", { roomId });
          await sleep(delay);
          socket.disconnect();
        }),
      );
      await sleep(REJOIN_GRACE_MS * 3);
      expect(ghosts(room)).toEqual([]);
      expect(memberIds(room)).toEqual([host.userId]);
      expect(room.counts()).toEqual({ stage: 1, audience: 0, hands: 0 });
      expect(await audienceSeenBy(host.socket)).toEqual({
        userIds: [],
        counts: { stage: 1, audience: 0, hands: 0 },
      });
    });
  }

  it("[SEC-1] two joins at once on one socket to the same room: one member, gone after a drop", async () => {
    const { host, roomId, room } = await hostedRoom("Double join");
    const lee = await app.person("Lee Doubled");
    const answers = await Promise.all([
      send(lee.socket, "room:join", { roomId }),
      send(lee.socket, "room:join", { roomId }),
    ]);
    expect(answers.map((a) => a.ok)).toEqual([true, true]);
    expect(ghosts(room)).toEqual([]);
    expect(memberIds(room)).toEqual([host.userId, lee.userId].sort());
    expect(await audienceSeenBy(host.socket)).toEqual({
      userIds: [lee.userId],
      counts: { stage: 1, audience: 1, hands: 0 },
    });
    lee.socket.disconnect();
    await sleep(REJOIN_GRACE_MS * 3);
    expect(memberIds(room)).toEqual([host.userId]);
    expect(room.counts()).toEqual({ stage: 1, audience: 0, hands: 0 });
  });

  it("[SEC-1] two joins at once on one socket to different rooms: a member of one room only, gone after a drop", async () => {
    const first = await hostedRoom("First of two");
    const second = await hostedRoom("Second of two");
    const lee = await app.person("Lee Torn");
    const answers = await Promise.all([
      send(lee.socket, "room:join", { roomId: first.roomId }),
      send(lee.socket, "room:join", { roomId: second.roomId }),
    ]);
    expect(answers.map((a) => a.ok)).toEqual([true, true]);
    const rooms = [first, second];
    // One room per connection: whichever join ran last holds the person, the other let them go.
    const holding = rooms.filter((r) => r.room.hasMember(lee.userId));
    expect(holding).toHaveLength(1);
    const socketRoom = app.t.app.io.sockets.sockets.get(lee.socket.id ?? "")?.data.roomId;
    expect(socketRoom).toBe(holding[0]?.roomId);
    for (const r of rooms) {
      expect(ghosts(r.room)).toEqual([]);
      const inside = r === holding[0];
      expect((await audienceSeenBy(r.host.socket)).userIds).toEqual(inside ? [lee.userId] : []);
    }
    lee.socket.disconnect();
    await sleep(REJOIN_GRACE_MS * 3);
    for (const r of rooms) {
      expect(memberIds(r.room)).toEqual([r.host.userId]);
      expect(r.room.counts()).toEqual({ stage: 1, audience: 0, hands: 0 });
    }
  });

  it("[SEC-1] a join sent while the previous room's leave is running: in the new room only, gone after a drop", async () => {
    const first = await hostedRoom("Being left");
    const second = await hostedRoom("Being entered");
    const lee = await app.person("Lee Moving");
    await ok(lee.socket, "room:join", { roomId: first.roomId });
    const [left, joined] = await Promise.all([
      send(lee.socket, "room:leave", {}),
      send(lee.socket, "room:join", { roomId: second.roomId }),
    ]);
    expect(left.ok).toBe(true);
    expect(joined.ok).toBe(true);
    expect(first.room.hasMember(lee.userId)).toBe(false);
    expect(second.room.hasMember(lee.userId)).toBe(true);
    expect(app.t.app.io.sockets.sockets.get(lee.socket.id ?? "")?.data.roomId).toBe(second.roomId);
    expect(ghosts(second.room)).toEqual([]);
    lee.socket.disconnect();
    await sleep(REJOIN_GRACE_MS * 3);
    expect(memberIds(second.room)).toEqual([second.host.userId]);
    expect(await audienceSeenBy(second.host.socket)).toEqual({
      userIds: [],
      counts: { stage: 1, audience: 0, hands: 0 },
    });
  });

  it("[SEC-1] a join to a new room dropped mid-way, from inside another room: no ghost in either", async () => {
    const first = await hostedRoom("Left behind");
    const second = await hostedRoom("Never reached");
    const people = await Promise.all(delays.map((_, i) => signIn(app.url, `Hopper ${i}`)));
    await Promise.all(
      delays.map(async (delay, i) => {
        const socket = await connectSocket(app.url, people[i]?.cookie ?? "");
        await ok(socket, "room:join", { roomId: first.roomId });
        fire(socket, "room:join", { roomId: second.roomId });
        await sleep(delay);
        socket.disconnect();
      }),
    );
    await sleep(REJOIN_GRACE_MS * 3);
    for (const r of [first, second]) {
      expect(ghosts(r.room)).toEqual([]);
      expect(memberIds(r.room)).toEqual([r.host.userId]);
      expect(r.room.counts()).toEqual({ stage: 1, audience: 0, hands: 0 });
    }
  });
});
