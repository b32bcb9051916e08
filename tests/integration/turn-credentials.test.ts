import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { transportOptionsSchema } from "../../src/shared/protocol";
import { connectSocket, createRoom, send, suiteApp } from "../support/test-app";
import { testDrivers } from "../support/test-database";

const drivers = await testDrivers();
const SECRET = "integration-turn-secret-0123456789";
const TURN_URL = "turn:127.0.0.1:3478?transport=udp";

type IceServer = { urls: string | string[]; username?: string | undefined; credential?: string | undefined };

async function recvTransportIce(socket: Parameters<typeof send>[0]) {
  const answer = await send(socket, "media:create-transport", { direction: "recv" });
  if (!answer.ok) throw new Error(JSON.stringify(answer));
  const data = transportOptionsSchema.parse(answer.data);
  return { iceServers: data.iceServers ?? [], policy: data.iceTransportPolicy };
}

/** What coturn would decide for this credential at `nowSeconds` (its use-auth-secret rule). */
function coturnAccepts(server: IceServer | undefined, nowSeconds: number): boolean {
  if (!server?.username || !server.credential) return false;
  const expiry = Number(server.username.split(":")[0]);
  const expected = createHmac("sha1", SECRET).update(server.username).digest("base64");
  return expected === server.credential && expiry > nowSeconds;
}

describe.each(drivers)("[TURN-INT] TURN credentials with the transports (%s)", (driver) => {
  const suite = suiteApp(driver, {
    TURN_URLS: TURN_URL,
    TURN_SECRET: SECRET,
    TURN_TTL_SECONDS: "1",
    ICE_TRANSPORT_POLICY: "relay",
  });

  it("[TURN-INT-1] a listener whose credentials expired gets new ones on rejoin (same connection and a new one); never the secret", async () => {
    const host = await suite.person("Turn Host");
    const listener = await suite.person("Turn Listener");
    const roomId = await createRoom(suite.url, host.cookie, "Turn room");
    expect((await send(host.socket, "room:join", { roomId })).ok).toBe(true);
    expect((await send(listener.socket, "room:join", { roomId })).ok).toBe(true);
    const first = await recvTransportIce(listener.socket);
    expect(first.policy).toBe("relay");
    expect(first.iceServers).toHaveLength(1);
    const [firstTurn] = first.iceServers;
    expect(firstTurn?.urls).toEqual([TURN_URL]);
    expect(firstTurn?.username).toMatch(new RegExp(`^\\d+:${listener.userId}$`));
    expect(coturnAccepts(firstTurn, Date.now() / 1000)).toBe(true);
    expect(JSON.stringify(first)).not.toContain(SECRET);

    await new Promise((resolve) => setTimeout(resolve, 2100)); // TTL 1 s: those credentials are dead now
    expect(coturnAccepts(firstTurn, Date.now() / 1000)).toBe(false);

    // Rejoin on the same connection: the new transport comes with fresh credentials.
    expect((await send(listener.socket, "room:join", { roomId })).ok).toBe(true);
    const renewed = (await recvTransportIce(listener.socket)).iceServers[0];
    expect(coturnAccepts(renewed, Date.now() / 1000)).toBe(true);
    expect(renewed?.username).not.toBe(firstTurn?.username);

    // A dropped connection that comes back: the same.
    listener.socket.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const again = await connectSocket(suite.url, listener.cookie);
    suite.sockets.push(again);
    expect((await send(again, "room:join", { roomId })).ok).toBe(true);
    const reconnected = (await recvTransportIce(again)).iceServers[0];
    expect(coturnAccepts(reconnected, Date.now() / 1000)).toBe(true);
  });
});

describe.each(drivers)("[TURN-INT-OFF] without TURN nothing changes (%s)", (driver) => {
  const suite = suiteApp(driver, { ICE_SERVERS: '[{"urls":"stun:stun.example.org:3478"}]' });

  it("[TURN-INT-2] the transports carry only ICE_SERVERS and no transport policy", async () => {
    const host = await suite.person("Plain Host");
    const roomId = await createRoom(suite.url, host.cookie, "Plain room");
    expect((await send(host.socket, "room:join", { roomId })).ok).toBe(true);
    const ice = await recvTransportIce(host.socket);
    expect(ice).toEqual({ iceServers: [{ urls: "stun:stun.example.org:3478" }], policy: undefined });
  });
});
