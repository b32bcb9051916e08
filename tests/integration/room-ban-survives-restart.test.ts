import { describe, expect, it } from "vitest";
import { acrossARestart } from "../support/across-a-restart";
import { createRoom, send, signIn } from "../support/test-app";
import { testDrivers } from "../support/test-database";

const drivers = await testDrivers();

/**
 * [BAN-1] "Remove from this room for good" is stored: after a restart the room comes back and the
 * removed person is still refused, while someone removed without a block may come back.
 */
describe.each(drivers)("[BAN-1] a room ban outlives a restart (%s)", (driver) => {
  it("refuses the banned person after the restart and lets the merely removed one back in", async () => {
    await acrossARestart(
      driver,
      async (url, connect) => {
        const host = await signIn(url, "Banning Host");
        const troll = await signIn(url, "Loud Troll");
        const guest = await signIn(url, "Shown Out");
        const roomId = await createRoom(url, host.cookie, "Strict room");
        const hostSocket = await connect(host.cookie);
        expect(await send(hostSocket, "room:join", { roomId })).toMatchObject({ ok: true });
        expect(await send(await connect(troll.cookie), "room:join", { roomId })).toMatchObject({ ok: true });
        expect(await send(await connect(guest.cookie), "room:join", { roomId })).toMatchObject({ ok: true });
        expect(
          await send(hostSocket, "room:remove-member", { userId: troll.userId, block: "room" }),
        ).toMatchObject({ ok: true });
        expect(
          await send(hostSocket, "room:remove-member", { userId: guest.userId, block: "none" }),
        ).toMatchObject({ ok: true });
        return { host, troll, guest, roomId };
      },
      async (_url, connect, { host, troll, guest, roomId }) => {
        expect(await send(await connect(host.cookie), "room:join", { roomId })).toMatchObject({ ok: true });
        const refused = await send(await connect(troll.cookie), "room:join", { roomId });
        expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
        expect(await send(await connect(guest.cookie), "room:join", { roomId })).toMatchObject({ ok: true });
      },
    );
  });
});
