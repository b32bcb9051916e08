import { describe, expect, it } from "vitest";
import { api, errorCode, signUp } from "../support/api-client";
import { suiteApp } from "../support/test-app";
import { testDrivers } from "../support/test-database";

const drivers = await testDrivers();
const PASSWORD = "correct horse battery staple";

const signInFrom = (url: string, username: string, password: string, address?: string) =>
  api(url, "POST", "/api/session", {
    body: { username, password },
    ...(address ? { headers: { "x-forwarded-for": address } } : {}),
  });

describe.each(drivers)("[SEC-2] parallel guesses over HTTP (%s)", (driver) => {
  const s = suiteApp(driver);

  it("[SEC-2] 50 parallel wrong passwords for one account get at most 5 unauthorized, the rest rate_limited", async () => {
    expect((await signUp(s.url, { username: "parallel_victim", password: PASSWORD })).answer.status).toBe(
      200,
    );
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => signInFrom(s.url, "parallel_victim", `wrong guess ${i}`)),
    );
    const codes = answers.map(errorCode);
    expect(codes.filter((code) => code === "unauthorized").length).toBeLessThanOrEqual(5);
    expect(codes.filter((code) => code === "rate_limited")).toHaveLength(
      50 - codes.filter((code) => code === "unauthorized").length,
    );
    for (const answer of answers.filter((a) => errorCode(a) === "rate_limited"))
      expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe.each(drivers)("[SEC-5] sign-in limits behind a trusted proxy (%s)", (driver) => {
  const s = suiteApp(driver, { TRUST_PROXY: "loopback", SIGNIN_BACKOFF_BASE_MS: "300" });

  it("[SEC-5] a stranger's guesses do not lock the owner out: the owner elsewhere gets in after one short wait", async () => {
    await signUp(s.url, { username: "known_name", password: PASSWORD });
    for (let i = 0; i < 5; i++)
      expect(errorCode(await signInFrom(s.url, "known_name", `guess ${i}`, "203.0.113.66"))).toBe(
        "unauthorized",
      );
    expect(errorCode(await signInFrom(s.url, "known_name", PASSWORD, "203.0.113.66"))).toBe("rate_limited");
    const started = Date.now();
    let answer = await signInFrom(s.url, "known_name", PASSWORD, "198.51.100.77");
    while (errorCode(answer) === "rate_limited" && Date.now() - started < 5_000) {
      await new Promise((resolve) => setTimeout(resolve, Number(answer.headers.get("retry-after")) * 1000));
      answer = await signInFrom(s.url, "known_name", PASSWORD, "198.51.100.77");
    }
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("[SEC-5] twenty failures from other people behind the proxy do not refuse this one", async () => {
    await signUp(s.url, { username: "behind_proxy", password: PASSWORD });
    for (let i = 0; i < 20; i++)
      expect(errorCode(await signInFrom(s.url, `sprayed_${i}`, "wrong", `203.0.113.${100 + i}`))).toBe(
        "unauthorized",
      );
    expect((await signInFrom(s.url, "behind_proxy", PASSWORD, "198.51.100.88")).status).toBe(200);
  });
});

describe.each(drivers)(
  "[SEC-5] without TRUST_PROXY a client's own X-Forwarded-For is ignored (%s)",
  (driver) => {
    const s = suiteApp(driver);

    it("[SEC-5] rotating a spoofed X-Forwarded-For does not escape the per-address limit", async () => {
      for (let i = 0; i < 20; i++)
        expect(errorCode(await signInFrom(s.url, `spoof_${i}`, "wrong", `192.0.2.${i + 1}`))).toBe(
          "unauthorized",
        );
      expect(errorCode(await signInFrom(s.url, "spoof_x", "wrong", "192.0.2.200"))).toBe("rate_limited");
    });
  },
);

describe.each(drivers)("[SEC-3] sign-ups per client address (%s)", (driver) => {
  const s = suiteApp(driver, { SIGNUPS_PER_IP_PER_HOUR: "3", TRUST_PROXY: "loopback" });

  const signUpFrom = (username: string, address: string) =>
    api(s.url, "POST", "/api/signup", {
      body: { username, displayName: username, password: PASSWORD },
      headers: { "x-forwarded-for": address },
    });

  it("[SEC-3] the N+1th sign-up from one address in the hour is rate_limited", async () => {
    for (let i = 0; i < 3; i++) expect((await signUpFrom(`newbie_${i}`, "203.0.113.30")).status).toBe(200);
    const refused = await signUpFrom("newbie_3", "203.0.113.30");
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({
      ok: false,
      error: {
        code: "rate_limited",
        message: expect.stringMatching(/Too many new accounts from your network/),
      },
    });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(3000);
    expect((await signUpFrom("newbie_4", "203.0.113.31")).status).toBe(200);
  });
});
