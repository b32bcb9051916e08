import { describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { createRoom, send, suiteApp } from "../support/test-app";

/**
 * [SEC-10] A person the room refuses (a stranger at a closed or social room's door) must hear none
 * of it: not while their join waits its turn behind the room's running commands, and not after
 * the refusal. The socket is put into the room's broadcasts only once the room has admitted it.
 */
const app = suiteApp("pglite");

async function ok(socket: Socket, event: string, payload: unknown) {
  const answer = await send(socket, event, payload);
  if (!answer.ok) throw new Error(`${event}: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}

/** Every room or media event a socket receives (notifications to the person are not the room's). */
function eavesdrop(socket: Socket): string[] {
  const heard: string[] = [];
  socket.onAny((event: string) => {
    if (event.startsWith("room:") || event.startsWith("media:")) heard.push(event);
  });
  return heard;
}

describe("[SEC-10] a refused entrant hears nothing of the room", () => {
  for (const type of ["closed", "social"] as const) {
    it(`[SEC-10] a stranger refused at a ${type} room's door receives none of its events, during or after the refusal`, async () => {
      const host = await app.person(`Host ${type}`);
      const roomId = await createRoom(app.url, host.cookie, `Private ${type}`, { type });
      await ok(host.socket, "room:join", { roomId });
      const stranger = await app.person(`Stranger ${type}`);
      const heard = eavesdrop(stranger.socket);

      // The host keeps the room busy: transports (the room waits on its media worker meanwhile,
      // so the stranger's join gets in line) and mutes (each a versioned event to the room). The
      // stranger's join waits behind those commands.
      const busy = Array.from({ length: 30 }, (_, i) =>
        i % 2 === 0
          ? send(host.socket, "media:create-transport", { direction: "send" })
          : send(host.socket, "room:set-muted", { muted: i % 4 === 1 ? false : true }),
      );
      const refused = await send(stranger.socket, "room:join", { roomId });
      expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
      expect((await Promise.all(busy)).every((answer) => answer.ok)).toBe(true);

      // After the refusal too: more events, none of which may reach the stranger.
      await ok(host.socket, "room:set-hand-raising", { enabled: false });
      await ok(host.socket, "room:set-muted", { muted: false });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(heard).toEqual([]);
      const room = await app.t.app.registry.get(roomId);
      expect(room.hasMember(stranger.userId)).toBe(false);
    });
  }

  it("[SEC-10] an admitted member still hears every event after their snapshot, with no gap", async () => {
    const host = await app.person("Host open");
    const roomId = await createRoom(app.url, host.cookie, "Open door");
    await ok(host.socket, "room:join", { roomId });
    const lee = await app.person("Lee Admitted");
    const versions: number[] = [];
    lee.socket.onAny((_event: string, payload: unknown) => {
      if (
        typeof payload === "object" &&
        payload &&
        "version" in payload &&
        typeof payload.version === "number"
      )
        versions.push(payload.version);
    });
    // Commands before, around and after the join: the subscription starts inside the room's queue.
    const busy = Array.from({ length: 10 }, (_, i) =>
      send(host.socket, "room:set-muted", { muted: i % 2 === 0 }),
    );
    const joined = await ok(lee.socket, "room:join", { roomId });
    await Promise.all(busy);
    await ok(host.socket, "room:set-hand-raising", { enabled: false });
    const room = await app.t.app.registry.get(roomId);
    const last = room.inspect().version;
    const snapshotVersion = (joined.snapshot as { version: number }).version;
    expect(last).toBeGreaterThan(snapshotVersion);
    const expected = Array.from({ length: last - snapshotVersion }, (_, i) => snapshotVersion + 1 + i);
    await expect.poll(() => versions.filter((v) => v > snapshotVersion)).toEqual(expected);
  });
});
