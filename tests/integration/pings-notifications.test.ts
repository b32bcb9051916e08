import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { api, dataOf, errorCode } from "../support/api-client";
import { connectSocket, send, signIn, startTestApp, type TestApp } from "../support/test-app";
import { testDrivers } from "../support/test-database";

const drivers = await testDrivers();

type Person = {
  name: string;
  userId: string;
  username: string;
  cookie: string;
  socket: Socket;
  received: Record<string, unknown>[];
};
type Listed = {
  notifications: {
    id: string;
    kind: string;
    readAt: string | null;
    actor: { id: string } | null;
    room: { id: string; title: string; status: string } | null;
  }[];
  unreadCount: number;
};

/**
 * Pings and the notification inbox over real sockets and HTTP: who may ping whom into which
 * room, the live push to every tab of the recipient, the cooldown, closed-room invitations, and
 * that a notification is only ever its owner's.
 */
describe.each(drivers)("[PING-INT] pings and notifications (%s)", (driver) => {
  let t: TestApp;
  let url: string;
  const sockets: Socket[] = [];
  const p: Record<"ana" | "lia" | "ben" | "eve" | "dan", Person> = {} as Record<
    "ana" | "lia" | "ben" | "eve" | "dan",
    Person
  >;
  let openRoom: string;
  let closedRoom: string;

  async function person(name: string): Promise<Person> {
    const { cookie, userId, username } = await signIn(url, name);
    const socket = await connectSocket(url, cookie);
    sockets.push(socket);
    const received: Record<string, unknown>[] = [];
    socket.on("notification:created", (payload: Record<string, unknown>) => received.push(payload));
    return { name, userId, username, cookie, socket, received };
  }
  const follow = async (who: Person, whom: Person) =>
    expect(
      (await api(url, "POST", `/api/users/${whom.username}/follow`, { cookie: who.cookie })).status,
    ).toBe(200);
  async function ok(who: Person, event: string, payload: unknown) {
    const answer = await send(who.socket, event, payload);
    if (!answer.ok) throw new Error(`${who.name} ${event}: ${answer.error.code} ${answer.error.message}`);
    return answer.data;
  }
  async function createRoom(host: Person, body: Record<string, unknown>): Promise<string> {
    return String(dataOf(await api(url, "POST", "/api/rooms", { cookie: host.cookie, body })).id);
  }
  const inbox = async (who: Person): Promise<Listed> => {
    const data = dataOf(await api(url, "GET", "/api/notifications", { cookie: who.cookie }));
    return {
      notifications: data.notifications as Listed["notifications"],
      unreadCount: Number(data.unreadCount),
    };
  };
  const ping = (who: Person, ...targets: Person[]) =>
    send(who.socket, "room:ping", { userIds: targets.map((x) => x.userId) });

  beforeAll(async () => {
    t = await startTestApp(driver);
    url = t.app.url.replace("localhost", "127.0.0.1");
    for (const [key, name] of [
      ["ana", "Ana Host"],
      ["lia", "Lia Listener"],
      ["ben", "Ben"],
      ["eve", "Eve"],
      ["dan", "Dan"],
    ] as const)
      p[key] = await person(name);
    await follow(p.lia, p.ben);
    await follow(p.lia, p.ana);
    await follow(p.lia, p.dan);
    await follow(p.ana, p.dan);
    await follow(p.ana, p.ben);
    openRoom = await createRoom(p.ana, { title: "Open pings" });
    await ok(p.ana, "room:join", { roomId: openRoom });
    await ok(p.lia, "room:join", { roomId: openRoom });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t?.close();
  });

  it("[PING-INT-1] pinging someone I follow reaches all their tabs at once and lists it unread", async () => {
    const benSecondTab = await connectSocket(url, p.ben.cookie);
    sockets.push(benSecondTab);
    const onSecondTab: unknown[] = [];
    benSecondTab.on("notification:created", (payload: unknown) => onSecondTab.push(payload));

    const answer = await ping(p.lia, p.ben);
    expect(answer).toEqual({ ok: true, data: { pinged: [p.ben.userId], refused: [] } });
    await expect.poll(() => p.ben.received.length).toBe(1);
    await expect.poll(() => onSecondTab.length).toBe(1);
    expect(p.ben.received[0]).toMatchObject({
      kind: "ping",
      readAt: null,
      actor: { id: p.lia.userId, displayName: "Lia Listener", username: p.lia.username },
      room: { id: openRoom, title: "Open pings", status: "live" },
    });
    const listed = await inbox(p.ben);
    expect(listed.unreadCount).toBe(1);
    expect(listed.notifications).toHaveLength(1);
    expect(listed.notifications[0]).toMatchObject({
      id: p.ben.received[0]?.id,
      kind: "ping",
      readAt: null,
      actor: { id: p.lia.userId },
    });
  });

  it("[PING-INT-2] someone I do not follow is refused with forbidden and told nothing", async () => {
    const answer = await ping(p.lia, p.eve);
    expect(answer).toMatchObject({
      ok: true,
      data: { pinged: [], refused: [{ userId: p.eve.userId, code: "forbidden" }] },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(p.eve.received).toEqual([]);
    expect((await inbox(p.eve)).notifications).toEqual([]);
  });

  it("[PING-INT-3] the same person into the same room again within 10 minutes is rate limited", async () => {
    const answer = await ping(p.lia, p.ben);
    expect(answer).toMatchObject({
      ok: true,
      data: { pinged: [], refused: [{ userId: p.ben.userId, code: "rate_limited" }] },
    });
    expect((await inbox(p.ben)).unreadCount).toBe(1);
    // Another pinger is a different ping: Ana may still ping Ben.
    expect(await ping(p.ana, p.ben)).toMatchObject({ ok: true, data: { pinged: [p.ben.userId] } });
    await expect.poll(() => p.ben.received.length).toBe(2);
  });

  it("[PING-INT-4] someone already in the room is refused with invalid_state; each target is answered", async () => {
    const answer = await ping(p.lia, p.ana, p.eve, p.dan);
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.data.pinged).toEqual([p.dan.userId]);
    expect(answer.data.refused).toEqual([
      { userId: p.ana.userId, code: "invalid_state", message: expect.any(String) },
      { userId: p.eve.userId, code: "forbidden", message: expect.any(String) },
    ]);
  });

  it("[PING-INT-5] a socket that joined no room, an empty list and 21 targets are refused", async () => {
    expect(await ping(p.eve, p.ben)).toMatchObject({ ok: false, error: { code: "invalid_state" } });
    expect(await send(p.lia.socket, "room:ping", { userIds: [] })).toMatchObject({
      ok: false,
      error: { code: "invalid_input" },
    });
    const many = Array.from({ length: 21 }, (_, i) => `user${i}`);
    expect(await send(p.lia.socket, "room:ping", { userIds: many })).toMatchObject({
      ok: false,
      error: { code: "invalid_input" },
    });
  });

  it("[PING-INT-6] closed room: a listener's ping is refused; the host's ping lets the person in", async () => {
    closedRoom = await createRoom(p.ana, {
      title: "Closed pings",
      type: "closed",
      invitedUserIds: [p.lia.userId],
    });
    await ok(p.ana, "room:join", { roomId: closedRoom });
    await ok(p.lia, "room:join", { roomId: closedRoom });
    expect(await send(p.dan.socket, "room:join", { roomId: closedRoom })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });

    const byListener = await ping(p.lia, p.dan);
    expect(byListener).toMatchObject({
      ok: true,
      data: { pinged: [], refused: [{ userId: p.dan.userId, code: "forbidden" }] },
    });
    expect(await send(p.dan.socket, "room:join", { roomId: closedRoom })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });

    const before = p.dan.received.length;
    expect(await ping(p.ana, p.dan)).toMatchObject({
      ok: true,
      data: { pinged: [p.dan.userId], refused: [] },
    });
    await expect.poll(() => p.dan.received.length).toBe(before + 1);
    expect(p.dan.received.at(-1)).toMatchObject({
      kind: "ping",
      actor: { id: p.ana.userId },
      room: { id: closedRoom, title: "Closed pings" },
    });
    expect(await send(p.dan.socket, "room:join", { roomId: closedRoom })).toMatchObject({ ok: true });
    await ok(p.dan, "room:leave", {});
  });

  it("[PING-INT-7] mark read: by id, then all; the unread count follows", async () => {
    const before = await inbox(p.ben);
    expect(before.unreadCount).toBe(2);
    const first = before.notifications[0];
    if (!first) throw new Error("no notification");
    const marked = dataOf(
      await api(url, "POST", "/api/notifications/read", { cookie: p.ben.cookie, body: { ids: [first.id] } }),
    );
    expect(marked).toEqual({ unreadCount: 1 });
    const after = await inbox(p.ben);
    expect(after.notifications.find((n) => n.id === first.id)?.readAt).not.toBeNull();
    expect(
      dataOf(await api(url, "POST", "/api/notifications/read", { cookie: p.ben.cookie, body: {} })),
    ).toEqual({ unreadCount: 0 });
    expect((await inbox(p.ben)).notifications.every((n) => n.readAt !== null)).toBe(true);
  });

  it("[PING-INT-8] notifications are private to their owner", async () => {
    const dans = await inbox(p.dan);
    expect(dans.unreadCount).toBeGreaterThan(0);
    const ids = dans.notifications.map((n) => n.id);
    // Eve cannot see Dan's, nor mark them read by id.
    expect((await inbox(p.eve)).notifications).toEqual([]);
    expect(
      dataOf(await api(url, "POST", "/api/notifications/read", { cookie: p.eve.cookie, body: { ids } })),
    ).toEqual({ unreadCount: 0 });
    expect(await inbox(p.dan)).toEqual(dans);
    // Nobody signed in, nothing.
    expect(errorCode(await api(url, "GET", "/api/notifications"))).toBe("unauthorized");
    expect(errorCode(await api(url, "POST", "/api/notifications/read", { body: {} }))).toBe("unauthorized");
  });

  it("[PING-INT-10] a double tap (two pings at once) sends one notification; the other is rate limited", async () => {
    const fay = await person("Fay");
    await follow(p.ana, fay);
    const answers = await Promise.all([ping(p.ana, fay), ping(p.ana, fay)]);
    const outcomes = answers.map((answer) => (answer.ok ? answer.data : null));
    expect(outcomes.map((o) => (o?.pinged as string[] | undefined)?.length)).toEqual(
      expect.arrayContaining([1, 0]),
    );
    expect(
      outcomes.flatMap((o) => (o?.refused as { code: string }[] | undefined) ?? []).map((r) => r.code),
    ).toEqual(["rate_limited"]);
    await expect.poll(() => fay.received.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fay.received).toHaveLength(1);
    expect((await inbox(fay)).unreadCount).toBe(1);
  });

  it("[PING-INT-9] a ping to an ended room shows the room as ended in the list", async () => {
    await ok(p.ana, "room:end", {});
    await expect
      .poll(
        async () => (await inbox(p.dan)).notifications.find((n) => n.room?.id === closedRoom)?.room?.status,
      )
      .toBe("ended");
  });
});
