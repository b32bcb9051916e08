import { describe, expect, it } from "vitest";
import { connectSocket, createRoom, send, signIn, startTestApp } from "../support/test-app";

/**
 * [DRAIN-1] Draining before a restart: /api/ready turns 503, every connected member is told the server is restarting,
 * and a join from then on is refused with `unavailable` (the client retries on the next process),
 * while members' commands still work until the shutdown.
 */
describe("[DRAIN-1] drain before a restart", () => {
  it("[DRAIN-1] tells members, refuses new joins with unavailable, keeps members' commands working", async () => {
    const t = await startTestApp("pglite");
    try {
      const url = t.app.url.replace("localhost", "127.0.0.1");
      const host = await signIn(url, "Drain Host");
      const late = await signIn(url, "Late Comer");
      const roomId = await createRoom(url, host.cookie, "Draining room");
      const hostSocket = await connectSocket(url, host.cookie);
      const lateSocket = await connectSocket(url, late.cookie);
      expect(await send(hostSocket, "room:join", { roomId })).toMatchObject({ ok: true });
      const told = new Promise<unknown>((resolve) => hostSocket.once("server:restarting", resolve));

      expect(t.app.draining).toBe(false);
      expect((await fetch(`${url}/api/ready`)).status).toBe(200);
      t.app.drain();
      expect(t.app.draining).toBe(true);
      // A load balancer sends nobody new here any more; the process itself is still alive.
      const ready = await fetch(`${url}/api/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.text()).toContain("draining for a restart");
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
      expect(await told).toEqual({
        message: "The server is restarting. Reconnecting… you will keep your place.",
      });
      expect(await send(lateSocket, "room:join", { roomId })).toEqual({
        ok: false,
        error: {
          code: "unavailable",
          message: "The server is restarting. You will be reconnected in a moment.",
        },
      });
      expect(await send(hostSocket, "room:set-muted", { muted: false })).toMatchObject({ ok: true });
      hostSocket.disconnect();
      lateSocket.disconnect();
    } finally {
      await t.close();
    }
  });
});
