import { describe, expect, it } from "vitest";
import { hashPassword, SCRYPT_PARAMS, verifyPassword } from "../../server/auth/password";
import { passwordProblem } from "../../server/auth/password-policy";
import { SlidingWindowLimiter } from "../../server/auth/sliding-window-limiter";

describe("[PW] password hashing (scrypt)", () => {
  it("[PW-1] hashes with a fresh salt, verifies the right password only, and rejects malformed hashes", async () => {
    const started = performance.now();
    const hash = await hashPassword("correct horse battery");
    const hashMs = performance.now() - started;
    expect(hash).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await hashPassword("correct horse battery")).not.toBe(hash);
    const verifyStarted = performance.now();
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    const verifyMs = performance.now() - verifyStarted;
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
    for (const bad of ["", "plain", "scrypt$15$8$1$$", "bcrypt$1$2$3$4$5", "scrypt$99$8$1$AAAA$AAAA"])
      expect(await verifyPassword("x", bad)).toBe(false);
    process.stdout.write(
      `scrypt N=2^${SCRYPT_PARAMS.logN} r=${SCRYPT_PARAMS.r} p=${SCRYPT_PARAMS.p}: hash ${hashMs.toFixed(0)} ms, verify ${verifyMs.toFixed(0)} ms\n`,
    );
    expect(verifyMs).toBeLessThan(2000);
  });

  it("[PW-2] the policy names the problem", () => {
    expect(passwordProblem("my name is ada_l ok", "ada_l")).toMatch(/username/);
    expect(passwordProblem("ILOVEYOU123", "someone")).toMatch(/common/);
    expect(passwordProblem("zzzzzzzzzzzz", "someone")).toMatch(/repeats/);
    expect(passwordProblem("a long enough passphrase", "someone")).toBeNull();
  });
});

describe("[RATE] sliding-window limiter", () => {
  it("[RATE-1] allows `limit` hits per window, then says how long to wait, then forgets", () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(3, 1000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterMs("k")).toBe(0);
      limiter.record("k");
      now += 100;
    }
    expect(limiter.retryAfterMs("k")).toBe(700); // the first hit (t=0) leaves the window at t=1000
    expect(limiter.retryAfterMs("other")).toBe(0);
    now = 1001;
    expect(limiter.retryAfterMs("k")).toBe(0);
    limiter.record("k");
    limiter.reset("k");
    expect(limiter.retryAfterMs("k")).toBe(0);
  });
});
