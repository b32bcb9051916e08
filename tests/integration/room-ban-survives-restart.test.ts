import { describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { connectSocket, createRoom, send, signIn, startTestApp } from "../support/test-app";
import { createTestDatabase, testDrivers } from "../support/test-database";

const drivers = await testDrivers();

/**
 * [BAN-1] "Remove from this room for good" is stored: after a restart the room comes back and the
 * removed person is still refused, while someone removed without a block may come back.
 */
describe.each(drivers)("[BAN-1] a room ban outlives a restart (%s)", (driver) => {
  it("refuses the banned person after the restart and lets the merely removed one back in", async () => {
    const database = await createTestDatabase(driver);
    const sockets: Socket[] = [];
    const connect = async (url: string, cookie: string) => {
      const socket = await connectSocket(url, cookie);
      sockets.push(socket);
      return socket;
    };
    try {
      const first = await startTestApp(driver, {}, { database });
      const url1 = first.app.url.replace("localhost", "127.0.0.1");
      const host = await signIn(url1, "Banning Host");
      const troll = await signIn(url1, "Loud Troll");
      const guest = await signIn(url1, "Shown Out");
      const roomId = await createRoom(url1, host.cookie, "Strict room");
      const hostSocket = await connect(url1, host.cookie);
      expect(await send(hostSocket, "room:join", { roomId })).toMatchObject({ ok: true });
      expect(await send(await connect(url1, troll.cookie), "room:join", { roomId })).toMatchObject({
        ok: true,
      });
      expect(await send(await connect(url1, guest.cookie), "room:join", { roomId })).toMatchObject({
        ok: true,
      });
      expect(
        await send(hostSocket, "room:remove-member", { userId: troll.userId, block: "room" }),
      ).toMatchObject({ ok: true });
      expect(
        await send(hostSocket, "room:remove-member", { userId: guest.userId, block: "none" }),
      ).toMatchObject({ ok: true });
      await first.close();
      for (const socket of sockets.splice(0)) socket.disconnect();

      const second = await startTestApp(driver, {}, { database });
      try {
        const url2 = second.app.url.replace("localhost", "127.0.0.1");
        expect(await send(await connect(url2, host.cookie), "room:join", { roomId })).toMatchObject({
          ok: true,
        });
        const refused = await send(await connect(url2, troll.cookie), "room:join", { roomId });
        expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
        expect(await send(await connect(url2, guest.cookie), "room:join", { roomId })).toMatchObject({
          ok: true,
        });
      } finally {
        for (const socket of sockets.splice(0)) socket.disconnect();
        await second.close();
      }
    } finally {
      await database.destroy();
    }
  });
});
