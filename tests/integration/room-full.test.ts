import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { connectSocket, createRoom, send, signedInPerson, startTestApp, type TestApp } from "../support/test-app";
import { testDrivers } from "../support/test-database";

const drivers = await testDrivers();

describe.each(drivers)("[ROOM-FULL-INT] ROOM_MAX_MEMBERS over real sockets (%s)", (driver) => {
  let t: TestApp;
  let url: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp(driver, { ROOM_MAX_MEMBERS: "3" });
    url = t.app.url.replace("localhost", "127.0.0.1");
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t?.close();
  });

  const person = (name: string) => signedInPerson(url, name, sockets);

  it("[ROOM-FULL-INT-1] the newcomer past the cap gets room_full with the reason; members inside are untouched and a reconnect still gets in", async () => {
    const host = await person("Full House Host");
    const roomId = await createRoom(url, host.cookie, "Full house");
    expect((await send(host.socket, "room:join", { roomId })).ok).toBe(true);
    const ana = await person("Ana Early");
    const ben = await person("Ben Early");
    for (const member of [ana, ben]) expect((await send(member.socket, "room:join", { roomId })).ok).toBe(true);
    const joinedSeen: unknown[] = [];
    await new Promise((resolve) => setTimeout(resolve, 1100)); // past the batch that told of ana's and ben's arrival
    host.socket.on("room:member-joined", (payload: unknown) => joinedSeen.push(payload));
    host.socket.on("room:audience-changed", (payload: unknown) => joinedSeen.push(payload));

    const late = await person("Cleo Late");
    const refused = await send(late.socket, "room:join", { roomId });
    expect(refused).toEqual({
      ok: false,
      error: { code: "room_full", message: "This room is full (3 of 3 people). Try again when someone leaves." },
    });

    // Nothing changed for anyone inside: no join was broadcast, the room still has exactly three.
    const room = await t.app.registry.get(roomId);
    expect(room?.inspect().members.map((m) => m.userId).sort()).toEqual([host.userId, ana.userId, ben.userId].sort());
    expect(joinedSeen).toEqual([]);
    // The refused person is not a member, so room commands are refused too.
    expect((await send(late.socket, "room:raise-hand", { roomId })).ok).toBe(false);

    // Ana opens a second tab: that is a reconnect of someone inside, not a newcomer.
    const anaAgain = await connectSocket(url, ana.cookie);
    sockets.push(anaAgain);
    expect((await send(anaAgain, "room:join", { roomId })).ok).toBe(true);

    // Ben leaves; his place goes to the next person who asks.
    expect((await send(ben.socket, "room:leave", { roomId })).ok).toBe(true);
    expect((await send(late.socket, "room:join", { roomId })).ok).toBe(true);
  });
});
