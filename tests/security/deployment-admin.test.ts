import { describe, expect, it } from "vitest";
import { api, dataOf, errorCode, signUp } from "../support/api-client";
import { startTestApp } from "../support/test-app";
import { capturedLogger } from "./captured-logs";

const PASSWORD = "a long enough passphrase";

/** The one-time admin setup link the server logs while it has no admin. */
function setupCodeFrom(lines: string[]): string | null {
  for (const line of lines) {
    const match = /"setupUrl":"[^"]*\/signup\?invite=([A-Za-z0-9_-]+)"/.exec(line);
    if (match?.[1]) return match[1];
  }
  return null;
}

async function waitFor<T>(read: () => T | null, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== null) return value;
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("[SEC-15c] the admin is made explicitly, never by being first", () => {
  it("[SEC-15c] on a fresh open install the first sign-up is an ordinary member, and /api/registration says nothing of a free admin slot", async () => {
    const t = await startTestApp("pglite", { REGISTRATION_MODE: "open" });
    try {
      const url = t.app.url.replace("localhost", "127.0.0.1");
      expect(dataOf(await api(url, "GET", "/api/registration"))).toEqual({
        mode: "open",
        guestListening: false,
      });
      const first = await signUp(url, { username: "early_bird", password: PASSWORD });
      expect(dataOf(first.answer)).toMatchObject({ username: "early_bird", isAdmin: false });
    } finally {
      await t.close();
    }
  });

  it("[SEC-15c] on a fresh invite-only install a stranger's first sign-up is refused; the setup link from the log makes the admin, once", async () => {
    const { logger, lines } = capturedLogger();
    const t = await startTestApp("pglite", { REGISTRATION_MODE: "invite" }, { logger });
    try {
      const url = t.app.url.replace("localhost", "127.0.0.1");
      expect(errorCode((await signUp(url, { username: "stranger", password: PASSWORD })).answer)).toBe(
        "forbidden",
      );
      const code = await waitFor(() => setupCodeFrom(lines));
      expect(
        errorCode(
          (await signUp(url, { username: "guesser", password: PASSWORD, inviteCode: "x".repeat(24) })).answer,
        ),
      ).toBe("forbidden");
      const owner = await signUp(url, { username: "operator", password: PASSWORD, inviteCode: code });
      expect(dataOf(owner.answer)).toMatchObject({ username: "operator", isAdmin: true });
      // The slot is taken: the same link admits nobody else.
      const again = await signUp(url, { username: "second_try", password: PASSWORD, inviteCode: code });
      expect(errorCode(again.answer)).toBe("forbidden");
    } finally {
      await t.close();
    }
  });

  it("[SEC-15c] ADMIN_USERNAME signs up as the admin without an invite, even with sign-up closed; only while there is no admin", async () => {
    const t = await startTestApp("pglite", { REGISTRATION_MODE: "closed", ADMIN_USERNAME: "Boss" });
    try {
      const url = t.app.url.replace("localhost", "127.0.0.1");
      expect(errorCode((await signUp(url, { username: "someone", password: PASSWORD })).answer)).toBe(
        "forbidden",
      );
      expect(dataOf((await signUp(url, { username: "boss", password: PASSWORD })).answer)).toMatchObject({
        isAdmin: true,
      });
      expect(dataOf(await api(url, "GET", "/api/registration"))).toEqual({
        mode: "closed",
        guestListening: false,
      });
    } finally {
      await t.close();
    }
  });

  it("[SEC-15c] with an admin in place the server logs no setup link", async () => {
    const first = capturedLogger();
    const t = await startTestApp("pglite", { ADMIN_USERNAME: "chief" }, { logger: first.logger });
    const url = t.app.url.replace("localhost", "127.0.0.1");
    await waitFor(() => setupCodeFrom(first.lines));
    await signUp(url, { username: "chief", password: PASSWORD });
    await t.app.close();
    const second = capturedLogger();
    const restarted = await startTestApp("pglite", {}, { database: t.database, logger: second.logger });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(setupCodeFrom(second.lines)).toBeNull();
    } finally {
      await restarted.close();
      await t.database.destroy();
    }
  });
});
