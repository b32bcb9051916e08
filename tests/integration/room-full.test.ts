import { describe, expect, it } from "vitest";
import { connectSocket, createRoom, send, suiteApp } from "../support/test-app";
import { testDrivers } from "../support/test-database";

const drivers = await testDrivers();

describe.each(drivers)("[ROOM-FULL-INT] ROOM_MAX_MEMBERS over real sockets (%s)", (driver) => {
  const suite = suiteApp(driver, { ROOM_MAX_MEMBERS: "3" });
  const person = suite.person;

  it("[ROOM-FULL-INT-1] the newcomer past the cap gets room_full with the reason; members inside are untouched and a reconnect still gets in", async () => {
    const host = await person("Full House Host");
    const roomId = await createRoom(suite.url, host.cookie, "Full house");
    expect((await send(host.socket, "room:join", { roomId })).ok).toBe(true);
    const ana = await person("Ana Early");
    const ben = await person("Ben Early");
    // Everything the host is told from here on; the refusal below must add nothing to it.
    const told: unknown[] = [];
    host.socket.on("room:member-joined", (payload: unknown) => told.push(payload));
    host.socket.on("room:audience-changed", (payload: unknown) => told.push(payload));
    for (const member of [ana, ben])
      expect((await send(member.socket, "room:join", { roomId })).ok).toBe(true);
    // Wait for the batch that tells of Ben's arrival (batches go out at most once a second).
    await expect.poll(() => JSON.stringify(told).includes(ben.userId), { timeout: 10_000 }).toBe(true);
    const toldBefore = told.length;

    const late = await person("Cleo Late");
    const refused = await send(late.socket, "room:join", { roomId });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: "room_full",
        message: "This room is full (3 of 3 people). Try again when someone leaves.",
      },
    });

    // Nothing changed for anyone inside: no join was broadcast, the room still has exactly three.
    const room = await suite.t.app.registry.get(roomId);
    expect(
      room
        ?.inspect()
        .members.map((m) => m.userId)
        .sort(),
    ).toEqual([host.userId, ana.userId, ben.userId].sort());
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a batch the refusal caused would be out by now
    expect(told.slice(toldBefore)).toEqual([]);
    // The refused person is not a member, so room commands are refused too.
    expect((await send(late.socket, "room:raise-hand", { roomId })).ok).toBe(false);

    // Ana opens a second tab: that is a reconnect of someone inside, not a newcomer.
    const anaAgain = await connectSocket(suite.url, ana.cookie);
    suite.sockets.push(anaAgain);
    expect((await send(anaAgain, "room:join", { roomId })).ok).toBe(true);

    // Ben leaves; his place goes to the next person who asks.
    expect((await send(ben.socket, "room:leave", { roomId })).ok).toBe(true);
    expect((await send(late.socket, "room:join", { roomId })).ok).toBe(true);
  });
});
