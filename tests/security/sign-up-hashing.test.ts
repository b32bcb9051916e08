import { describe, expect, it } from "vitest";
import { countingHasher, memoryAccountService, memoryInvites } from "../support/fake-account-stores";

const PASSWORD = "correct horse battery staple";
const body = (username: string, inviteCode?: string) => ({
  username,
  displayName: username,
  password: PASSWORD,
  ...(inviteCode ? { inviteCode } : {}),
});

/** A service whose install already has its first account (so the mode applies). */
async function installWithFounder(mode: "open" | "invite" | "closed", env: Record<string, string> = {}) {
  const { hasher, calls } = countingHasher();
  const invites = memoryInvites({ "valid-code": "valid", "used-code": "used", "old-code": "expired" });
  const { service, accounts } = memoryAccountService({ mode: "open", hasher, invites, env });
  expect((await service.signUp(body("founder"), "founder-home")).ok).toBe(true);
  const { service: moded } = memoryAccountService({ mode, hasher, invites, accounts, env });
  calls.hash = 0;
  return { service: moded, calls };
}

describe("[SEC-3] a sign-up that will be refused costs no password hashing", () => {
  it("[SEC-3] with REGISTRATION_MODE=closed nothing is hashed", async () => {
    const { service, calls } = await installWithFounder("closed");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => service.signUp(body(`closed_${i}`), "203.0.113.1")),
    );
    for (const result of results) expect(!result.ok && result.error.code).toBe("forbidden");
    expect(calls.hash).toBe(0);
  });

  it("[SEC-3] with REGISTRATION_MODE=invite, a missing, unknown, used or expired invite is refused unhashed", async () => {
    const { service, calls } = await installWithFounder("invite");
    for (const code of [undefined, "no-such-code", "used-code", "old-code"]) {
      const result = await service.signUp(body("newcomer", code), "203.0.113.1");
      expect(!result.ok && result.error.code, String(code)).toBe("forbidden");
    }
    expect(calls.hash).toBe(0);
    expect((await service.signUp(body("newcomer", "valid-code"), "203.0.113.1")).ok).toBe(true);
    expect(calls.hash).toBe(1);
  });

  it("[SEC-3] a taken username is refused unhashed", async () => {
    const { service, calls } = await installWithFounder("open");
    const result = await service.signUp(body("FOUNDER"), "203.0.113.1");
    expect(!result.ok && result.error.issues?.[0]?.path).toBe("username");
    expect(calls.hash).toBe(0);
  });

  it("[SEC-3] the N+1th sign-up from one address in the hour is rate_limited, and is not hashed", async () => {
    const { service, calls } = await installWithFounder("open", { SIGNUPS_PER_IP_PER_HOUR: "3" });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => service.signUp(body(`burst_${i}`), "203.0.113.5")),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(3);
    const refused = results.filter((result) => !result.ok);
    expect(refused).toHaveLength(7);
    for (const result of refused) {
      expect(!result.ok && result.error.code).toBe("rate_limited");
      expect(!result.ok && result.retryAfterSeconds).toBeGreaterThan(3000);
    }
    expect(calls.hash).toBe(3);
    // Another address has its own budget.
    expect((await service.signUp(body("elsewhere"), "198.51.100.5")).ok).toBe(true);
  });
});
