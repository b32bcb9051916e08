import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import type { Database } from "../../server/db/database";
import { connectSocket, createRoom, send, signIn, startTestApp, type TestApp } from "../support/test-app";
import { testDrivers } from "../support/test-database";

const drivers = await testDrivers();

/**
 * [SEC-11] The same rule on a real database: a removal "for good" is two writes (the member's
 * row marked left, the ban). When the database refuses the second (a trigger that fails every
 * ban insert stands in for a full disk or a lost connection), the first is rolled back with it,
 * the person is still in the room, and the host hears `internal`. Once the database accepts bans
 * again the same removal is stored whole.
 */
describe.each(drivers)("[SEC-11] a command's writes are one real transaction (%s)", (driver) => {
  let t: TestApp;
  let url: string;
  let db: Database;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp(driver);
    url = t.app.url.replace("localhost", "127.0.0.1");
    db = await t.database.open();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t?.close();
  });

  async function member(name: string) {
    const signed = await signIn(url, name);
    const socket = await connectSocket(url, signed.cookie);
    sockets.push(socket);
    return { ...signed, socket };
  }
  async function ok(socket: Socket, event: string, payload: unknown) {
    const answer = await send(socket, event, payload);
    if (!answer.ok) throw new Error(`${event}: ${answer.error.code} ${answer.error.message}`);
    return answer.data;
  }
  const stored = async (roomId: string, userId: string) => ({
    left: (await db.prisma.roomMember.findUnique({ where: { roomId_userId: { roomId, userId } } }))?.leftAt,
    bans: await db.prisma.roomBan.count({ where: { roomId, userId } }),
  });

  it("[SEC-11] a failed ban write rolls back the departure: nothing stored, the speaker stays, internal", async () => {
    const host = await member("Hana Host");
    const sam = await member("Sam Speaker");
    const roomId = await createRoom(url, host.cookie, "Transactions");
    await ok(host.socket, "room:join", { roomId });
    await ok(sam.socket, "room:join", { roomId });
    await ok(host.socket, "room:invite-to-speak", { userId: sam.userId });
    await ok(sam.socket, "room:respond-to-invitation", { accept: true });
    const removed: unknown[] = [];
    sam.socket.on("room:removed", (payload: unknown) => removed.push(payload));
    expect(await stored(roomId, sam.userId)).toEqual({ left: null, bans: 0 });

    await db.prisma.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION refuse_bans() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'bans are refused in this test'; END; $$ LANGUAGE plpgsql`);
    await db.prisma.$executeRawUnsafe(
      `CREATE TRIGGER refuse_bans BEFORE INSERT ON "RoomBan" FOR EACH ROW EXECUTE FUNCTION refuse_bans()`,
    );
    try {
      const refused = await send(host.socket, "room:remove-member", { userId: sam.userId, block: "room" });
      expect(refused).toMatchObject({ ok: false, error: { code: "internal" } });
    } finally {
      await db.prisma.$executeRawUnsafe(`DROP TRIGGER refuse_bans ON "RoomBan"`);
    }
    const room = await t.app.registry.get(roomId);
    expect(room.memberRole(sam.userId)).toBe("speaker");
    expect(await stored(roomId, sam.userId)).toEqual({ left: null, bans: 0 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(removed).toEqual([]);

    await ok(host.socket, "room:remove-member", { userId: sam.userId, block: "room" });
    expect(room.hasMember(sam.userId)).toBe(false);
    const after = await stored(roomId, sam.userId);
    expect(after.left).toBeInstanceOf(Date);
    expect(after.bans).toBe(1);
    await expect.poll(() => removed).toEqual([{ roomId, reason: "removed-by-host", blocked: "room" }]);
  });
});
