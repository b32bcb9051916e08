import { describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { connectSocket, createRoom, send, signIn, suiteApp } from "../../support/test-app";
import { call, passwordSignIn, signUpAdmin } from "../../support/staff-helpers";

const ADMIN = "chief_admin";

function once<T>(socket: Socket, event: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

function disconnected(socket: Socket, timeoutMs = 5000): Promise<void> {
  if (!socket.connected) return Promise.resolve();
  return once<string>(socket, "disconnect", timeoutMs).then(() => undefined);
}

async function auditActions(url: string, cookie: string, query: string): Promise<string[]> {
  const answer = await call(url, "GET", `/api/admin/audit?${query}`, cookie);
  const data = answer.body.data as { entries: { action: string }[] } | undefined;
  return (data?.entries ?? []).map((entry) => entry.action);
}

/** Audit appends run beside the action they record: wait until the expected ones are there. */
async function waitForActions(url: string, cookie: string, query: string, want: string[]): Promise<string[]> {
  const deadline = Date.now() + 5000;
  let got: string[] = [];
  while (Date.now() < deadline) {
    got = await auditActions(url, cookie, query);
    if (want.every((action) => got.includes(action))) return got;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return got;
}

describe("[TS-SANCTION] platform actions over the real server", () => {
  const s = suiteApp("pglite", { ADMIN_USERNAME: ADMIN });
  let signedUpAdmin: Promise<{ cookie: string; userId: string }> | null = null;
  /** The suite's admin (ADMIN_USERNAME), signed up on first use. */
  const passwordlessAdmin = async () => (await (signedUpAdmin ??= signUpAdmin(s.url, ADMIN))).cookie;
  const connect = async (cookie: string) => {
    const socket = await connectSocket(s.url, cookie);
    s.sockets.push(socket);
    return socket;
  };

  it("[TS-SANCTION-1] a suspension disconnects at once, revokes sessions, ends hosted rooms, refuses sign-in with reason and end; lift restores sign-in", async () => {
    const admin = { cookie: await passwordlessAdmin() };
    const target = await signIn(s.url, "Sam Suspect");
    const otherHost = await signIn(s.url, "Olga Other");
    // The target hosts a room (one socket) and listens in someone else's (another socket).
    const ownRoom = await createRoom(s.url, target.cookie, "Sam's room");
    const hostSocket = await connect(target.cookie);
    expect((await send(hostSocket, "room:join", { roomId: ownRoom })).ok).toBe(true);
    const otherRoom = await createRoom(s.url, otherHost.cookie, "Olga's room");
    const olga = await connect(otherHost.cookie);
    expect((await send(olga, "room:join", { roomId: otherRoom })).ok).toBe(true);
    const listenSocket = await connect(target.cookie);
    expect((await send(listenSocket, "room:join", { roomId: otherRoom })).ok).toBe(true);
    expect((await s.t.app.registry.peek(otherRoom))?.hasMember(target.userId)).toBe(true);

    const told = once<{ kind: string; reason: string; until: string }>(listenSocket, "account:sanctioned");
    const goneA = disconnected(hostSocket);
    const goneB = disconnected(listenSocket);
    const answer = await call(s.url, "POST", `/api/admin/people/${target.username}/actions`, admin.cookie, {
      action: "suspend",
      reason: "Spamming links in rooms",
      duration: { amount: 2, unit: "days" },
    });
    expect(answer.body.ok).toBe(true);
    const notice = await told;
    expect(notice).toMatchObject({ kind: "suspended", reason: "Spamming links in rooms" });
    await Promise.all([goneA, goneB]);
    // Out of the other room at once (not after the rejoin grace), and their own room ended.
    expect((await s.t.app.registry.peek(otherRoom))?.hasMember(target.userId)).toBe(false);
    const own = await call(s.url, "GET", `/api/rooms/${ownRoom}`, otherHost.cookie);
    expect(own.body.data).toMatchObject({ status: "ended", endReason: "host-suspended" });
    // The old cookie is dead for HTTP and for sockets.
    expect((await call(s.url, "GET", "/api/me", target.cookie)).status).toBe(401);
    await expect(connectSocket(s.url, target.cookie)).rejects.toThrow();
    // Sign-in refuses, saying why and until when.
    const refused = await passwordSignIn(s.url, target.username, target.password);
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe("account_suspended");
    expect(refused.body.error?.message).toContain("Spamming links in rooms");
    expect(refused.body.error?.message).toContain(notice.until);
    expect(Date.parse(notice.until) - Date.now()).toBeGreaterThan(47 * 3600_000);

    const lifted = await call(s.url, "POST", `/api/admin/people/${target.username}/actions`, admin.cookie, {
      action: "lift",
      reason: "Appeal accepted",
    });
    expect(lifted.body.ok).toBe(true);
    const back = await passwordSignIn(s.url, target.username, target.password);
    expect(back.body.ok).toBe(true);
    const actions = await waitForActions(s.url, admin.cookie, `target=${target.userId}`, [
      "platform.suspend",
      "platform.lift",
    ]);
    expect(actions).toEqual(expect.arrayContaining(["platform.suspend", "platform.lift"]));
  });

  it("[TS-SANCTION-5] once a suspension's period is over, signing in works again without anyone lifting it", async () => {
    const admin = await passwordlessAdmin();
    const target = await signIn(s.url, "Pete Period");
    const answer = await call(s.url, "POST", `/api/admin/people/${target.username}/actions`, admin, {
      action: "suspend",
      reason: "Cooling off",
      duration: { amount: 1, unit: "hours" },
    });
    expect(answer.body.ok).toBe(true);
    expect((await passwordSignIn(s.url, target.username, target.password)).body.error?.code).toBe(
      "account_suspended",
    );
    // The hour passes: the stored end is moved into the past (the clock of the database row).
    const database = await s.t.database.open();
    await database.prisma.user.update({
      where: { id: target.userId },
      data: { suspendedUntil: new Date(Date.now() - 1000) },
    });
    const back = await passwordSignIn(s.url, target.username, target.password);
    expect(back.body.ok).toBe(true);
    const socket = await connect(back.cookie);
    expect(socket.connected).toBe(true);
  });

  it("[TS-SANCTION-2] a ban refuses sign-in with the reason, and disconnects live", async () => {
    const admin = await passwordlessAdmin();
    const target = await signIn(s.url, "Bob Banned");
    const socket = await connect(target.cookie);
    const gone = disconnected(socket);
    const answer = await call(s.url, "POST", `/api/admin/people/${target.username}/actions`, admin, {
      action: "ban",
      reason: "Threats against members",
    });
    expect(answer.body.ok).toBe(true);
    await gone;
    const refused = await passwordSignIn(s.url, target.username, target.password);
    expect(refused.body.error?.code).toBe("account_suspended");
    expect(refused.body.error?.message).toMatch(/banned.*Threats against members/);
  });

  it("[TS-SANCTION-3] a warning arrives live as a staff-warning notification with the reason", async () => {
    const admin = await passwordlessAdmin();
    const target = await signIn(s.url, "Wendy Warned");
    const socket = await connect(target.cookie);
    const arrived = once<{ kind: string; text: string }>(socket, "notification:created");
    const answer = await call(s.url, "POST", `/api/admin/people/${target.username}/actions`, admin, {
      action: "warn",
      reason: "Please keep it civil",
    });
    expect(answer.body.ok).toBe(true);
    expect(await arrived).toMatchObject({ kind: "staff-warning", text: "Please keep it civil" });
    expect(socket.connected).toBe(true);
  });

  it("[TS-SANCTION-4] a moderator cannot act on an admin, nobody acts on themselves, a reason is required, only admins grant roles", async () => {
    const admin = await passwordlessAdmin();
    const mod = await signIn(s.url, "Mo Moderator");
    const granted = await call(s.url, "POST", `/api/admin/people/${mod.username}/role`, admin, {
      moderator: true,
      reason: "Trusted regular",
    });
    expect(granted.body.ok).toBe(true);
    const suspendAdmin = await call(s.url, "POST", `/api/admin/people/${ADMIN}/actions`, mod.cookie, {
      action: "suspend",
      reason: "Trying my luck",
      duration: { amount: 1, unit: "hours" },
    });
    expect(suspendAdmin.status).toBe(403);
    expect(suspendAdmin.body.error?.code).toBe("forbidden");
    const self = await call(s.url, "POST", `/api/admin/people/${mod.username}/actions`, mod.cookie, {
      action: "warn",
      reason: "Myself",
    });
    expect(self.body.error?.code).toBe("forbidden");
    const adminSelf = await call(s.url, "POST", `/api/admin/people/${ADMIN}/actions`, admin, {
      action: "ban",
      reason: "Myself",
    });
    expect(adminSelf.body.error?.code).toBe("forbidden");
    const member = await signIn(s.url, "Nora Nobody");
    const noReason = await call(s.url, "POST", `/api/admin/people/${member.username}/actions`, mod.cookie, {
      action: "warn",
      reason: "",
    });
    expect(noReason.body.error?.code).toBe("invalid_input");
    const modGrants = await call(s.url, "POST", `/api/admin/people/${member.username}/role`, mod.cookie, {
      moderator: true,
      reason: "I like them",
    });
    expect(modGrants.body.error?.code).toBe("forbidden");
    // The moderator may still act on a member.
    const modWarns = await call(s.url, "POST", `/api/admin/people/${member.username}/actions`, mod.cookie, {
      action: "warn",
      reason: "First warning",
    });
    expect(modWarns.body.ok).toBe(true);
    const revoked = await call(s.url, "POST", `/api/admin/people/${mod.username}/role`, admin, {
      moderator: false,
      reason: "Stepped down",
    });
    expect(revoked.body.ok).toBe(true);
    expect(
      await waitForActions(s.url, admin, `target=${mod.userId}`, ["staff.grant", "staff.revoke"]),
    ).toEqual(expect.arrayContaining(["staff.grant", "staff.revoke"]));
  });

  it("[TS-AUDIT-1] every in-room moderation action by a host is in the audit log: mute, move to audience, remove, block, end", async () => {
    const admin = await passwordlessAdmin();
    const host = await signIn(s.url, "Hal Host");
    const roomId = await createRoom(s.url, host.cookie, "Moderated room");
    const hostSocket = await connect(host.cookie);
    expect((await send(hostSocket, "room:join", { roomId })).ok).toBe(true);
    const people = await Promise.all(
      ["Sia Speaker", "Rex Removed", "Bea Blocked"].map((name) => signIn(s.url, name)),
    );
    const sockets = await Promise.all(people.map((person) => connect(person.cookie)));
    for (const socket of sockets) expect((await send(socket, "room:join", { roomId })).ok).toBe(true);
    const [speaker, removed, blocked] = people;
    const [speakerSocket] = sockets;
    if (!speaker || !removed || !blocked || !speakerSocket) throw new Error("people missing");
    expect((await send(hostSocket, "room:invite-to-speak", { userId: speaker.userId })).ok).toBe(true);
    expect((await send(speakerSocket, "room:respond-to-invitation", { accept: true })).ok).toBe(true);
    expect((await send(speakerSocket, "room:set-muted", { muted: false })).ok).toBe(true);
    expect((await send(hostSocket, "room:mute-member", { userId: speaker.userId })).ok).toBe(true);
    expect((await send(hostSocket, "room:move-to-audience", { userId: speaker.userId })).ok).toBe(true);
    expect((await send(hostSocket, "room:remove-member", { userId: removed.userId, block: "none" })).ok).toBe(
      true,
    );
    expect((await send(hostSocket, "room:remove-member", { userId: blocked.userId, block: "room" })).ok).toBe(
      true,
    );
    expect((await send(hostSocket, "room:end", {})).ok).toBe(true);
    const want = ["room.mute", "room.move_to_audience", "room.remove", "room.block", "room.end"];
    const got = await waitForActions(s.url, admin, `room=${roomId}`, want);
    expect(got).toEqual(expect.arrayContaining(want));
    const page = await call(s.url, "GET", `/api/admin/audit?room=${roomId}&action=room.block`, admin);
    const entries = (page.body.data as { entries: Record<string, unknown>[] }).entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: host.userId,
      actorName: "Hal Host",
      targetUserId: blocked.userId,
      roomId,
      roomTitle: "Moderated room",
      details: { scope: "room" },
    });
  });

  it("[TS-AUDIT-2] the audit log pages newest first by cursor and filters by action and dates", async () => {
    const admin = await passwordlessAdmin();
    const target = await signIn(s.url, "Paula Paged");
    for (const reason of ["one", "two", "three"])
      await call(s.url, "POST", `/api/admin/people/${target.username}/actions`, admin, {
        action: "warn",
        reason: `warning ${reason}`,
      });
    await waitForActions(s.url, admin, `target=${target.userId}`, ["platform.warn"]);
    const reasons: string[] = [];
    let cursor = "";
    for (let i = 0; i < 5; i++) {
      const answer = await call(
        s.url,
        "GET",
        `/api/admin/audit?target=${target.userId}&action=platform.warn&limit=1${cursor ? `&cursor=${cursor}` : ""}`,
        admin,
      );
      const data = answer.body.data as { entries: { reason: string }[]; next: string | null };
      reasons.push(...data.entries.map((entry) => entry.reason));
      if (!data.next) break;
      cursor = data.next;
    }
    expect(reasons).toEqual(["warning three", "warning two", "warning one"]);
    const future = await auditActions(s.url, admin, `target=${target.userId}&from=2999-01-01`);
    expect(future).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect(
      await auditActions(s.url, admin, `target=${target.userId}&from=${today}&to=${today}`),
    ).toHaveLength(3);
  });

  it("[TS-AUDIT-3] the CSV export escapes commas, quotes and newlines and defuses formulas", async () => {
    const admin = await passwordlessAdmin();
    const target = await signIn(s.url, "Carl Csv");
    const reason = '=HYPERLINK("http://evil"), said "hi"\nsecond line';
    await call(s.url, "POST", `/api/admin/people/${target.username}/actions`, admin, {
      action: "warn",
      reason,
    });
    await waitForActions(s.url, admin, `target=${target.userId}`, ["platform.warn"]);
    const response = await fetch(`${s.url}/api/admin/audit.csv?target=${target.userId}`, {
      headers: { cookie: admin },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="audit-/);
    const text = await response.text();
    expect(text.split("\r\n")[0]).toBe(
      "at,action,actor_id,actor,target_id,target,room_id,room,reason,details",
    );
    expect(text).toContain(`"'=HYPERLINK(""http://evil""), said ""hi""\nsecond line"`);
    const member = await signIn(s.url, "Nosy Member");
    const refused = await fetch(`${s.url}/api/admin/audit.csv`, { headers: { cookie: member.cookie } });
    expect(refused.status).toBe(403);
  });
});
