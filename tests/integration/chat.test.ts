import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { chatJoinSchema, chatMessageSchema, serverEvents, type ChatMessage } from "../../src/shared/protocol";
import { api, dataOf } from "../support/api-client";
import { connectSocket, createRoom, send, signIn, startTestApp, type TestApp } from "../support/test-app";
import { testDrivers } from "../support/test-database";

const drivers = await testDrivers();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Person = { cookie: string; userId: string; username: string; socket: Socket };

/**
 * [CHAT] The chat backchannel over real sockets on a real database: messages persisted and brought
 * with the join, history paged by cursor, rules (length, rate, slow mode, chat off, mutes, guests),
 * word filters, moderation (delete, mute: audited), mentions notified, blocked authors hidden.
 */
describe.each(drivers)("[CHAT] chat backchannel over real sockets (%s)", (driver) => {
  let t: TestApp;
  let url: string;
  const sockets: Socket[] = [];

  async function person(name: string): Promise<Person> {
    const account = await signIn(url, name);
    const socket = await connectSocket(url, account.cookie);
    sockets.push(socket);
    return { ...account, socket };
  }
  async function ok(socket: Socket, event: string, payload: unknown): Promise<Record<string, unknown>> {
    const ack = await send(socket, event, payload);
    if (!ack.ok) throw new Error(`${event}: ${ack.error.code} ${ack.error.message}`);
    return ack.data;
  }
  /** Collects every chat:messages a socket receives. */
  function inbox(socket: Socket): ChatMessage[] {
    const received: ChatMessage[] = [];
    socket.on("chat:messages", (payload: unknown) => {
      received.push(...serverEvents["chat:messages"].parse(payload).messages);
    });
    return received;
  }
  async function room(title: string) {
    const host = await person(`${title} Host`);
    const roomId = await createRoom(url, host.cookie, title);
    await ok(host.socket, "room:join", { roomId });
    return { host, roomId };
  }

  beforeAll(async () => {
    t = await startTestApp(driver, {
      GUEST_LISTENING: "true",
      CHAT_MESSAGES_PER_WINDOW: "5",
      CHAT_WINDOW_SECONDS: "10",
    });
    url = t.app.url.replace("localhost", "127.0.0.1");
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t?.close();
  });

  it("[CHAT-1] a message reaches everyone in the room; the join brings the last 50, older ones page in by cursor", async () => {
    const { host, roomId } = await room("Chatty");
    const listener = await person("Lia Listener");
    await ok(listener.socket, "room:join", { roomId });
    const got = inbox(listener.socket);
    const sent = await ok(host.socket, "chat:send", { text: "  Welcome, everyone!  " });
    expect(chatMessageSchema.parse(sent.message)).toMatchObject({
      text: "Welcome, everyone!",
      authorId: host.userId,
    });
    await expect
      .poll(() => got.map((message) => message.text), { timeout: 5000 })
      .toEqual(["Welcome, everyone!"]);

    // 59 more messages from twelve people (five each at most: the rate limit), stored in order.
    const writers = [host, listener];
    for (let i = 0; i < 10; i++) {
      const writer = await person(`Writer ${i}`);
      await ok(writer.socket, "room:join", { roomId });
      writers.push(writer);
    }
    for (let i = 1; i < 60; i++) {
      const writer = writers[i % writers.length] ?? host;
      await ok(writer.socket, "chat:send", { text: `message ${i}` });
    }
    const late = await person("Late Comer");
    const joined = await ok(late.socket, "room:join", { roomId });
    const chat = chatJoinSchema.parse(joined.chat);
    expect(chat.messages).toHaveLength(50);
    expect(chat.messages[0]?.text).toBe("message 10");
    expect(chat.messages[49]?.text).toBe("message 59");
    expect(chat.hasMore).toBe(true);
    expect(chat).toMatchObject({
      canWrite: true,
      readOnlyReason: null,
      settings: { enabled: true, slowModeSeconds: 0 },
    });
    const older = await ok(late.socket, "chat:history", { before: chat.messages[0]?.id });
    expect((older.messages as ChatMessage[]).map((message) => message.text)).toEqual([
      "Welcome, everyone!",
      ...Array.from({ length: 9 }, (_, i) => `message ${i + 1}`),
    ]);
    expect(older.hasMore).toBe(false);
    expect(await send(late.socket, "chat:history", { before: "nosuchmessage" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
  }, 60_000);

  it("[CHAT-2] 500 characters at most; the per-person rate limit refuses the 6th message in 10 s with the wait", async () => {
    const { host, roomId } = await room("Limits");
    const talker = await person("Tal Talker");
    await ok(talker.socket, "room:join", { roomId });
    expect(await send(talker.socket, "chat:send", { text: "é".repeat(501) })).toMatchObject({
      ok: false,
      error: { code: "invalid_input", message: expect.stringContaining("500") },
    });
    expect((await send(talker.socket, "chat:send", { text: "🙂".repeat(500) })).ok).toBe(true);
    for (let i = 0; i < 4; i++) await ok(talker.socket, "chat:send", { text: `quick ${i}` });
    const sixth = await send(talker.socket, "chat:send", { text: "one too many" });
    expect(sixth).toMatchObject({
      ok: false,
      error: { code: "rate_limited", message: expect.stringMatching(/\d+ seconds?/) },
    });
    expect((await send(host.socket, "chat:send", { text: "the host still can" })).ok).toBe(true);
  });

  it("[CHAT-3] slow mode (host only) refuses a second message with the seconds left; hosts are exempt; everyone is told", async () => {
    const { host, roomId } = await room("Slow");
    const talker = await person("Sam Slow");
    await ok(talker.socket, "room:join", { roomId });
    const settingsSeen: unknown[] = [];
    talker.socket.on("chat:settings", (payload: unknown) => settingsSeen.push(payload));
    expect(await send(talker.socket, "chat:set-settings", { slowModeSeconds: 30 })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await send(host.socket, "chat:set-settings", { slowModeSeconds: 15 })).toMatchObject({
      ok: false,
      error: { code: "invalid_input" },
    });
    expect(await ok(host.socket, "chat:set-settings", { slowModeSeconds: 30 })).toEqual({
      enabled: true,
      slowModeSeconds: 30,
    });
    await expect.poll(() => settingsSeen).toEqual([{ enabled: true, slowModeSeconds: 30 }]);
    const first = await ok(talker.socket, "chat:send", { text: "first" });
    expect(first.nextInMs).toBeGreaterThan(25_000);
    const second = await send(talker.socket, "chat:send", { text: "second" });
    expect(second).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    const seconds = Number(/write again in (\d+) seconds?/.exec(second.ok ? "" : second.error.message)?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(25);
    expect(seconds).toBeLessThanOrEqual(30);
    await ok(host.socket, "chat:send", { text: "host one" });
    await ok(host.socket, "chat:send", { text: "host two" });
    // A newcomer learns the rule with the join.
    const late = await person("Lou Late");
    const joined = chatJoinSchema.parse((await ok(late.socket, "room:join", { roomId })).chat);
    expect(joined.settings.slowModeSeconds).toBe(30);
  });

  it("[CHAT-4] moderation: a moderator deletes a message (gone for everyone, audited), mutes a person, turns chat off", async () => {
    const { host, roomId } = await room("Moderated");
    const mod = await person("Mo Mod");
    const troll = await person("Tro Troll");
    const reader = await person("Rea Reader");
    for (const who of [mod, troll, reader]) await ok(who.socket, "room:join", { roomId });
    await ok(host.socket, "room:invite-to-speak", { userId: mod.userId });
    await ok(mod.socket, "room:respond-to-invitation", { accept: true });
    await ok(host.socket, "room:set-moderator", { userId: mod.userId, moderator: true });

    const deleted: string[] = [];
    reader.socket.on("chat:deleted", (payload: unknown) => {
      deleted.push(...serverEvents["chat:deleted"].parse(payload).messageIds);
    });
    const bad = chatMessageSchema.parse(
      (await ok(troll.socket, "chat:send", { text: "something nasty" })).message,
    );
    expect(await send(reader.socket, "chat:delete", { messageId: bad.id })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    await ok(mod.socket, "chat:delete", { messageId: bad.id });
    await expect.poll(() => deleted).toEqual([bad.id]);
    const late = await person("Lee Late");
    const joined = chatJoinSchema.parse((await ok(late.socket, "room:join", { roomId })).chat);
    expect(joined.messages.map((message) => message.id)).not.toContain(bad.id);

    const told: unknown[] = [];
    troll.socket.on("chat:you-muted", (payload: unknown) => told.push(payload));
    expect(await ok(mod.socket, "chat:mute", { userId: troll.userId, muted: true })).toEqual({
      mutedUserIds: [troll.userId],
    });
    await expect.poll(() => told).toEqual([{ roomId, muted: true }]);
    expect(await send(troll.socket, "chat:send", { text: "again" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await send(mod.socket, "chat:mute", { userId: host.userId, muted: true })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });

    await ok(mod.socket, "chat:set-settings", { enabled: false });
    expect(await send(reader.socket, "chat:send", { text: "hello?" })).toMatchObject({
      ok: false,
      error: { code: "forbidden", message: expect.stringContaining("turned the chat off") },
    });
    expect((await send(mod.socket, "chat:send", { text: "moderators still may" })).ok).toBe(true);
    const after = chatJoinSchema.parse((await ok(late.socket, "room:join", { roomId })).chat);
    expect(after).toMatchObject({
      canWrite: false,
      readOnlyReason: "disabled",
      settings: { enabled: false },
    });

    // Every action is in the audit log, as the room's other moderation is.
    const database = await t.database.open();
    const rows = await database.prisma.auditEntry.findMany({ where: { roomId }, orderBy: { at: "asc" } });
    expect(rows.map((row) => row.action)).toEqual(
      expect.arrayContaining(["chat.delete", "chat.mute", "chat.settings"]),
    );
    expect(rows.find((row) => row.action === "chat.delete")).toMatchObject({
      actorId: mod.userId,
      targetUserId: troll.userId,
    });
  });

  it("[CHAT-5] guests read but do not write (GUEST_CHAT off); a person's blocked authors are left out of their history", async () => {
    const { host, roomId } = await room("Guests");
    const guest = await connectSocket(url, "");
    sockets.push(guest);
    const guestJoin = chatJoinSchema.parse((await ok(guest, "room:join", { roomId })).chat);
    expect(guestJoin).toMatchObject({ canWrite: false, readOnlyReason: "guest" });
    const got = inbox(guest);
    await ok(host.socket, "chat:send", { text: "guests can read this" });
    await expect.poll(() => got.length).toBe(1);
    expect(await send(guest, "chat:send", { text: "me too" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });

    const pest = await person("Pes Pest");
    const blocker = await person("Blo Blocker");
    await ok(pest.socket, "room:join", { roomId });
    await ok(pest.socket, "chat:send", { text: "from the pest" });
    expect(
      (await api(url, "POST", `/api/users/${pest.username}/block`, { cookie: blocker.cookie })).status,
    ).toBe(200);
    const joined = chatJoinSchema.parse((await ok(blocker.socket, "room:join", { roomId })).chat);
    expect(joined.hiddenAuthorIds).toEqual([pest.userId]);
    expect(joined.messages.map((message) => message.text)).toEqual(["guests can read this"]);
  });

  it("[CHAT-6] word filters: block refuses with invalid_input, flag is accepted and reported", async () => {
    const database = await t.database.open();
    const { host, roomId } = await room("Filtered");
    const staff = await person("Sta Staff");
    await database.prisma.user.update({ where: { id: staff.userId }, data: { isModerator: true } });
    const added = await api(url, "POST", "/api/admin/filters", {
      cookie: staff.cookie,
      body: { phrase: "zapword", action: "block" },
    });
    expect(dataOf(added)).toMatchObject({ phrase: "zapword" });
    expect(await send(host.socket, "chat:send", { text: "what a zapword" })).toMatchObject({
      ok: false,
      error: { code: "invalid_input" },
    });
    const flaggedAdd = await api(url, "POST", "/api/admin/filters", {
      cookie: staff.cookie,
      body: { phrase: "flagme", action: "flag" },
    });
    expect(flaggedAdd.status).toBe(200);
    expect((await send(host.socket, "chat:send", { text: "please flagme now" })).ok).toBe(true);
    await expect
      .poll(async () =>
        (await database.prisma.report.findMany({ where: { roomId, source: "word_filter" } })).map(
          (report) => report.targetUserId,
        ),
      )
      .toEqual([host.userId]);
  });

  it("[CHAT-7] an @username mention notifies that person (chat-mention), not strangers to a closed room", async () => {
    const { host, roomId } = await room("Mentions");
    const friend = await person("Fri Friend");
    const got: unknown[] = [];
    friend.socket.on("notification:created", (payload: unknown) => got.push(payload));
    await ok(host.socket, "chat:send", { text: `hey @${friend.username}, come listen` });
    await expect.poll(() => got.length, { timeout: 5000 }).toBe(1);
    expect(serverEvents["notification:created"].parse(got[0])).toMatchObject({
      kind: "chat-mention",
      actor: { id: host.userId },
      room: { id: roomId },
      text: `hey @${friend.username}, come listen`,
    });

    const closedHost = await person("Clo Closed");
    const closedId = await createRoom(url, closedHost.cookie, "Secret", { type: "closed" });
    await ok(closedHost.socket, "room:join", { roomId: closedId });
    await ok(closedHost.socket, "chat:send", { text: `psst @${friend.username}` });
    await sleep(500);
    expect(got).toHaveLength(1);
  });
});
