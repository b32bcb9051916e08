import { describe, expect, it } from "vitest";
import { acrossARestart } from "../support/across-a-restart";
import { createRoom, send, signIn } from "../support/test-app";
import { testDrivers } from "../support/test-database";

const drivers = await testDrivers();

/**
 * [SETTINGS-RESTORE-1] The host's settings are stored as they change: after a restart (or, in
 * cluster mode, another node's takeover, which restores the same way) hand raising is still off
 * and music mode still on, and a listener's hand is still refused.
 */
describe.each(drivers)("[SETTINGS-RESTORE-1] room settings outlive a restart (%s)", (driver) => {
  it("keeps hand raising off and music mode on across the restart", async () => {
    await acrossARestart(
      driver,
      async (url, connect) => {
        const host = await signIn(url, "Settings Host");
        const listener = await signIn(url, "Settings Listener");
        const roomId = await createRoom(url, host.cookie, "Settings kept");
        const hostSocket = await connect(host.cookie);
        expect(await send(hostSocket, "room:join", { roomId })).toMatchObject({ ok: true });
        expect(await send(hostSocket, "room:set-hand-raising", { enabled: false })).toMatchObject({
          ok: true,
        });
        expect(await send(hostSocket, "room:set-music-mode", { enabled: true })).toMatchObject({ ok: true });
        return { host, listener, roomId };
      },
      async (_url, connect, { host, listener, roomId }) => {
        const back = await send(await connect(host.cookie), "room:join", { roomId });
        expect(back).toMatchObject({
          ok: true,
          data: { snapshot: { handRaisingEnabled: false, musicMode: true } },
        });
        const listenerSocket = await connect(listener.cookie);
        expect(await send(listenerSocket, "room:join", { roomId })).toMatchObject({ ok: true });
        expect(await send(listenerSocket, "room:raise-hand", {})).toMatchObject({
          ok: false,
          error: { code: "invalid_state" },
        });
      },
    );
  });
});
