import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limitsEnvSchema, limitsOf } from "../../../server/config/limits";
import { api, cookieOf, dataOf, errorCode, signUp } from "../../support/api-client";
import { startTestApp, type TestApp } from "../../support/test-app";
import { testDrivers } from "../../support/test-database";

const drivers = await testDrivers();
const PASSWORD = "a long enough passphrase";
/** The default sign-in limits (the test app does not change them). */
const LOGIN_LIMITS = limitsOf(limitsEnvSchema.parse({})).signIn;

describe.each(drivers)("[ACCT] sign-up, sign-in, sign-out (%s)", (driver) => {
  let t: TestApp;
  let url: string;

  beforeAll(async () => {
    t = await startTestApp(driver, { ADMIN_USERNAME: "founder" });
    url = t.app.url.replace("localhost", "127.0.0.1");
  });
  afterAll(async () => {
    await t?.close();
  });

  it("[ACCT-1] the ADMIN_USERNAME account becomes the admin; later ones do not", async () => {
    const first = await signUp(url, { username: "founder", password: PASSWORD, displayName: "Fay Founder" });
    expect(first.answer.status).toBe(200);
    expect(dataOf(first.answer)).toMatchObject({
      username: "founder",
      displayName: "Fay Founder",
      isAdmin: true,
      avatarUrl: null,
    });
    const second = await signUp(url, { username: "second", password: PASSWORD });
    expect(dataOf(second.answer)).toMatchObject({ isAdmin: false });
    const info = await api(url, "GET", "/api/registration");
    expect(dataOf(info)).toEqual({ mode: "open", guestListening: false });
  });

  it("[ACCT-2] a session cookie is httpOnly, SameSite and signs in /api/me; sign-out ends it", async () => {
    const { answer, cookie } = await signUp(url, { username: "cookie_test", password: PASSWORD });
    expect(answer.headers.get("set-cookie")).toMatch(
      /^ar_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/,
    );
    expect(dataOf(await api(url, "GET", "/api/me", { cookie }))).toMatchObject({ username: "cookie_test" });
    const out = await api(url, "DELETE", "/api/session", { cookie });
    expect(out.headers.get("set-cookie")).toContain("Max-Age=0");
    expect(errorCode(await api(url, "GET", "/api/me", { cookie }))).toBe("unauthorized");
  });

  it("[ACCT-3] usernames are unique case-insensitively and follow the rules", async () => {
    await signUp(url, { username: "Ada_L", password: PASSWORD });
    const again = await signUp(url, { username: "ada_l", password: PASSWORD });
    expect(again.answer.status).toBe(400);
    expect(again.answer.body).toMatchObject({
      ok: false,
      error: { code: "invalid_input", issues: [{ path: "username", message: "That username is taken." }] },
    });
    for (const bad of ["ab", "a".repeat(21), "has space", "dash-no", "émile"]) {
      const answer = await signUp(url, { username: bad, password: PASSWORD });
      expect(errorCode(answer.answer), bad).toBe("invalid_input");
      expect(!answer.answer.body.ok && answer.answer.body.error.issues?.[0]?.path).toBe("username");
    }
    // Sign-in works with any case of the name.
    expect(
      (await api(url, "POST", "/api/session", { body: { username: "ADA_L", password: PASSWORD } })).status,
    ).toBe(200);
  });

  it("[ACCT-4] weak passwords are refused with a clear message", async () => {
    const cases: [string, RegExp][] = [
      ["short1", /at least 10 characters/],
      ["weak_user_pass!", /must not contain your username/],
      ["Password123", /most common/],
      ["qwertyuiop", /most common/],
      ["aaaaaaaaaaaa", /repeats too few/],
    ];
    for (const [password, message] of cases) {
      const { answer } = await signUp(url, { username: "weak_user", password });
      expect(answer.status, password).toBe(400);
      expect(
        !answer.body.ok && answer.body.error.issues?.find((issue) => issue.path === "password")?.message,
        password,
      ).toMatch(message);
    }
  });

  it("[ACCT-5] a wrong password or an unknown name gets the same answer", async () => {
    await signUp(url, { username: "wrongpw", password: PASSWORD });
    const wrong = await api(url, "POST", "/api/session", {
      body: { username: "wrongpw", password: "not the password" },
    });
    const unknown = await api(url, "POST", "/api/session", {
      body: { username: "nobody_here", password: "not the password" },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toEqual({
      ok: false,
      error: { code: "unauthorized", message: "Wrong username or password." },
    });
    expect(cookieOf(wrong)).toBe("");
  });

  it("[ACCT-6] failed sign-ins are rate-limited per account, with when to retry", async () => {
    await signUp(url, { username: "limited", password: PASSWORD });
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) {
      expect(
        (
          await api(url, "POST", "/api/session", {
            body: { username: "limited", password: `guess number ${i}` },
          })
        ).status,
      ).toBe(401);
    }
    // Even the right password waits now, from this address: the limit is on the account and the
    // address, not on the guess (from another address the owner still gets in: SEC-5).
    const limited = await api(url, "POST", "/api/session", {
      body: { username: "LIMITED", password: PASSWORD },
    });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({
      ok: false,
      error: { code: "rate_limited", message: "Too many sign-in attempts. Try again in 15 minutes." },
    });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(800);
  });

  it("[ACCT-7] failed sign-ins are rate-limited per IP across accounts", async () => {
    // A fresh app, so the per-IP counter starts at zero.
    const other = await startTestApp(driver);
    try {
      const base = other.app.url.replace("localhost", "127.0.0.1");
      await signUp(base, { username: "victim", password: PASSWORD });
      for (let i = 0; i < LOGIN_LIMITS.perIp; i++) {
        const answer = await api(base, "POST", "/api/session", {
          body: { username: `spray_${i}`, password: "a wrong password" },
        });
        expect(answer.status).toBe(401);
      }
      const limited = await api(base, "POST", "/api/session", {
        body: { username: "victim", password: PASSWORD },
      });
      expect(errorCode(limited)).toBe("rate_limited");
    } finally {
      await other.close();
    }
  });

  it("[ACCT-8] cross-site state-changing requests are refused", async () => {
    const body = JSON.stringify({ username: "csrf_user", displayName: "C", password: PASSWORD });
    const attempts: Record<string, string>[] = [
      // A foreign page's fetch: wrong Origin.
      { "content-type": "application/json", "x-audio-rooms-csrf": "1", origin: "https://evil.example" },
      // Same Origin claimed but no custom header (what a form or a simple fetch could send).
      { "content-type": "application/json" },
      // The browser says the request is cross-site.
      { "content-type": "application/json", "x-audio-rooms-csrf": "1", "sec-fetch-site": "cross-site" },
    ];
    for (const headers of attempts) {
      const response = await fetch(`${url}/api/signup`, { method: "POST", headers, body });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        ok: false,
        error: { code: "forbidden", message: "Cross-site requests are not allowed." },
      });
    }
    // Nothing was created.
    expect((await api(url, "GET", "/api/users/csrf_user")).status).toBe(404);
    // A form post is refused too (no JSON, no header).
    const form = await fetch(`${url}/api/rooms`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "title=x",
    });
    expect(form.status).toBe(403);
  });
});

describe.each(drivers)("[ACCT] registration modes (%s)", (driver) => {
  it("[ACCT-9] closed: only the admin (ADMIN_USERNAME) may sign up", async () => {
    const t = await startTestApp(driver, { REGISTRATION_MODE: "closed", ADMIN_USERNAME: "owner" });
    try {
      const base = t.app.url.replace("localhost", "127.0.0.1");
      expect(dataOf(await api(base, "GET", "/api/registration"))).toEqual({
        mode: "closed",
        guestListening: false,
      });
      expect(dataOf((await signUp(base, { username: "owner", password: PASSWORD })).answer)).toMatchObject({
        isAdmin: true,
      });
      const refused = await signUp(base, { username: "latecomer", password: PASSWORD });
      expect(refused.answer.status).toBe(403);
      expect(refused.answer.body).toEqual({
        ok: false,
        error: { code: "forbidden", message: "Sign-up is closed on this server." },
      });
    } finally {
      await t.close();
    }
  });

  it("[ACCT-10] of simultaneous first sign-ups only ADMIN_USERNAME gets in, as the one admin", async () => {
    const t = await startTestApp(driver, { REGISTRATION_MODE: "invite", ADMIN_USERNAME: "racer_b" });
    try {
      const base = t.app.url.replace("localhost", "127.0.0.1");
      const answers = await Promise.all(
        ["racer_a", "racer_b", "racer_c"].map((username) => signUp(base, { username, password: PASSWORD })),
      );
      const ok = answers.filter((answer) => answer.answer.body.ok);
      // Being first is no claim: the named admin gets in; in invite mode the others need an invite.
      expect(ok).toHaveLength(1);
      expect(dataOf(ok[0]!.answer)).toMatchObject({ username: "racer_b", isAdmin: true });
      for (const answer of answers.filter((a) => !a.answer.body.ok)) {
        expect(answer.answer.body).toMatchObject({
          ok: false,
          error: { code: "forbidden", message: "You need an invite link to join this server." },
        });
      }
    } finally {
      await t.close();
    }
  });

  it("[ACCT-11] open mode: simultaneous first sign-ups all succeed, only ADMIN_USERNAME is admin", async () => {
    const t = await startTestApp(driver, { REGISTRATION_MODE: "open", ADMIN_USERNAME: "open_c" });
    try {
      const base = t.app.url.replace("localhost", "127.0.0.1");
      const answers = await Promise.all(
        ["open_a", "open_b", "open_c", "open_d"].map((username) =>
          signUp(base, { username, password: PASSWORD }),
        ),
      );
      const admins = answers.filter((answer) => dataOf(answer.answer).isAdmin === true);
      expect(admins.map((answer) => dataOf(answer.answer).username)).toEqual(["open_c"]);
    } finally {
      await t.close();
    }
  });
});
