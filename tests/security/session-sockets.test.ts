import type { Socket } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/database";
import { api, cookieOf } from "../support/api-client";
import { connectSocket, send, signIn, suiteApp } from "../support/test-app";
import { testDrivers } from "../support/test-database";

const drivers = await testDrivers();

/** Resolves with the ms from `since` to the socket's disconnect. */
function disconnectedAfter(socket: Socket, since: () => number): Promise<number> {
  return new Promise((resolve) => socket.once("disconnect", () => resolve(Date.now() - since())));
}

describe.each(drivers)("[SEC-9] a socket does not outlive its session (%s)", (driver) => {
  const s = suiteApp(driver);
  let db: Database | undefined;
  afterAll(async () => {
    await db?.close();
  });

  it("[SEC-9] signing out disconnects that session's sockets within 1 s; another session of the same person is unaffected", async () => {
    const person = await signIn(s.url, "Two Devices");
    const second = await api(s.url, "POST", "/api/session", {
      body: { username: person.username, password: person.password },
    });
    const otherCookie = cookieOf(second);
    expect(otherCookie).not.toBe("");
    const phone = await connectSocket(s.url, person.cookie);
    const phoneTab = await connectSocket(s.url, person.cookie);
    const laptop = await connectSocket(s.url, otherCookie);
    s.sockets.push(phone, phoneTab, laptop);

    let signedOutAt = 0;
    const phoneGone = disconnectedAfter(phone, () => signedOutAt);
    const tabGone = disconnectedAfter(phoneTab, () => signedOutAt);
    signedOutAt = Date.now();
    expect((await api(s.url, "DELETE", "/api/session", { cookie: person.cookie })).status).toBe(200);
    expect(await phoneGone).toBeLessThan(1000);
    expect(await tabGone).toBeLessThan(1000);

    // The signed-out session can no longer act: its cookie opens nothing, its socket is closed.
    expect(phone.connected).toBe(false);
    await expect(connectSocket(s.url, person.cookie)).rejects.toThrow("unauthorized");
    // The laptop's session goes on: still connected, still answered.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(laptop.connected).toBe(true);
    expect(await send(laptop, "hallway:watch", {})).toMatchObject({ ok: true });
  });

  it("[SEC-9] a socket is dropped when its session expires", async () => {
    const person = await signIn(s.url, "Short Session");
    db = await s.t.database.open();
    // The session ends 800 ms from now (as a 30-day session would, one day).
    const expiresAt = new Date(Date.now() + 800);
    await db.prisma.session.updateMany({ where: { userId: person.userId }, data: { expiresAt } });
    const socket = await connectSocket(s.url, person.cookie);
    s.sockets.push(socket);
    const late = await disconnectedAfter(socket, () => expiresAt.getTime());
    expect(late).toBeGreaterThanOrEqual(-5);
    expect(late).toBeLessThan(1000);
    await expect(connectSocket(s.url, person.cookie)).rejects.toThrow("unauthorized");
  });
});
