import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upcomingRoomsSchema } from "../../src/shared/protocol";
import type { Database } from "../../server/db/database";
import { api, dataOf, errorCode, signUp } from "../support/api-client";
import { startTestApp, type TestApp } from "../support/test-app";
import { testDrivers } from "../support/test-database";

const drivers = await testDrivers();
const PASSWORD = "a long enough passphrase";
const HOUR = 3_600_000;

/**
 * Scheduled rooms over real HTTP on both databases: who sees an announcement, "Notify me",
 * starting it once (host or co-host only), the notifications that follow, cancelling, and the
 * calendar file. The notifier is the app's real one: its rows are what "notified" means here.
 */
describe.each(drivers)("[SCHED] scheduled rooms (%s)", (driver) => {
  let t: TestApp;
  let url: string;
  let db: Database;
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const people = ["host", "cohost", "fan", "picked", "stranger", "blocked"] as const;
  type Person = (typeof people)[number] | "guest";

  beforeAll(async () => {
    t = await startTestApp(driver, { PUBLIC_ORIGIN: "https://rooms.example.org" });
    url = t.app.url.replace("localhost", "127.0.0.1");
    db = await t.database.open();
    for (const name of people) {
      const { answer, cookie } = await signUp(url, {
        username: `${name}_${driver}`,
        password: PASSWORD,
        displayName: name.toUpperCase(),
      });
      cookies[name] = cookie;
      ids[name] = String(dataOf(answer).id);
    }
    // The co-host follows fan (that is enough for a social room); host blocks "blocked" after
    // "blocked" followed them.
    expect((await as("cohost", "POST", `/api/users/fan_${driver}/follow`)).status).toBe(200);
    expect((await as("blocked", "POST", `/api/users/host_${driver}/follow`)).status).toBe(200);
    expect((await as("host", "POST", `/api/users/blocked_${driver}/block`)).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const as = (who: Person, method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown) =>
    api(url, method, path, {
      ...(who === "guest" ? {} : { cookie: cookies[who] }),
      ...(body === undefined ? {} : { body }),
    });
  const put = (who: Person, path: string) => as(who, "PUT", path);

  async function schedule(
    type: "open" | "social" | "closed",
    inHours: number,
    extra: Record<string, unknown> = {},
  ): Promise<string> {
    const answer = await as("host", "POST", "/api/rooms", {
      title: `${type} talk in ${inHours}h`,
      description: "Bring questions, answers; and commas",
      type,
      topics: ["web-audio"],
      scheduledFor: new Date(Date.now() + inHours * HOUR).toISOString(),
      coHostIds: [ids.cohost],
      ...(type === "closed" ? { invitedUserIds: [ids.picked] } : {}),
      ...extra,
    });
    const room = dataOf(answer);
    expect(room.status).toBe("scheduled");
    return String(room.id);
  }

  async function upcomingFor(who: Person): Promise<string[]> {
    const answer = await as(who, "GET", "/api/rooms/upcoming");
    return upcomingRoomsSchema.parse(dataOf(answer)).rooms.map((room) => room.id);
  }

  it("[SCHED-1] upcoming lists each room to the right viewers only, soonest first", async () => {
    const later = await schedule("open", 5);
    const open = await schedule("open", 2);
    const social = await schedule("social", 3);
    const closed = await schedule("closed", 4);
    const visible = async (who: Person) =>
      (await upcomingFor(who)).filter((id) => [open, social, closed, later].includes(id));

    expect(await visible("host")).toEqual([open, social, closed, later]);
    expect(await visible("cohost")).toEqual([open, social, closed, later]);
    expect(await visible("fan")).toEqual([open, social, later]); // followed by the co-host
    expect(await visible("picked")).toEqual([open, closed, later]); // on the closed room's list, follows nobody
    expect(await visible("stranger")).toEqual([open, later]);
    expect(await visible("guest")).toEqual([open, later]);
    expect(await visible("blocked")).toEqual([]); // the host blocked them

    const card = upcomingRoomsSchema
      .parse(dataOf(await as("fan", "GET", "/api/rooms/upcoming")))
      .rooms.find((room) => room.id === social);
    expect(card).toMatchObject({
      type: "social",
      host: { id: ids.host, username: `host_${driver}` },
      coHosts: [{ id: ids.cohost, displayName: "COHOST" }],
      interested: false,
      interestCount: 0,
      canStart: false,
      topics: ["web-audio"],
    });
  });

  it("[SCHED-2] rooms beyond 30 days are not listed", async () => {
    const far = await schedule("open", 24 * 40);
    expect(await upcomingFor("stranger")).not.toContain(far);
  });

  it("[SCHED-3] interest: signed-in only, only rooms one may see, idempotent, counted", async () => {
    const room = await schedule("social", 1);
    expect(errorCode(await as("guest", "GET", `/api/rooms/${room}/interest`))).toBe("not_found");
    expect(errorCode(await put("guest", `/api/rooms/${room}/interest`))).toBe("unauthorized");
    expect(errorCode(await put("stranger", `/api/rooms/${room}/interest`))).toBe("not_found");
    expect((await put("fan", `/api/rooms/${room}/interest`)).body).toEqual({
      ok: true,
      data: { roomId: room, interested: true, interestCount: 1 },
    });
    expect(dataOf(await put("fan", `/api/rooms/${room}/interest`)).interestCount).toBe(1); // a double tap
    expect(dataOf(await put("cohost", `/api/rooms/${room}/interest`)).interestCount).toBe(2);
    expect(dataOf(await as("fan", "GET", `/api/rooms/${room}/interest`))).toEqual({
      roomId: room,
      interested: true,
      interestCount: 2,
    });
    const card = upcomingRoomsSchema
      .parse(dataOf(await as("fan", "GET", "/api/rooms/upcoming")))
      .rooms.find((r) => r.id === room);
    expect(card).toMatchObject({ interested: true, interestCount: 2 });
    expect(dataOf(await as("cohost", "DELETE", `/api/rooms/${room}/interest`))).toEqual({
      roomId: room,
      interested: false,
      interestCount: 1,
    });
    expect(errorCode(await as("fan", "PUT", `/api/rooms/nope/interest`))).not.toBeNull();
    // Without the CSRF header the router refuses a write.
    const forged = await fetch(`${url}/api/rooms/${room}/interest`, {
      method: "PUT",
      headers: { cookie: cookies.fan ?? "" },
    });
    expect(forged.status).toBe(403);
  });

  it("[SCHED-4] a co-host starts it once; strangers are refused; interested people are notified; it leaves upcoming", async () => {
    const room = await schedule("open", 2);
    await put("fan", `/api/rooms/${room}/interest`);
    await put("stranger", `/api/rooms/${room}/interest`);
    await put("cohost", `/api/rooms/${room}/interest`);

    expect(errorCode(await as("guest", "POST", `/api/rooms/${room}/start`))).toBe("unauthorized");
    const refused = await as("stranger", "POST", `/api/rooms/${room}/start`);
    expect(refused.status).toBe(403);
    expect(errorCode(refused)).toBe("forbidden");
    expect(errorCode(await as("host", "POST", `/api/rooms/no-such-room/start`))).toBe("not_found");

    // Two taps at once (host and co-host): exactly one start.
    const [first, second] = await Promise.all([
      as("cohost", "POST", `/api/rooms/${room}/start`),
      as("host", "POST", `/api/rooms/${room}/start`),
    ]);
    const answers = [first, second];
    expect(answers.filter((answer) => answer.body.ok)).toHaveLength(1);
    const loser = answers.find((answer) => !answer.body.ok);
    expect(loser?.status).toBe(409);
    expect(loser && errorCode(loser)).toBe("invalid_state");
    const winner = answers.find((answer) => answer.body.ok);
    expect(winner && dataOf(winner)).toMatchObject({ roomId: room, status: "live" });
    expect(errorCode(await as("cohost", "POST", `/api/rooms/${room}/start`))).toBe("invalid_state");

    const details = dataOf(await as("fan", "GET", `/api/rooms/${room}`));
    expect(details.status).toBe("live");
    expect(details.startedAt).toEqual(expect.any(String));
    expect(t.app.registry.size).toBeGreaterThan(0);
    expect(await t.app.registry.peek(room)).toBeDefined(); // brought to life by startLiveRoom

    const starterId = winner === first ? ids.cohost : ids.host;
    const rows = await db.prisma.notification.findMany({
      where: { roomId: room },
      select: { userId: true, kind: true, actorId: true },
    });
    const expected = [ids.fan, ids.stranger, ids.cohost].filter((id) => id !== starterId);
    expect(rows.map((row) => row.userId).sort()).toEqual([...expected].sort());
    expect(rows.every((row) => row.kind === "room_live" && row.actorId === starterId)).toBe(true);

    expect(await upcomingFor("fan")).not.toContain(room);
    expect(errorCode(await put("fan", `/api/rooms/${room}/interest`))).toBe("invalid_state");
  });

  it("[SCHED-5] only the host cancels, only before it starts", async () => {
    const room = await schedule("open", 3);
    expect(errorCode(await as("cohost", "POST", `/api/rooms/${room}/cancel`))).toBe("forbidden");
    expect(errorCode(await as("stranger", "POST", `/api/rooms/${room}/cancel`))).toBe("forbidden");
    expect(dataOf(await as("host", "POST", `/api/rooms/${room}/cancel`))).toMatchObject({
      roomId: room,
      status: "ended",
    });
    expect(errorCode(await as("host", "POST", `/api/rooms/${room}/cancel`))).toBe("invalid_state");
    expect(errorCode(await as("host", "POST", `/api/rooms/${room}/start`))).toBe("invalid_state");
    expect(await upcomingFor("stranger")).not.toContain(room);
    const stored = await db.prisma.room.findUnique({
      where: { id: room },
      select: { status: true, endReason: true, endedAt: true },
    });
    expect(stored).toMatchObject({ status: "ended", endReason: "host-ended" });
    expect(stored?.endedAt).toBeInstanceOf(Date);
  });

  it("[SCHED-6] the calendar file: text/calendar attachment with the room's time and link; hidden rooms refused", async () => {
    const at = new Date(Date.now() + 6 * HOUR);
    at.setUTCSeconds(0, 0);
    const room = await schedule("closed", 0, {
      scheduledFor: at.toISOString(),
      title: "Calendar; test, with commas",
    });
    const response = await fetch(`${url}/api/rooms/${room}/calendar.ics`, {
      headers: { cookie: cookies.picked ?? "" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="Calendar-test-with-commas.ics"',
    );
    const text = await response.text();
    const unfolded = text.replace(/\r\n /g, "");
    expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(unfolded).toContain(`\r\nUID:${room}@rooms.example.org\r\n`);
    expect(unfolded).toContain(
      `\r\nDTSTART:${at.toISOString().replace(/[-:]/g, "").replace(".000", "")}\r\n`,
    );
    expect(unfolded).toContain("\r\nDURATION:PT1H\r\n");
    expect(unfolded).toContain("\r\nSUMMARY:Calendar\\; test\\, with commas\r\n");
    expect(unfolded).toContain(`\r\nURL:https://rooms.example.org/rooms/${room}\r\n`);

    const stranger = await fetch(`${url}/api/rooms/${room}/calendar.ics`, {
      headers: { cookie: cookies.stranger ?? "" },
    });
    expect(stranger.status).toBe(404);
    expect(stranger.headers.get("content-type")).toContain("application/json");
    expect((await fetch(`${url}/api/rooms/${room}/calendar.ics`)).status).toBe(404); // a guest
  });

  it("[SCHED-7] the calendar file reads in the reader's language: the picker's cookie, else Accept-Language", async () => {
    const room = await schedule("open", 5, { description: "Bring questions" });
    const calendarIn = async (headers: Record<string, string>) =>
      (await (await fetch(`${url}/api/rooms/${room}/calendar.ics`, { headers })).text()).replace(
        /\r\n /g,
        "",
      );
    const join = `https://rooms.example.org/rooms/${room}`;

    const chosen = await calendarIn({
      cookie: `${cookies.fan ?? ""}; NEXT_LOCALE=id`,
      "accept-language": "zh-CN",
    });
    expect(chosen).toContain(`\r\nDESCRIPTION;LANGUAGE=id:Bring questions\\n\\nGabung: ${join}\r\n`);

    const browser = await calendarIn({
      cookie: cookies.fan ?? "",
      "accept-language": "zh-TW,zh;q=0.9,en;q=0.5",
    });
    expect(browser).toContain(`\r\nDESCRIPTION;LANGUAGE=zh-CN:Bring questions\\n\\n加入：${join}\r\n`);

    const english = await calendarIn({ cookie: cookies.fan ?? "" });
    expect(english).toContain(`\r\nDESCRIPTION:Bring questions\\n\\nJoin: ${join}\r\n`);
  });
});
