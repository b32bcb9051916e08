import { describe, expect, it } from "vitest";
import { upcomingRoomsSchema } from "../../src/shared/protocol";
import { api, dataOf, type ApiAnswer } from "../support/api-client";
import { connectSocket, send, signIn, suiteApp } from "../support/test-app";
import { testDrivers } from "../support/test-database";

const drivers = await testDrivers();
const HOUR = 3_600_000;

/** The refusal an answer carries, or a failure saying what came instead. */
function refusal(answer: ApiAnswer): { status: number; code: string; message: string } {
  if (answer.body.ok) throw new Error(`expected a refusal, got ${answer.text}`);
  return { status: answer.status, code: answer.body.error.code, message: answer.body.error.message };
}

/**
 * Finding 7 of issue #13 over the real HTTP API and sockets: one person cannot hold more live or
 * scheduled rooms than the limits allow (each live room is a media router), cannot churn through
 * rooms faster than the hourly limit, and cannot crowd everyone else out of Upcoming.
 */
describe.each(drivers)("[SEC-7] room quotas over HTTP (%s)", (driver) => {
  const suite = suiteApp(driver, {
    LIVE_ROOMS_PER_USER: "2",
    SCHEDULED_ROOMS_PER_USER: "3",
    ROOM_CREATIONS_PER_USER_PER_HOUR: "8",
    UPCOMING_ROOMS_PER_HOST: "3",
    SIGNUPS_PER_IP_PER_HOUR: "1000",
  });
  const at = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
  const create = (cookie: string, body: Record<string, unknown>) =>
    api(suite.url, "POST", "/api/rooms", { cookie, body });
  const roomsOf = async (hostId: string) => {
    const db = await suite.t.database.open();
    return db.prisma.room.findMany({ where: { hostId }, select: { id: true, status: true } });
  };

  it("[SEC-7] a third live room is refused with quota_exceeded and changes nothing; ending one frees its slot", async () => {
    const host = await signIn(suite.url, "Live Host");
    const first = String(dataOf(await create(host.cookie, { title: "One" })).id);
    dataOf(await create(host.cookie, { title: "Two" }));

    const third = refusal(await create(host.cookie, { title: "Three" }));
    expect(third).toEqual({
      status: 403,
      code: "quota_exceeded",
      message:
        "You already have 2 live rooms, the most one person can host at once. End one to start another.",
    });
    expect((await roomsOf(host.userId)).map((room) => room.status)).toEqual(["live", "live"]);
    expect(suite.t.app.registry.size).toBeGreaterThanOrEqual(2);
    const running = suite.t.app.registry.size;

    // The host ends the first room over its socket: the slot is free at once.
    const socket = await connectSocket(suite.url, host.cookie);
    suite.sockets.push(socket);
    expect((await send(socket, "room:join", { roomId: first })).ok).toBe(true);
    expect((await send(socket, "room:end", {})).ok).toBe(true);
    const again = await create(host.cookie, { title: "Three, now" });
    expect(dataOf(again).status).toBe("live");
    expect(refusal(await create(host.cookie, { title: "Four" })).code).toBe("quota_exceeded");
    expect(suite.t.app.registry.size).toBeLessThanOrEqual(running);
  });

  it("[SEC-7] ten parallel starts by one person make exactly the two allowed", async () => {
    const host = await signIn(suite.url, "Parallel Host");
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => create(host.cookie, { title: `Burst ${i}` })),
    );
    expect(answers.filter((answer) => answer.body.ok)).toHaveLength(2);
    expect(answers.filter((answer) => !answer.body.ok).map((answer) => refusal(answer).code)).toEqual(
      Array.from({ length: 8 }, () => "quota_exceeded"),
    );
    expect(await roomsOf(host.userId)).toHaveLength(2);
  });

  it("[SEC-7] a fourth scheduled room is refused and changes nothing; cancelling one frees its slot", async () => {
    const host = await signIn(suite.url, "Planner");
    const ids: string[] = [];
    for (let i = 1; i <= 3; i++)
      ids.push(String(dataOf(await create(host.cookie, { title: `Plan ${i}`, scheduledFor: at(i) })).id));

    const fourth = refusal(await create(host.cookie, { title: "Plan 4", scheduledFor: at(4) }));
    expect(fourth.code).toBe("quota_exceeded");
    expect(fourth.message).toBe(
      "You already have 3 scheduled rooms, the most one person can announce at once. Cancel one to schedule another.",
    );
    expect(await roomsOf(host.userId)).toHaveLength(3);
    // Live rooms are a separate allowance: scheduling is full, starting now is not.
    expect(dataOf(await create(host.cookie, { title: "Right now" })).status).toBe("live");

    expect(
      dataOf(await api(suite.url, "POST", `/api/rooms/${ids[0]}/cancel`, { cookie: host.cookie })),
    ).toMatchObject({ status: "ended" });
    expect(dataOf(await create(host.cookie, { title: "Plan 4", scheduledFor: at(4) })).status).toBe(
      "scheduled",
    );
  });

  it("[SEC-7] starting a scheduled room counts as a live room: refused at the cap, the room stays scheduled", async () => {
    const host = await signIn(suite.url, "Starter");
    const coHost = await signIn(suite.url, "Starter's co-host");
    const planned = String(
      dataOf(await create(host.cookie, { title: "Later", scheduledFor: at(1), coHostIds: [coHost.userId] }))
        .id,
    );
    dataOf(await create(host.cookie, { title: "Live A" }));
    dataOf(await create(host.cookie, { title: "Live B" }));

    const byHost = refusal(
      await api(suite.url, "POST", `/api/rooms/${planned}/start`, { cookie: host.cookie }),
    );
    expect(byHost.code).toBe("quota_exceeded");
    expect(byHost.message).toContain("End one to start this one.");
    const byCoHost = refusal(
      await api(suite.url, "POST", `/api/rooms/${planned}/start`, { cookie: coHost.cookie }),
    );
    expect(byCoHost).toMatchObject({
      code: "quota_exceeded",
      message: expect.stringMatching(/^The host already has 2/),
    });
    expect((await roomsOf(host.userId)).find((room) => room.id === planned)?.status).toBe("scheduled");
    expect(await suite.t.app.registry.peek(planned)).toBeUndefined();
  });

  it("[SEC-7] the hourly creation limit refuses the next room with rate_limited and the wait, and creates nothing", async () => {
    const host = await signIn(suite.url, "Churner");
    const socket = await connectSocket(suite.url, host.cookie);
    suite.sockets.push(socket);
    // Eight rooms within the hour, each ended at once, so the live cap never bites.
    for (let i = 0; i < 8; i++) {
      const id = String(dataOf(await create(host.cookie, { title: `Churn ${i}` })).id);
      expect((await send(socket, "room:join", { roomId: id })).ok).toBe(true);
      expect((await send(socket, "room:end", {})).ok).toBe(true);
    }
    const next = refusal(await create(host.cookie, { title: "Churn 8" }));
    expect(next.status).toBe(429);
    expect(next.code).toBe("rate_limited");
    expect(next.message).toMatch(/Try again in \d+ min\./);
    const scheduled = refusal(await create(host.cookie, { title: "Later", scheduledFor: at(2) }));
    expect(scheduled.code).toBe("rate_limited");
    expect(await roomsOf(host.userId)).toHaveLength(8);
    // Another person is not affected.
    const other = await signIn(suite.url, "Bystander");
    expect(dataOf(await create(other.cookie, { title: "Mine" })).status).toBe("live");
  });
});

describe.each(drivers)("[SEC-7] Upcoming fairness over HTTP (%s)", (driver) => {
  // The caps are raised here so that one host can hold many announcements, as one could before
  // the caps (or an operator who raised them): Upcoming must stay fair on its own.
  const suite = suiteApp(driver, { UPCOMING_ROOMS_PER_HOST: "3", SIGNUPS_PER_IP_PER_HOUR: "1000" });
  const at = (hours: number) => new Date(Date.now() + hours * HOUR);

  it("[SEC-7] one host's 600 closed rooms and 60 open ones, all sooner, leave everyone else's rooms listed", async () => {
    const spammer = await signIn(suite.url, "Spammer");
    const viewer = await signIn(suite.url, "Viewer");
    const hosts = await Promise.all(["Ana", "Ben", "Cem", "Dia"].map((name) => signIn(suite.url, name)));
    const db = await suite.t.database.open();
    // The bulk is written straight to the database (as many hours of scheduling would); the rest
    // goes through the API as people do it.
    await db.prisma.room.createMany({
      data: [
        ...Array.from({ length: 600 }, (_, i) => ({
          hostId: spammer.userId,
          title: `Closed spam ${i}`,
          type: "closed" as const,
          status: "scheduled" as const,
          scheduledFor: at(0.5 + i / 10_000),
        })),
        ...Array.from({ length: 60 }, (_, i) => ({
          hostId: spammer.userId,
          title: `Open spam ${i}`,
          status: "scheduled" as const,
          scheduledFor: at(0.6 + i / 10_000),
        })),
      ],
    });
    const theirs: string[] = [];
    for (const hours of [5, 6])
      for (const [index, host] of hosts.entries())
        theirs.push(
          String(
            dataOf(
              await api(suite.url, "POST", "/api/rooms", {
                cookie: host.cookie,
                body: { title: `Talk ${index}-${hours}`, scheduledFor: at(hours + index / 10).toISOString() },
              }),
            ).id,
          ),
        );

    for (const who of [viewer.cookie, undefined]) {
      const answer = await api(suite.url, "GET", "/api/rooms/upcoming", who ? { cookie: who } : {});
      const rooms = upcomingRoomsSchema.parse(dataOf(answer)).rooms;
      expect(rooms.filter((room) => room.host.id === spammer.userId).map((room) => room.title)).toEqual([
        "Open spam 0",
        "Open spam 1",
        "Open spam 2",
      ]);
      expect(rooms.filter((room) => room.host.id !== spammer.userId).map((room) => room.id)).toEqual(theirs);
    }
    // The host still sees every room of their own (theirs to manage), up to the list's 50.
    const own = await api(suite.url, "GET", "/api/rooms/upcoming", { cookie: spammer.cookie });
    expect(
      upcomingRoomsSchema.parse(dataOf(own)).rooms.filter((room) => room.host.id === spammer.userId),
    ).toHaveLength(50);
  });
});
