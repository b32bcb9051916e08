import { describe, expect, it } from "vitest";
import { countingHasher, memoryAccountService } from "../support/fake-account-stores";

const PASSWORD = "correct horse battery staple";
const SIGN_UP = { username: "owner", displayName: "Owner", password: PASSWORD };

/** A clock the test moves by hand. */
function manualClock(start = Date.parse("2026-01-01T00:00:00Z")) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

async function serviceWithOwner(env: Record<string, string> = {}, delayMs = 0) {
  const clock = manualClock();
  const { hasher, calls } = countingHasher(delayMs);
  const { service } = memoryAccountService({ env, hasher, now: clock.now });
  expect((await service.signUp(SIGN_UP, "owner-home")).ok).toBe(true);
  calls.hash = 0;
  return { service, calls, clock };
}

const codeOf = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? "ok" : result.error?.code);

describe("[SEC-2] sign-in attempts are counted before the password is hashed", () => {
  it("[SEC-2] 50 parallel wrong passwords for one account get at most 5 unauthorized", async () => {
    // Each verification takes 30 ms, as scrypt does: a check-then-record limit lets all 50 through.
    const { service, calls } = await serviceWithOwner({}, 30);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => service.signIn("owner", `guess ${i}`, "203.0.113.1")),
    );
    const codes = results.map(codeOf);
    expect(codes.filter((code) => code === "unauthorized").length).toBeLessThanOrEqual(5);
    expect(codes.filter((code) => code === "rate_limited").length).toBeGreaterThanOrEqual(45);
    expect(codes.every((code) => code === "unauthorized" || code === "rate_limited")).toBe(true);
    expect(calls.verify).toBeLessThanOrEqual(5);
  });

  it("[SEC-2] 50 parallel guesses at many accounts from one address get at most 20 unauthorized", async () => {
    const { service, calls } = await serviceWithOwner({}, 30);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => service.signIn(`user_${i}`, "a wrong password", "203.0.113.2")),
    );
    expect(results.map(codeOf).filter((code) => code === "unauthorized").length).toBeLessThanOrEqual(20);
    expect(calls.verify).toBeLessThanOrEqual(20);
  });

  it("[SEC-2] a right password hands its attempt back", async () => {
    const { service } = await serviceWithOwner();
    for (let i = 0; i < 10; i++)
      expect(codeOf(await service.signIn("owner", PASSWORD, "198.51.100.1"))).toBe("ok");
  });
});

describe("[SEC-5] a guesser slows down without locking the owner out", () => {
  it("[SEC-5] five wrong guesses from one address do not lock out the owner at another", async () => {
    const { service, clock } = await serviceWithOwner();
    for (let i = 0; i < 5; i++)
      expect(codeOf(await service.signIn("owner", `guess ${i}`, "203.0.113.7"))).toBe("unauthorized");
    // The guesser's address is done for the window, even with the right password.
    const guesser = await service.signIn("owner", PASSWORD, "203.0.113.7");
    expect(codeOf(guesser)).toBe("rate_limited");
    expect(!guesser.ok && guesser.retryAfterSeconds).toBeGreaterThan(800);
    // The owner, elsewhere, waits out one backoff step (1 s), not 15 minutes.
    const early = await service.signIn("owner", PASSWORD, "198.51.100.7");
    expect(codeOf(early)).toBe("rate_limited");
    expect(!early.ok && early.error.message).toBe("Too many sign-in attempts. Try again in 1 second.");
    clock.advance(1_000);
    expect(codeOf(await service.signIn("owner", PASSWORD, "198.51.100.7"))).toBe("ok");
    // Signing in wiped the backoff: another place works at once.
    expect(codeOf(await service.signIn("owner", PASSWORD, "192.0.2.44"))).toBe("ok");
  });

  it("[SEC-5] guesses spread over many addresses wait twice as long after each failure, up to the maximum", async () => {
    const { service, clock } = await serviceWithOwner({ SIGNIN_BACKOFF_MAX_MS: "8000" });
    let address = 0;
    const guess = () => service.signIn("owner", "another guess", `203.0.113.${++address}`);
    for (let i = 0; i < 5; i++) expect(codeOf(await guess())).toBe("unauthorized");
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const refused = await guess();
      expect(codeOf(refused)).toBe("rate_limited");
      waits.push(refused.ok ? 0 : (refused.retryAfterSeconds ?? 0));
      clock.advance(waits[i]! * 1000);
      expect(codeOf(await guess())).toBe("unauthorized");
    }
    expect(waits).toEqual([1, 2, 4, 8, 8, 8]);
    // Whoever knows the password gets in once the current wait is over, from a new address.
    clock.advance(8_000);
    expect(codeOf(await service.signIn("owner", PASSWORD, "198.51.100.99"))).toBe("ok");
  });

  it("[SEC-5] the backoff forgets failures after the 15-minute window", async () => {
    const { service, clock } = await serviceWithOwner();
    for (let i = 0; i < 5; i++) await service.signIn("owner", `guess ${i}`, `203.0.113.${i}`);
    expect(codeOf(await service.signIn("owner", "next", "203.0.113.50"))).toBe("rate_limited");
    clock.advance(15 * 60 * 1000 + 1);
    expect(codeOf(await service.signIn("owner", "next", "203.0.113.50"))).toBe("unauthorized");
  });
});
