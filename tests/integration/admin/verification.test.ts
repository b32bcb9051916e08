import { describe, expect, it } from "vitest";
import { createRoom, send, suiteApp } from "../../support/test-app";
import { testDrivers } from "../../support/test-database";
import { api, auditEntries, makeStaff, okAck } from "./staff-support";

type Notification = { kind: string; text: string | null };

async function notificationsOf(url: string, cookie: string): Promise<Notification[]> {
  const answer = await api(url, cookie, "GET", "/api/notifications");
  const data = answer.json.data;
  if (
    typeof data !== "object" ||
    data === null ||
    !("notifications" in data) ||
    !Array.isArray(data.notifications)
  )
    throw new Error(`no notifications: ${JSON.stringify(answer.json)}`);
  return data.notifications as Notification[];
}

/**
 * [TS-VERIFY] Real-name verification: a person files their legal name (one pending at a time;
 * again after a rejection), staff approve or reject it; the person is notified, both are audited,
 * the badge appears where they are shown, and the legal name is seen by staff only.
 */
describe.each(await testDrivers())("[TS-VERIFY] real-name verification (%s)", (driver) => {
  const app = suiteApp(driver);

  it("[TS-VERIFY-1] submit, one pending at a time, reject with a reason, resubmit, approve: notified, audited, badge everywhere", async () => {
    const ada = await app.person("Ada Applicant");
    const mod = await app.person("Mod Reviewer");
    await makeStaff(app.t, mod.userId);

    expect((await api(app.url, ada.cookie, "GET", "/api/settings/verification")).json).toEqual({
      ok: true,
      data: { verified: false, latest: null },
    });
    const first = await api(app.url, ada.cookie, "POST", "/api/settings/verification", {
      legalName: "Ada King",
    });
    expect(first.json).toMatchObject({
      ok: true,
      data: { latest: { status: "pending", legalName: "Ada King" } },
    });
    const twice = await api(app.url, ada.cookie, "POST", "/api/settings/verification", {
      legalName: "Ada K.",
    });
    expect(twice.json).toMatchObject({ ok: false, error: { code: "invalid_state" } });

    // Staff only, with the legal name.
    expect((await api(app.url, ada.cookie, "GET", "/api/admin/verification")).json).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    const queue = await api(app.url, mod.cookie, "GET", "/api/admin/verification");
    const pending = (
      queue.json.data as { pending: { id: string; legalName: string; user: { id: string } }[] }
    ).pending;
    const request = pending.find((item) => item.user.id === ada.userId);
    expect(request).toMatchObject({ legalName: "Ada King" });
    const requestId = request?.id ?? "";

    // Rejection needs a reason; the person reads it and may try again.
    expect(
      (await api(app.url, mod.cookie, "POST", `/api/admin/verification/${requestId}/reject`, { reason: "" }))
        .json,
    ).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    const reason = "Please give your full first and last name";
    expect(
      (await api(app.url, mod.cookie, "POST", `/api/admin/verification/${requestId}/reject`, { reason }))
        .json,
    ).toMatchObject({ ok: true });
    expect(
      (await api(app.url, mod.cookie, "POST", `/api/admin/verification/${requestId}/approve`)).json,
    ).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await notificationsOf(app.url, ada.cookie)).toEqual([
      expect.objectContaining({ kind: "verification-rejected", text: reason }),
    ]);
    const mine = await api(app.url, ada.cookie, "GET", "/api/settings/verification");
    expect(mine.json).toMatchObject({ data: { verified: false, latest: { status: "rejected", reason } } });

    const again = await api(app.url, ada.cookie, "POST", "/api/settings/verification", {
      legalName: "Ada Lovelace King",
    });
    expect(again.json).toMatchObject({ ok: true, data: { latest: { status: "pending" } } });
    const secondQueue = await api(app.url, mod.cookie, "GET", "/api/admin/verification");
    const secondId =
      (secondQueue.json.data as { pending: { id: string; user: { id: string } }[] }).pending.find(
        (item) => item.user.id === ada.userId,
      )?.id ?? "";
    expect(
      (await api(app.url, mod.cookie, "POST", `/api/admin/verification/${secondId}/approve`)).json,
    ).toMatchObject({ ok: true });
    await expect
      .poll(async () => (await notificationsOf(app.url, ada.cookie)).map((n) => n.kind))
      .toContain("verification-approved");
    expect((await api(app.url, ada.cookie, "GET", "/api/settings/verification")).json).toMatchObject({
      data: { verified: true },
    });

    const approvals = await auditEntries(app.t, "verification.approve");
    expect(approvals.filter((e) => e.targetUserId === ada.userId)).toEqual([
      expect.objectContaining({ actorId: mod.userId }),
    ]);
    const rejections = await auditEntries(app.t, "verification.reject");
    expect(rejections.filter((e) => e.targetUserId === ada.userId)).toEqual([
      expect.objectContaining({ actorId: mod.userId, reason }),
    ]);

    // The badge: their profile, the room (member tile data), the hallway card's faces.
    const me = await api(app.url, ada.cookie, "GET", "/api/me");
    expect(me.json).toMatchObject({ data: { realNameVerified: true } });
    const username = (me.json.data as { username: string }).username;
    expect((await api(app.url, mod.cookie, "GET", `/api/users/${username}`)).json).toMatchObject({
      data: { realNameVerified: true },
    });
    // A new connection carries the new flag into the room.
    const { connectSocket } = await import("../../support/test-app");
    const socket = await connectSocket(app.url, ada.cookie);
    app.sockets.push(socket);
    const roomId = await createRoom(app.url, ada.cookie, "Verified host");
    const joined = await okAck(socket, "room:join", { roomId });
    expect(joined).toMatchObject({ snapshot: { stage: [{ userId: ada.userId, realNameVerified: true }] } });
    const hallway = await api(app.url, mod.cookie, "GET", "/api/hallway");
    const card = (hallway.json.data as { rooms: { id: string; speakers: unknown[] }[] }).rooms.find(
      (room) => room.id === roomId,
    );
    expect(card?.speakers).toEqual([expect.objectContaining({ userId: ada.userId, realNameVerified: true })]);
    // The legal name is nowhere public.
    expect(JSON.stringify(hallway.json)).not.toContain("Lovelace");
    expect(JSON.stringify(joined)).not.toContain("Lovelace");
    expect(
      JSON.stringify((await api(app.url, mod.cookie, "GET", `/api/users/${username}`)).json),
    ).not.toContain("Lovelace");
  });
});

describe.each(await testDrivers())("[TS-REQUIRE] REQUIRE_VERIFIED_TO_SPEAK / _TO_HOST (%s)", (driver) => {
  const app = suiteApp(driver, { REQUIRE_VERIFIED_TO_SPEAK: "true", REQUIRE_VERIFIED_TO_HOST: "true" });

  async function verify(userId: string) {
    const database = await app.t.database.open();
    await database.prisma.user.update({ where: { id: userId }, data: { realNameVerified: true } });
  }

  it("[TS-REQUIRE-1] an unverified person cannot start or schedule a room; a verified one can", async () => {
    const unverified = await app.person("Una Verified");
    const refused = await api(app.url, unverified.cookie, "POST", "/api/rooms", { title: "Mine" });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({
      ok: false,
      error: { code: "verification_required", message: expect.stringContaining("Settings → Verification") },
    });
    const scheduled = await api(app.url, unverified.cookie, "POST", "/api/rooms", {
      title: "Later",
      scheduledFor: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(scheduled.json).toMatchObject({ ok: false, error: { code: "verification_required" } });
    await verify(unverified.userId);
    expect(
      (await api(app.url, unverified.cookie, "POST", "/api/rooms", { title: "Mine now" })).json,
    ).toMatchObject({
      ok: true,
    });
  });

  it("[TS-REQUIRE-1] an unverified co-host cannot start a scheduled room; the verified host can", async () => {
    const host = await app.person("Host Scheduler");
    await verify(host.userId);
    const coHost = await app.person("Co Unverified");
    const made = await api(app.url, host.cookie, "POST", "/api/rooms", {
      title: "Announced",
      scheduledFor: new Date(Date.now() + 3_600_000).toISOString(),
      coHostIds: [coHost.userId],
    });
    const roomId = (made.json.data as { id: string }).id;
    expect((await api(app.url, coHost.cookie, "POST", `/api/rooms/${roomId}/start`)).json).toMatchObject({
      ok: false,
      error: { code: "verification_required" },
    });
    expect((await api(app.url, host.cookie, "POST", `/api/rooms/${roomId}/start`)).json).toMatchObject({
      ok: true,
    });
  });

  it("[TS-REQUIRE-2] an unverified listener cannot raise a hand, be invited or accept; once verified they can", async () => {
    const host = await app.person("Host Verified");
    await verify(host.userId);
    const roomId = await createRoom(app.url, host.cookie, "Verified speakers only");
    await okAck(host.socket, "room:join", { roomId });
    const lis = await app.person("Lis Unverified");
    await okAck(lis.socket, "room:join", { roomId });

    const hand = await send(lis.socket, "room:raise-hand", {});
    expect(hand).toMatchObject({
      ok: false,
      error: {
        code: "verification_required",
        message: "Verify your real name in Settings → Verification to speak on this server.",
      },
    });
    const invite = await send(host.socket, "room:invite-to-speak", { userId: lis.userId });
    expect(invite).toMatchObject({
      ok: false,
      error: { code: "verification_required", message: expect.stringContaining("Lis Unverified") },
    });
    const room = await app.t.app.registry.get(roomId);
    expect(room.memberRole(lis.userId)).toBe("listener");

    // Verified now (an approval mid-room counts at once): the hand goes up and is accepted.
    await verify(lis.userId);
    await okAck(lis.socket, "room:raise-hand", {});
    await okAck(host.socket, "room:invite-to-speak", { userId: lis.userId });
    await okAck(lis.socket, "room:respond-to-invitation", { accept: true });
    expect(room.memberRole(lis.userId)).toBe("speaker");
  });

  it("[TS-REQUIRE-3] an invitation made before the switch mattered cannot be accepted unverified", async () => {
    const host = await app.person("Host Two");
    await verify(host.userId);
    const roomId = await createRoom(app.url, host.cookie, "Accept check");
    await okAck(host.socket, "room:join", { roomId });
    const lis = await app.person("Lis Invited");
    await verify(lis.userId);
    await okAck(lis.socket, "room:join", { roomId });
    await okAck(host.socket, "room:invite-to-speak", { userId: lis.userId });
    // Their verification is withdrawn (the admin's badge switch) before they accept.
    const database = await app.t.database.open();
    await database.prisma.user.update({ where: { id: lis.userId }, data: { realNameVerified: false } });
    expect(await send(lis.socket, "room:respond-to-invitation", { accept: true })).toMatchObject({
      ok: false,
      error: { code: "verification_required" },
    });
    // Declining is always possible.
    expect(await send(lis.socket, "room:respond-to-invitation", { accept: false })).toMatchObject({
      ok: true,
    });
  });
});
