import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { serverEvents, type ReactionCounts } from "../../src/shared/protocol";
import {
  connectSocket,
  createRoom,
  send,
  signedInPerson,
  startTestApp,
  type TestApp,
} from "../support/test-app";
import { testDrivers } from "../support/test-database";

const drivers = await testDrivers();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * [TS-REACT-INT] Reactions over real sockets: the server sums a window's reactions and sends each
 * member one `room:reactions`, however many reacted; a member past 5 a second is refused.
 */
describe.each(drivers)("[TS-REACT-INT] reactions at scale over real sockets (%s)", (driver) => {
  let t: TestApp;
  let url: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp(driver, { GUEST_LISTENING: "true" });
    url = t.app.url.replace("localhost", "127.0.0.1");
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t?.close();
  });

  it("[TS-REACT-INT-1] 200 members react within one window: each member receives ONE room:reactions with the totals", async () => {
    const host = await signedInPerson(url, "Reaction Host", sockets);
    const roomId = await createRoom(url, host.cookie, "Reaction room");
    expect(await send(host.socket, "room:join", { roomId })).toMatchObject({ ok: true });
    const crowd = await Promise.all(
      Array.from({ length: 199 }, async () => {
        const socket = await connectSocket(url, "");
        sockets.push(socket);
        return socket;
      }),
    );
    for (const socket of crowd)
      expect(await send(socket, "room:join", { roomId })).toMatchObject({ ok: true });
    const members = [host.socket, ...crowd];

    const received = new Map<Socket, { counts: ReactionCounts; at: number }[]>();
    for (const socket of members) {
      received.set(socket, []);
      socket.on("room:reactions", (payload: unknown) => {
        received
          .get(socket)
          ?.push({ counts: serverEvents["room:reactions"].parse(payload).counts, at: Date.now() });
      });
    }
    const started = Date.now();
    const emoji = ["👏", "❤️", "🔥", "😂"] as const;
    const acks = await Promise.all(
      members.map((socket, i) => send(socket, "room:react", { emoji: emoji[i % emoji.length] })),
    );
    const acked = Date.now();
    expect(acks.every((ack) => ack.ok)).toBe(true);
    await sleep(1500);

    const perMember = members.map((socket) => received.get(socket) ?? []);
    expect(perMember.every((messages) => messages.length === 1)).toBe(true);
    for (const [message] of perMember)
      expect(message?.counts).toEqual({ "👏": 50, "❤️": 50, "🔥": 50, "😂": 50 });
    const arrivals = perMember.map(([message]) => (message?.at ?? 0) - started).sort((a, b) => a - b);
    console.info(
      `[TS-REACT-INT-1] ${driver}: 200 reactions acked in ${acked - started} ms; ` +
        `${perMember.reduce((n, m) => n + m.length, 0)} room:reactions messages in all (one per member); ` +
        `arrival after first send: min ${arrivals[0]} ms, p50 ${arrivals[100]} ms, max ${arrivals[199]} ms`,
    );
  }, 120_000);

  it("[TS-REACT-INT-2] a member's 6th reaction within a second is refused with rate_limited; a stranger to the room is refused", async () => {
    const host = await signedInPerson(url, "Eager Host", sockets);
    const roomId = await createRoom(url, host.cookie, "Eager room");
    expect(await send(host.socket, "room:join", { roomId })).toMatchObject({ ok: true });
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await send(host.socket, "room:react", { emoji: "🙌" }));
    expect(answers.slice(0, 5).every((ack) => ack.ok)).toBe(true);
    expect(answers[5]).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    expect(await send(host.socket, "room:react", { emoji: "🍕" })).toMatchObject({
      ok: false,
      error: { code: "invalid_input" },
    });
    const outsider = await connectSocket(url, "");
    sockets.push(outsider);
    expect(await send(outsider, "room:react", { emoji: "👏" })).toMatchObject({
      ok: false,
      error: { code: "invalid_state" },
    });
  });
});
