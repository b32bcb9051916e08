import { io as connect, type Socket } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { CONNECT_REFUSAL_MESSAGES } from "../../src/shared/protocol";
import { createRoom, send, signIn, suiteApp } from "../support/test-app";
import { testDrivers } from "../support/test-database";

const drivers = await testDrivers();

type Refusal = Error & { data?: { message?: string } };

/** A socket as a browser behind our proxy at 127.0.0.1 opens it, for the client `address`. */
function socketFrom(url: string, address: string, sockets: Socket[], cookie = ""): Promise<Socket> {
  const socket = connect(url, {
    transports: ["websocket"],
    extraHeaders: { "x-forwarded-for": address, ...(cookie ? { cookie } : {}) },
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error: Refusal) => reject(error));
  });
}

async function refusalOf(connecting: Promise<Socket>): Promise<Refusal> {
  try {
    await connecting;
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error("the connection was accepted");
}

describe.each(drivers)("[SEC-4] sockets per client address (%s)", (driver) => {
  const s = suiteApp(driver, { GUEST_LISTENING: "true", MAX_SOCKETS_PER_IP: "3", TRUST_PROXY: "loopback" });

  it("[SEC-4] the cap refuses the next connection with a clear error; members already in are unaffected; a disconnect frees a slot", async () => {
    const crowd = "203.0.113.40";
    const host = await signIn(s.url, "Cap Host");
    const hostSocket = await socketFrom(s.url, "198.51.100.40", s.sockets, host.cookie);
    const roomId = await createRoom(s.url, host.cookie, "Capped room");
    expect((await send(hostSocket, "room:join", { roomId })).ok).toBe(true);
    const guests = [
      await socketFrom(s.url, crowd, s.sockets),
      await socketFrom(s.url, crowd, s.sockets),
      await socketFrom(s.url, crowd, s.sockets),
    ];
    for (const guest of guests) expect((await send(guest, "room:join", { roomId })).ok).toBe(true);

    const refused = await refusalOf(socketFrom(s.url, crowd, s.sockets));
    expect(refused.message).toBe("too_many_connections");
    expect(refused.data?.message).toBe(CONNECT_REFUSAL_MESSAGES.too_many_connections);
    // Behind the same proxy, another address has its own budget: the cap keys on the client, not the proxy.
    const neighbour = await socketFrom(s.url, "203.0.113.41", s.sockets);
    expect(neighbour.connected).toBe(true);

    // The guests inside still hear the room's events and still get answers.
    const updates = guests.map(() => 0);
    guests.forEach((guest, i) => guest.on("room:member-updated", () => (updates[i] = (updates[i] ?? 0) + 1)));
    expect((await send(hostSocket, "room:set-muted", { muted: false })).ok).toBe(true);
    await expect.poll(() => updates.every((count) => count > 0)).toBe(true);
    for (const guest of guests) expect((await send(guest, "room:audience", {})).ok).toBe(true);

    // One leaves: the next connection from that address is let in.
    guests[0]?.disconnect();
    await expect
      .poll(async () => {
        try {
          await socketFrom(s.url, crowd, s.sockets);
          return true;
        } catch {
          return false;
        }
      })
      .toBe(true);
    expect(await refusalOf(socketFrom(s.url, crowd, s.sockets))).toMatchObject({
      message: "too_many_connections",
    });
  });
});

describe.each(drivers)("[SEC-4] room joins per client address per minute (%s)", (driver) => {
  const s = suiteApp(driver, {
    GUEST_LISTENING: "true",
    JOINS_PER_IP_PER_MINUTE: "3",
    TRUST_PROXY: "loopback",
  });

  it("[SEC-4] the N+1th room:join from one address in a minute is rate_limited, others still join", async () => {
    const host = await signIn(s.url, "Join Host");
    const hostSocket = await socketFrom(s.url, "198.51.100.50", s.sockets, host.cookie);
    const roomId = await createRoom(s.url, host.cookie, "Join-limited room");
    expect((await send(hostSocket, "room:join", { roomId })).ok).toBe(true);
    const answers = [];
    for (let i = 0; i < 4; i++) {
      const guest = await socketFrom(s.url, "203.0.113.50", s.sockets);
      answers.push(await send(guest, "room:join", { roomId }));
    }
    expect(answers.slice(0, 3).every((answer) => answer.ok)).toBe(true);
    // The host used one of 198.51.100.50's three, guests used all of 203.0.113.50's.
    expect(answers[3]).toMatchObject({
      ok: false,
      error: {
        code: "rate_limited",
        message: expect.stringMatching(/Too many rooms joined from your network/),
      },
    });
    const other = await socketFrom(s.url, "203.0.113.51", s.sockets);
    expect((await send(other, "room:join", { roomId })).ok).toBe(true);
  });
});
