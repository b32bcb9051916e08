import { describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { notificationListSchema, pingOutputSchema } from "../../src/shared/protocol";
import { api, dataOf } from "../support/api-client";
import { connectSocket, createRoom, send, signIn, suiteApp } from "../support/test-app";
import { testDrivers } from "../support/test-database";

const drivers = await testDrivers();

type Person = { userId: string; username: string; cookie: string; socket: Socket; pings: unknown[] };

/**
 * Finding 7 of issue #13, pings: the cooldown was counted per room, so starting a new room let
 * anyone ping everyone they follow again at once. It is per pinger and person now, over real
 * sockets: a new room, or two rooms at the same moment, get one ping through per cooldown.
 */
describe.each(drivers)("[SEC-7] ping cooldown across rooms (%s)", (driver) => {
  const suite = suiteApp(driver, { SIGNUPS_PER_IP_PER_HOUR: "1000" });

  async function person(name: string): Promise<Person> {
    const { cookie, userId, username } = await signIn(suite.url, name);
    const socket = await connectSocket(suite.url, cookie);
    suite.sockets.push(socket);
    const pings: unknown[] = [];
    socket.on("notification:created", (payload: unknown) => pings.push(payload));
    return { userId, username, cookie, socket, pings };
  }
  const follow = async (who: Person, whom: Person) =>
    expect(
      (await api(suite.url, "POST", `/api/users/${whom.username}/follow`, { cookie: who.cookie })).status,
    ).toBe(200);
  async function hostRoom(host: Person, socket: Socket, body: Record<string, unknown> = {}): Promise<string> {
    const roomId = await createRoom(suite.url, host.cookie, "Ping room", body);
    expect(await send(socket, "room:join", { roomId })).toMatchObject({ ok: true });
    return roomId;
  }
  const ping = (socket: Socket, ...targets: Person[]) =>
    send(socket, "room:ping", { userIds: targets.map((target) => target.userId) });
  const pingsIn = async (who: Person) =>
    notificationListSchema
      .parse(dataOf(await api(suite.url, "GET", "/api/notifications", { cookie: who.cookie })))
      .notifications.filter((notification) => notification.kind === "ping").length;

  it("[SEC-7] a new room does not reset the cooldown: the same person is refused with the wait, others are not", async () => {
    const [ana, ben, dan, lia] = await Promise.all([
      person("Ana"),
      person("Ben"),
      person("Dan"),
      person("Lia"),
    ]);
    await follow(ana, ben);
    await follow(ana, dan);
    await follow(lia, ben);

    await hostRoom(ana, ana.socket);
    expect(await ping(ana.socket, ben)).toEqual({ ok: true, data: { pinged: [ben.userId], refused: [] } });
    expect(await send(ana.socket, "room:end", {})).toMatchObject({ ok: true });

    // A fresh room, closed this time: a host's ping there would let Ben in, so the refusal must
    // change nothing either.
    const closed = await hostRoom(ana, ana.socket, { type: "closed" });
    const again = await ping(ana.socket, ben, dan);
    expect(again).toEqual({
      ok: true,
      data: {
        pinged: [dan.userId],
        refused: [
          {
            userId: ben.userId,
            code: "rate_limited",
            message: "You pinged them recently; try again in 10 min.",
          },
        ],
      },
    });
    expect(await send(ben.socket, "room:join", { roomId: closed })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    await expect.poll(() => dan.pings.length).toBe(1);
    expect(await pingsIn(ben)).toBe(1);

    // The cooldown is the pinger's: someone else may still ping Ben.
    await hostRoom(lia, lia.socket);
    expect(await ping(lia.socket, ben)).toMatchObject({ ok: true, data: { pinged: [ben.userId] } });
    await expect.poll(() => ben.pings.length).toBe(2);
  });

  it("[SEC-7] the same person pinged from two rooms at the same moment gets one ping", async () => {
    const [kai, eve] = await Promise.all([person("Kai"), person("Eve")]);
    await follow(kai, eve);
    const secondTab = await connectSocket(suite.url, kai.cookie);
    suite.sockets.push(secondTab);
    await hostRoom(kai, kai.socket);
    await hostRoom(kai, secondTab);

    const answers = await Promise.all([ping(kai.socket, eve), ping(secondTab, eve)]);
    const outcomes = answers.map((answer) => pingOutputSchema.parse(answer.ok ? answer.data : null));
    const pinged = outcomes.flatMap((outcome) => outcome.pinged);
    const refused = outcomes.flatMap((outcome) => outcome.refused);
    expect(pinged).toEqual([eve.userId]);
    expect(refused.map((refusal) => refusal.code)).toEqual(["rate_limited"]);
    await expect.poll(() => eve.pings.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await pingsIn(eve)).toBe(1);
  });
});
