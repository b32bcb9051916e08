import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { adminReportPageSchema, type AdminReport } from "../../src/shared/protocol";
import { api, dataOf, errorCode } from "../support/api-client";
import { connectSocket, createRoom, send, signIn, startTestApp, type TestApp } from "../support/test-app";
import { testDrivers } from "../support/test-database";

const drivers = await testDrivers();

type Person = { name: string; userId: string; cookie: string; socket: Socket };

/**
 * Reports over real HTTP and sockets: what the server records of the room (never what the body
 * claims), the limits, that nobody reported hears of it, and the console's queue (staff only,
 * every resolution audited).
 */
describe.each(drivers)("[TS-REPORT-INT] reports and the reports queue (%s)", (driver) => {
  let t: TestApp;
  let url: string;
  let roomId: string;
  const sockets: Socket[] = [];
  const p = {} as Record<"host" | "speaker" | "reporter" | "mod" | "member", Person>;

  async function person(name: string): Promise<Person> {
    const { cookie, userId } = await signIn(url, name);
    const socket = await connectSocket(url, cookie);
    sockets.push(socket);
    return { name, userId, cookie, socket };
  }
  async function ok(who: Person, event: string, payload: unknown) {
    const answer = await send(who.socket, event, payload);
    if (!answer.ok) throw new Error(`${who.name} ${event}: ${answer.error.code} ${answer.error.message}`);
    return answer.data;
  }
  const report = (who: Person | null, body: unknown) =>
    api(url, "POST", "/api/reports", { body, ...(who ? { cookie: who.cookie } : {}) });
  async function queue(
    status: string,
    extra = "",
  ): Promise<{ reports: AdminReport[]; nextCursor: string | null }> {
    const answer = await api(url, "GET", `/api/admin/reports?status=${status}${extra}`, {
      cookie: p.mod.cookie,
    });
    return adminReportPageSchema.parse(dataOf(answer));
  }
  const find = async (id: string, status = "open") =>
    (await queue(status, "&limit=100")).reports.find((entry) => entry.id === id);

  beforeAll(async () => {
    t = await startTestApp(driver, { REPORTS_PER_USER_PER_HOUR: "4", REPORT_SAME_TARGET_MINUTES: "10" });
    url = t.app.url.replace("localhost", "127.0.0.1");
    p.host = await person("Hana Host");
    p.speaker = await person("Sami Speaker");
    p.reporter = await person("Rita Rivers");
    p.mod = await person("Mo Moderator");
    p.member = await person("Mel Member");
    const database = await t.database.open();
    await database.prisma.user.update({ where: { id: p.mod.userId }, data: { isModerator: true } });
    roomId = await createRoom(url, p.host.cookie, "Friday night talk");
    await ok(p.host, "room:join", { roomId });
    await ok(p.speaker, "room:join", { roomId });
    await ok(p.reporter, "room:join", { roomId });
    await ok(p.host, "room:invite-to-speak", { userId: p.speaker.userId });
    await ok(p.speaker, "room:respond-to-invitation", { accept: true });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t?.close();
  });

  it("[TS-REPORT-1] a room report records the live room from the server: title, host, stage with roles, time", async () => {
    const before = Date.now();
    const answer = await report(p.reporter, {
      target: { kind: "room", roomId },
      category: "harassment",
      details: "The speakers keep insulting people.",
    });
    expect(answer.status).toBe(200);
    const data = dataOf(answer);
    expect(data.message).toBe("Thanks — the moderators will review it.");
    const stored = await find(String(data.id));
    expect(stored).toMatchObject({
      source: "person",
      status: "open",
      category: "harassment",
      details: "The speakers keep insulting people.",
      reporter: { id: p.reporter.userId, displayName: "Rita Rivers" },
      target: null,
      room: { id: roomId, title: "Friday night talk" },
    });
    const context = stored?.context;
    expect(context?.room).toMatchObject({
      id: roomId,
      title: "Friday night talk",
      live: true,
      host: { userId: p.host.userId, displayName: "Hana Host" },
      floor: null, // nobody has spoken (no audio in this test; the browser test has a real speaker)
      listenerCount: 1,
    });
    expect(context?.room?.stage).toEqual(
      expect.arrayContaining([
        { userId: p.host.userId, displayName: "Hana Host", role: "host" },
        { userId: p.speaker.userId, displayName: "Sami Speaker", role: "speaker" },
      ]),
    );
    expect(context?.room?.stage).toHaveLength(2);
    expect(Date.parse(context?.at ?? "")).toBeGreaterThanOrEqual(before - 1000);
  });

  it("[TS-REPORT-2] a forged context, reporter or status in the body is ignored", async () => {
    const answer = await report(p.reporter, {
      target: { kind: "person", userId: p.speaker.userId, roomId },
      category: "hate",
      reporterId: p.host.userId,
      status: "dismissed",
      context: {
        at: "2001-01-01T00:00:00.000Z",
        room: {
          id: roomId,
          title: "Forged",
          live: true,
          host: null,
          stage: [],
          floor: null,
          listenerCount: 999,
        },
        targetRole: "listener",
        filter: null,
      },
    });
    const stored = await find(String(dataOf(answer).id));
    expect(stored?.reporter?.id).toBe(p.reporter.userId);
    expect(stored?.status).toBe("open");
    expect(stored?.target?.id).toBe(p.speaker.userId);
    expect(stored?.context.room?.title).toBe("Friday night talk");
    expect(stored?.context.room?.listenerCount).toBe(1);
    expect(stored?.context.at).not.toBe("2001-01-01T00:00:00.000Z");
    // The person's role in the room then, as the room knew it.
    expect(stored?.context.targetRole).toBe("speaker");
  });

  it("[TS-REPORT-3] the reported person and the room hear nothing of a report", async () => {
    const heard: { speaker: string[]; host: string[] } = { speaker: [], host: [] };
    const record =
      (into: string[]) =>
      (event: string, ...args: unknown[]) =>
        into.push(`${event} ${JSON.stringify(args)}`);
    const onSpeaker = record(heard.speaker);
    const onHost = record(heard.host);
    p.speaker.socket.onAny(onSpeaker);
    p.host.socket.onAny(onHost);
    const answer = await report(p.member, {
      target: { kind: "person", userId: p.speaker.userId },
      category: "spam",
      details: "SECRET-DETAILS-42",
    });
    const id = String(dataOf(answer).id);
    await new Promise((resolve) => setTimeout(resolve, 700));
    p.speaker.socket.offAny(onSpeaker);
    p.host.socket.offAny(onHost);
    for (const line of [...heard.speaker, ...heard.host]) {
      expect(line).not.toContain(id);
      expect(line).not.toContain("SECRET-DETAILS-42");
      expect(line.split(" ")[0]).not.toMatch(/report/i);
    }
    const inbox = dataOf(await api(url, "GET", "/api/notifications", { cookie: p.speaker.cookie }));
    expect(inbox.notifications).toEqual([]);
    // A profile report has no room; it is still in the queue.
    expect((await find(id))?.context.room).toBeNull();
  });

  it("[TS-REPORT-4] reporting yourself is refused; guests, unknown people and rooms too", async () => {
    const self = await report(p.reporter, {
      target: { kind: "person", userId: p.reporter.userId },
      category: "other",
    });
    expect(errorCode(self)).toBe("invalid_input");
    expect(self.body.ok ? "" : self.body.error.message).toBe("You cannot report yourself.");
    expect(errorCode(await report(null, { target: { kind: "room", roomId }, category: "spam" }))).toBe(
      "unauthorized",
    );
    expect(
      errorCode(
        await report(p.reporter, { target: { kind: "person", userId: "guest-1234" }, category: "spam" }),
      ),
    ).toBe("not_found");
    expect(
      errorCode(
        await report(p.reporter, { target: { kind: "room", roomId: "nosuchroom" }, category: "spam" }),
      ),
    ).toBe("not_found");
    const long = await report(p.reporter, {
      target: { kind: "room", roomId },
      category: "spam",
      details: "x".repeat(1001),
    });
    expect(errorCode(long)).toBe("invalid_input");
    expect(errorCode(await report(p.reporter, { target: { kind: "room", roomId }, category: "rude" }))).toBe(
      "invalid_input",
    );
  });

  it("[TS-REPORT-5] one report per target per 10 minutes, and a few per hour", async () => {
    const limited = await person("Lim Ited");
    const room = { target: { kind: "room", roomId }, category: "spam" };
    expect((await report(limited, room)).status).toBe(200);
    const again = await report(limited, room);
    expect(errorCode(again)).toBe("rate_limited");
    expect(again.body.ok ? "" : again.body.error.message).toMatch(/a moment ago/);
    // Other targets still count against the hourly budget (4 in this suite).
    for (const who of [p.host, p.speaker, p.member])
      expect(
        (await report(limited, { target: { kind: "person", userId: who.userId }, category: "spam" })).status,
      ).toBe(200);
    const fifth = await report(limited, {
      target: { kind: "person", userId: p.mod.userId },
      category: "spam",
    });
    expect(errorCode(fifth)).toBe("rate_limited");
    expect(fifth.body.ok ? "" : fifth.body.error.message).toMatch(/4 reports this hour/);
  });

  it("[TS-REPORT-6] the queue pages newest first; counts per room cover the last hour", async () => {
    const first = await queue("open", "&limit=2");
    expect(first.reports).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await queue("open", `&limit=2&cursor=${encodeURIComponent(first.nextCursor ?? "")}`);
    const ids = new Set(first.reports.map((entry) => entry.id));
    for (const entry of second.reports) expect(ids.has(entry.id)).toBe(false);
    const times = [...first.reports, ...second.reports].map((entry) => Date.parse(entry.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(
      errorCode(await api(url, "GET", "/api/admin/reports?cursor=bogus", { cookie: p.mod.cookie })),
    ).toBe("invalid_input");
    const counts = dataOf(await api(url, "GET", "/api/admin/reports/by-room", { cookie: p.mod.cookie }));
    expect(counts.rooms).toContainEqual({ roomId, count: 3 });
  });

  it("[TS-REPORT-7] resolving a report moves it to its tab with the note and the resolver, audited", async () => {
    const database = await t.database.open();
    const open = await queue("open", "&limit=100");
    const [dismiss, action] = open.reports;
    if (!dismiss || !action) throw new Error("expected two open reports");
    const dismissed = await api(url, "POST", `/api/admin/reports/${dismiss.id}/resolve`, {
      cookie: p.mod.cookie,
      body: { outcome: "dismissed", resolution: "Not a violation." },
    });
    expect(dataOf(dismissed)).toMatchObject({
      status: "dismissed",
      resolution: "Not a violation.",
      resolvedBy: { id: p.mod.userId, displayName: "Mo Moderator" },
    });
    expect(await find(dismiss.id, "dismissed")).toMatchObject({ resolution: "Not a violation." });
    expect(await find(dismiss.id, "open")).toBeUndefined();
    await api(url, "POST", `/api/admin/reports/${action.id}/resolve`, {
      cookie: p.mod.cookie,
      body: { outcome: "actioned", resolution: "Warned the host." },
    });
    expect(await find(action.id, "actioned")).toMatchObject({ status: "actioned" });
    const again = await api(url, "POST", `/api/admin/reports/${dismiss.id}/resolve`, {
      cookie: p.mod.cookie,
      body: { outcome: "actioned", resolution: "Changed my mind." },
    });
    expect(errorCode(again)).toBe("invalid_state");
    const empty = await api(url, "POST", `/api/admin/reports/${action.id}/resolve`, {
      cookie: p.mod.cookie,
      body: { outcome: "actioned", resolution: "" },
    });
    expect(errorCode(empty)).toBe("invalid_input");
    const audit = await database.prisma.auditEntry.findMany({
      where: { action: { in: ["report.dismiss", "report.action"] } },
      orderBy: { at: "asc" },
    });
    expect(audit.map((entry) => [entry.action, entry.actorId, entry.reason])).toEqual([
      ["report.dismiss", p.mod.userId, "Not a violation."],
      ["report.action", p.mod.userId, "Warned the host."],
    ]);
    expect(audit[0]?.details).toMatchObject({ reportId: dismiss.id });
  });

  it("[TS-REPORT-8] every /api/admin route of reports and filters refuses non-staff", async () => {
    const routes: [method: "GET" | "POST" | "DELETE", path: string, body?: unknown][] = [
      ["GET", "/api/admin/reports?status=open"],
      ["GET", "/api/admin/reports/by-room"],
      ["POST", "/api/admin/reports/anything/resolve", { outcome: "dismissed", resolution: "x" }],
      ["GET", "/api/admin/filters"],
      ["POST", "/api/admin/filters", { phrase: "x", action: "block" }],
      ["DELETE", "/api/admin/filters/anything"],
    ];
    // The room's own host is not platform staff either.
    for (const cookie of [undefined, p.member.cookie, p.host.cookie])
      for (const [method, path, body] of routes) {
        const answer = await api(url, method, path, { ...(cookie ? { cookie } : {}), body });
        expect(errorCode(answer), `${method} ${path}`).toBe("forbidden");
      }
  });
});
