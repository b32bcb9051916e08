import { describe, expect, it } from "vitest";
import { connectSocket, signIn, startTestApp } from "../../support/test-app";
import { testDrivers } from "../../support/test-database";

const drivers = await testDrivers();

describe.each(drivers)("[GUEST] sockets without an account (%s)", (driver) => {
  it("[GUEST-1] with GUEST_LISTENING on, a socket without a session is a guest actor", async () => {
    const t = await startTestApp(driver, { GUEST_LISTENING: "true" });
    try {
      const url = t.app.url.replace("localhost", "127.0.0.1");
      const guest = await connectSocket(url, "");
      const stale = await connectSocket(url, "ar_session=not-a-real-token");
      const member = await signIn(url, "Real Person");
      const signedIn = await connectSocket(url, member.cookie);
      const actors = (await t.app.io.fetchSockets()).map((socket) => socket.data.actor);
      const byUser = new Map(actors.map((actor) => [actor.userId, actor]));
      expect(byUser.get(member.userId)).toEqual({
        userId: member.userId,
        displayName: "Real Person",
        isGuest: false,
        avatarUrl: null,
        realNameVerified: false,
      });
      const guests = actors.filter((actor) => actor.isGuest);
      expect(guests).toHaveLength(2);
      for (const actor of guests) {
        expect(actor.userId).toMatch(/^guest-[0-9a-f-]{36}$/);
        expect(actor.displayName).toMatch(/^Guest \d{4}$/);
      }
      expect(new Set(guests.map((actor) => actor.userId)).size).toBe(2);
      for (const socket of [guest, stale, signedIn]) socket.disconnect();
    } finally {
      await t.close();
    }
  });

  it("[GUEST-2] with GUEST_LISTENING off, a socket without a session is refused", async () => {
    const t = await startTestApp(driver, { GUEST_LISTENING: "false" });
    try {
      const url = t.app.url.replace("localhost", "127.0.0.1");
      await expect(connectSocket(url, "")).rejects.toThrow("unauthorized");
      await expect(connectSocket(url, "ar_session=not-a-real-token")).rejects.toThrow("unauthorized");
    } finally {
      await t.close();
    }
  });
});
