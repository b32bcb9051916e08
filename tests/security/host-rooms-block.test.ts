import { describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { applyRoomCommand } from "../../server/domain/room-machine";
import { API_HEADERS, connectSocket, createRoom, send, signIn, suiteApp } from "../support/test-app";
import { accepted, expectRefusal, host, mia, stagedRoom } from "../unit/room-fixtures";

/**
 * [SEC-8] A removal with scope `host-rooms` writes a block on the host's own profile (and ends
 * follows both ways): only the host may choose that. A moderator asking for it is refused with
 * `forbidden` and nothing changes, in the room or in the host's block list and follows.
 */
describe("[SEC-8] only the host may block someone from all of the host's rooms", () => {
  it("[SEC-8] the machine refuses a moderator's host-rooms removal (forbidden, state untouched)", () => {
    const message = expectRefusal(
      stagedRoom(),
      mia,
      { type: "remove-member", userId: "liz", block: "host-rooms" },
      "forbidden",
    );
    expect(message).toMatch(/only the host/i);
  });

  it("[SEC-8] a moderator may still remove for good from this room; the host may block from all their rooms", () => {
    const byModerator = accepted(
      applyRoomCommand(stagedRoom(), mia, { type: "remove-member", userId: "liz", block: "room" }, 3000),
    );
    expect(byModerator.effects).toContainEqual({ type: "ban-from-room", userId: "liz" });
    expect(byModerator.effects.some((e) => e.type === "block-user-for-host")).toBe(false);
    const byHost = accepted(
      applyRoomCommand(
        stagedRoom(),
        host,
        { type: "remove-member", userId: "liz", block: "host-rooms" },
        3000,
      ),
    );
    expect(byHost.effects).toContainEqual({ type: "block-user-for-host", hostId: "host", userId: "liz" });
  });
});

describe("[SEC-8] over real sockets and the real database", () => {
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
  async function api(cookie: string, method: string, path: string) {
    const response = await fetch(`${app.url}${path}`, { method, headers: { ...API_HEADERS, cookie } });
    return (await response.json()) as { ok: boolean; data?: { viewer?: Record<string, unknown> } };
  }

  it("[SEC-8] a moderator's host-rooms removal is forbidden: the person stays, the host's blocks and follows are untouched", async () => {
    const hana = await account("Hana Host");
    const mo = await account("Mo Moderator");
    const vic = await account("Vic Victim");
    // Vic and the host follow each other: a block would end both follows.
    expect((await api(hana.cookie, "POST", `/api/users/${vic.username}/follow`)).ok).toBe(true);
    expect((await api(vic.cookie, "POST", `/api/users/${hana.username}/follow`)).ok).toBe(true);

    const roomId = await createRoom(app.url, hana.cookie, "Moderated");
    await ok(hana.socket, "room:join", { roomId });
    await ok(mo.socket, "room:join", { roomId });
    await ok(vic.socket, "room:join", { roomId });
    await ok(hana.socket, "room:invite-to-speak", { userId: mo.userId });
    await ok(mo.socket, "room:respond-to-invitation", { accept: true });
    await ok(hana.socket, "room:set-moderator", { userId: mo.userId, moderator: true });

    const refused = await send(mo.socket, "room:remove-member", { userId: vic.userId, block: "host-rooms" });
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const room = await app.t.app.registry.get(roomId);
    expect(room.hasMember(vic.userId)).toBe(true);
    expect(room.hallwayFacts().policy.blockedUserIds).toEqual([]);
    const profile = await api(hana.cookie, "GET", `/api/users/${vic.username}`);
    expect(profile.data?.viewer).toMatchObject({ follows: true, followsYou: true, blocked: false });
    // The host's next room lets Vic in: nothing was written on the host's profile.
    const next = await createRoom(app.url, hana.cookie, "Next one");
    const other = await connectSocket(app.url, vic.cookie);
    app.sockets.push(other);
    expect(await send(other, "room:join", { roomId: next })).toMatchObject({ ok: true });

    // Removal for good from this room stays a moderator's tool.
    expect(await send(mo.socket, "room:remove-member", { userId: vic.userId, block: "room" })).toMatchObject({
      ok: true,
    });
    expect(room.hasMember(vic.userId)).toBe(false);
  });
});
