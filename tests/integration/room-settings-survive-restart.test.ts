import { describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { connectSocket, createRoom, send, signIn, startTestApp } from "../support/test-app";
import { createTestDatabase, testDrivers } from "../support/test-database";

const drivers = await testDrivers();

/**
 * [SETTINGS-RESTORE-1] The host's settings are stored as they change: after a restart (or, in
 * cluster mode, another node's takeover, which restores the same way) hand raising is still off
 * and music mode still on, and a listener's hand is still refused.
 */
describe.each(drivers)("[SETTINGS-RESTORE-1] room settings outlive a restart (%s)", (driver) => {
  it("keeps hand raising off and music mode on across the restart", async () => {
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
      const host = await signIn(url1, "Settings Host");
      const listener = await signIn(url1, "Settings Listener");
      const roomId = await createRoom(url1, host.cookie, "Settings kept");
      const hostSocket = await connect(url1, host.cookie);
      expect(await send(hostSocket, "room:join", { roomId })).toMatchObject({ ok: true });
      expect(await send(hostSocket, "room:set-hand-raising", { enabled: false })).toMatchObject({ ok: true });
      expect(await send(hostSocket, "room:set-music-mode", { enabled: true })).toMatchObject({ ok: true });
      await first.close();
      for (const socket of sockets.splice(0)) socket.disconnect();

      const second = await startTestApp(driver, {}, { database });
      try {
        const url2 = second.app.url.replace("localhost", "127.0.0.1");
        const back = await send(await connect(url2, host.cookie), "room:join", { roomId });
        expect(back).toMatchObject({
          ok: true,
          data: { snapshot: { handRaisingEnabled: false, musicMode: true } },
        });
        const listenerSocket = await connect(url2, listener.cookie);
        expect(await send(listenerSocket, "room:join", { roomId })).toMatchObject({ ok: true });
        expect(await send(listenerSocket, "room:raise-hand", {})).toMatchObject({
          ok: false,
          error: { code: "invalid_state" },
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
