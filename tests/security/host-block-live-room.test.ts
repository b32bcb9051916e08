import { describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { blockForHost } from "../../server/domain/room-machine";
import { API_HEADERS, connectSocket, createRoom, send, signIn, suiteApp } from "../support/test-app";
import { accepted, expectRefusal, host, liz, stagedRoom } from "../unit/room-fixtures";

/**
 * [SEC-12] Stale blocks. A host's blocks used to be read once, when the room started: someone the
 * host blocked on their profile during a live room stayed in it, and could walk back in. Now a
 * block made on a profile reaches the rooms its maker is running at once: the person is taken
 * out (told why, as by "remove and block from my rooms") and refused at the door until the room
 * ends. Blocks by anyone else change nothing in the room.
 */
const app = suiteApp("pglite");

async function account(name: string) {
  const signed = await signIn(app.url, name);
  const socket = await connectSocket(app.url, signed.cookie);
  app.sockets.push(socket);
  return { ...signed, socket };
}
async function ok(socket: Socket, event: string, payload: unknown) {
  const answer = await send(socket, event, payload);
  if (!answer.ok) throw new Error(`${event}: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}
async function block(cookie: string, username: string) {
  const response = await fetch(`${app.url}/api/users/${username}/block`, {
    method: "POST",
    headers: { ...API_HEADERS, cookie },
  });
  return (await response.json()) as { ok: boolean };
}

describe("[SEC-12] the machine's side: a host block arriving during the room", () => {
  it("[SEC-12] someone present is taken out as by the host, and refused at the door afterwards", () => {
    const result = accepted(blockForHost(stagedRoom(), "liz"));
    expect(result.events).toEqual([{ type: "member-removed", userId: "liz", reason: "removed-by-host" }]);
    expect(result.effects).toEqual([
      { type: "revoke-publish", userId: "liz" },
      { type: "close-member-media", userId: "liz" },
      { type: "disconnect-member", userId: "liz", reason: "removed-by-host", blocked: "host-rooms" },
    ]);
    expectRefusal(result.state, liz, { type: "join" }, "forbidden");
  });

  it("[SEC-12] someone absent is only kept out; the host is never locked out; a repeat changes nothing", () => {
    const absent = accepted(blockForHost(stagedRoom(), "zed"));
    expect(absent.events).toEqual([]);
    expect(absent.state.blockedUserIds).toContain("zed");
    expect(accepted(blockForHost(stagedRoom(), host.userId)).state).toEqual(stagedRoom());
    expect(accepted(blockForHost(absent.state, "zed")).state).toBe(absent.state);
  });
});

describe("[SEC-12] a block made during a live room keeps the person out", () => {
  it("[SEC-12] the host blocks a listener and a speaker on their profiles: both are taken out at once and refused at the door", async () => {
    const hana = await account("Hana Host");
    const eve = await account("Eve Listener");
    const sam = await account("Sam Speaker");
    const zed = await account("Zed Outside");
    const roomId = await createRoom(app.url, hana.cookie, "Live blocks");
    await ok(hana.socket, "room:join", { roomId });
    await ok(eve.socket, "room:join", { roomId });
    await ok(sam.socket, "room:join", { roomId });
    await ok(hana.socket, "room:invite-to-speak", { userId: sam.userId });
    await ok(sam.socket, "room:respond-to-invitation", { accept: true });
    const told: Record<string, unknown[]> = { eve: [], sam: [] };
    eve.socket.on("room:removed", (payload: unknown) => told.eve?.push(payload));
    sam.socket.on("room:removed", (payload: unknown) => told.sam?.push(payload));
    const room = await app.t.app.registry.get(roomId);

    expect(await block(hana.cookie, eve.username)).toMatchObject({ ok: true });
    // The block's answer waits for the room: the listener is already out.
    expect(room.hasMember(eve.userId)).toBe(false);
    expect(await block(hana.cookie, sam.username)).toMatchObject({ ok: true });
    expect(room.hasMember(sam.userId)).toBe(false);
    expect(await block(hana.cookie, zed.username)).toMatchObject({ ok: true });

    const notice = { roomId, reason: "removed-by-host", blocked: "host-rooms" };
    await expect.poll(() => told).toEqual({ eve: [notice], sam: [notice] });
    expect(room.counts()).toEqual({ stage: 1, audience: 0, hands: 0 });
    for (const person of [eve, sam, zed]) {
      const fresh = await connectSocket(app.url, person.cookie);
      app.sockets.push(fresh);
      expect(await send(fresh, "room:join", { roomId })).toMatchObject({
        ok: false,
        error: { code: "forbidden" },
      });
    }
    // Their old connections are out of the room too: no command of theirs reaches it.
    expect(await send(eve.socket, "room:raise-hand", {})).toMatchObject({
      ok: false,
      error: { code: "invalid_state" },
    });
  });

  it("[SEC-12] a block by someone who is not the host changes nothing in the room", async () => {
    const hana = await account("Hana Host two");
    const lee = await account("Lee Listener");
    const kit = await account("Kit Listener");
    const roomId = await createRoom(app.url, hana.cookie, "Others' blocks");
    await ok(hana.socket, "room:join", { roomId });
    await ok(lee.socket, "room:join", { roomId });
    await ok(kit.socket, "room:join", { roomId });
    expect(await block(lee.cookie, kit.username)).toMatchObject({ ok: true });
    expect(await block(lee.cookie, hana.username)).toMatchObject({ ok: true });
    const room = await app.t.app.registry.get(roomId);
    expect(room.hasMember(kit.userId)).toBe(true);
    expect(room.hasMember(hana.userId)).toBe(true);
    expect(room.counts()).toEqual({ stage: 1, audience: 2, hands: 0 });
  });
});
