import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../server/db/database";
import { api, dataOf, errorCode, signUp } from "../../support/api-client";
import { startTestApp, type TestApp } from "../../support/test-app";
import { testDrivers } from "../../support/test-database";

const drivers = await testDrivers();
const PASSWORD = "a long enough passphrase";

describe.each(drivers)("[INVITE] invite-only onboarding (%s)", (driver) => {
  let t: TestApp;
  let url: string;
  let db: Database;
  let adminCookie: string;

  beforeAll(async () => {
    t = await startTestApp(driver, {
      REGISTRATION_MODE: "invite",
      ADMIN_USERNAME: "admin",
      INVITES_PER_USER: "3",
      INVITE_TTL_DAYS: "14",
    });
    url = t.app.url.replace("localhost", "127.0.0.1");
    db = await t.database.open();
    const admin = await signUp(url, { username: "admin", password: PASSWORD, displayName: "Ada Admin" });
    expect(dataOf(admin.answer)).toMatchObject({ isAdmin: true });
    adminCookie = admin.cookie;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Members who can still invite: the quota is small, so invites come from whoever has one left. */
  const inviters: string[] = [];

  async function newInvite(cookie?: string) {
    for (const from of cookie ? [cookie] : [adminCookie, ...inviters]) {
      const answer = await api(url, "POST", "/api/invites", { cookie: from });
      if (answer.body.ok)
        return { id: String(answer.body.data.id), code: String(answer.body.data.code), owner: from };
      if (cookie) throw new Error(answer.text);
    }
    throw new Error("no one has invites left");
  }

  it("[INVITE-1] without an invite, sign-up is refused once an account exists", async () => {
    expect(dataOf(await api(url, "GET", "/api/registration"))).toMatchObject({
      mode: "invite",
    });
    const { answer } = await signUp(url, { username: "no_invite", password: PASSWORD });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({
      ok: false,
      error: { code: "forbidden", message: "You need an invite link to join this server." },
    });
  });

  it("[INVITE-2] codes are 144-bit url-safe strings; a valid one previews its inviter and admits one person", async () => {
    const invite = await newInvite();
    expect(invite.code).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const preview = dataOf(await api(url, "GET", `/api/invite-codes/${invite.code}`));
    expect(preview).toMatchObject({
      status: "valid",
      inviter: { username: "admin", displayName: "Ada Admin" },
    });

    const joined = await signUp(url, {
      username: "bea",
      password: PASSWORD,
      displayName: "Bea",
      inviteCode: invite.code,
    });
    inviters.push(joined.cookie);
    expect(dataOf(joined.answer)).toMatchObject({ username: "bea", isAdmin: false });
    // Invited by shows on the profile.
    expect(dataOf(await api(url, "GET", "/api/users/bea"))).toMatchObject({
      invitedBy: { username: "admin" },
    });

    // Reused: refused, and the preview says why.
    const reuse = await signUp(url, { username: "cid", password: PASSWORD, inviteCode: invite.code });
    expect(reuse.answer.body).toMatchObject({
      ok: false,
      error: { code: "forbidden", message: "This invite has already been used." },
    });
    expect(dataOf(await api(url, "GET", `/api/invite-codes/${invite.code}`))).toMatchObject({
      status: "used",
    });

    // The inviter sees who joined with it.
    const mine = dataOf(await api(url, "GET", "/api/invites", { cookie: adminCookie }));
    const invites = mine.invites as {
      id: string;
      status: string;
      joined: { username: string } | null;
    }[];
    expect(invites.find((item) => item.id === invite.id)).toMatchObject({
      status: "used",
      joined: { username: "bea" },
    });
  });

  it("[INVITE-3] two people racing for one code: exactly one gets in", async () => {
    const invite = await newInvite();
    const answers = await Promise.all(
      ["race_x", "race_y", "race_z"].map((username) =>
        signUp(url, { username, password: PASSWORD, inviteCode: invite.code }),
      ),
    );
    const admitted = answers.filter((answer) => answer.answer.body.ok);
    expect(admitted).toHaveLength(1);
    inviters.push(admitted[0]!.cookie);
  });

  it("[INVITE-4] expired, revoked and unknown codes are refused with their reason", async () => {
    const expired = await newInvite();
    await db.prisma.invite.update({
      where: { id: expired.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(
      (await signUp(url, { username: "late", password: PASSWORD, inviteCode: expired.code })).answer.body,
    ).toMatchObject({
      ok: false,
      error: { code: "forbidden", message: "This invite has expired. Ask for a new one." },
    });
    expect(dataOf(await api(url, "GET", `/api/invite-codes/${expired.code}`))).toMatchObject({
      status: "expired",
    });

    const revoked = await newInvite();
    expect((await api(url, "DELETE", `/api/invites/${revoked.id}`, { cookie: revoked.owner })).status).toBe(
      200,
    );
    expect(
      (await signUp(url, { username: "revokee", password: PASSWORD, inviteCode: revoked.code })).answer.body,
    ).toMatchObject({
      ok: false,
      error: { code: "forbidden", message: "This invite was withdrawn by the person who made it." },
    });
    expect(dataOf(await api(url, "GET", `/api/invite-codes/${revoked.code}`))).toMatchObject({
      status: "revoked",
      inviter: { username: expect.any(String) },
    });

    expect(
      (await signUp(url, { username: "guesser", password: PASSWORD, inviteCode: "AAAAAAAAAAAAAAAAAAAAAAAA" }))
        .answer.body,
    ).toMatchObject({
      ok: false,
      error: { message: "We do not know this invite code. Check the link." },
    });
    for (const code of ["AAAAAAAAAAAAAAAAAAAAAAAA", "not%20valid", "..%2F..%2Fetc"]) {
      expect(dataOf(await api(url, "GET", `/api/invite-codes/${code}`))).toEqual({
        status: "unknown",
        inviter: null,
        expiresAt: null,
      });
    }
  });

  it("[INVITE-5] a member has a quota; revoking an unused invite frees a slot; used ones cannot be revoked", async () => {
    const invite = await newInvite();
    const member = await signUp(url, {
      username: "quota_owner",
      password: PASSWORD,
      inviteCode: invite.code,
    });
    const cookie = member.cookie;
    const made = [await newInvite(cookie), await newInvite(cookie), await newInvite(cookie)];
    const beyond = await api(url, "POST", "/api/invites", { cookie });
    expect(beyond.status).toBe(409);
    expect(errorCode(beyond)).toBe("invalid_state");
    expect(!beyond.body.ok && beyond.body.error.message).toMatch(/used all 3 of your invites/);
    expect(dataOf(await api(url, "GET", "/api/invites", { cookie }))).toMatchObject({
      quota: 3,
      remaining: 0,
    });

    expect((await api(url, "DELETE", `/api/invites/${made[0]!.id}`, { cookie })).status).toBe(200);
    expect(dataOf(await api(url, "GET", "/api/invites", { cookie }))).toMatchObject({ remaining: 1 });
    await newInvite(cookie);

    // Used: cannot be revoked. Someone else's: not found.
    await signUp(url, { username: "used_one", password: PASSWORD, inviteCode: made[1]!.code });
    expect(errorCode(await api(url, "DELETE", `/api/invites/${made[1]!.id}`, { cookie }))).toBe(
      "invalid_state",
    );
    expect(errorCode(await api(url, "DELETE", `/api/invites/${made[2]!.id}`, { cookie: adminCookie }))).toBe(
      "not_found",
    );
    expect(errorCode(await api(url, "POST", "/api/invites"))).toBe("unauthorized");
  });

  it("[INVITE-6] concurrent invite creation cannot exceed the quota", async () => {
    const invite = await newInvite();
    const { cookie } = await signUp(url, { username: "burst", password: PASSWORD, inviteCode: invite.code });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => api(url, "POST", "/api/invites", { cookie })),
    );
    expect(answers.filter((answer) => answer.body.ok)).toHaveLength(3);
  });
});
