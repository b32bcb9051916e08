import { describe, expect, it } from "vitest";
import { loggableUrl } from "../../server/logging/loggable-url";
import { startTestApp } from "../support/test-app";
import { capturedLogger } from "./captured-logs";

const SECRET = "Zk3mQ9v2LwT8rX1pB7nC4dYe";

describe("[SEC-15g] share keys, invite codes and tokens never reach the logs through URLs", () => {
  it.each([
    [`/rooms/abc?key=${SECRET}`, "/rooms/abc?key=[redacted]"],
    [`/rooms/abc?x=1&key=${SECRET}&key=2`, "/rooms/abc?x=[redacted]&key=[redacted]"],
    [`/invite/${SECRET}`, "/invite/[redacted]"],
    [`/api/invite-codes/${SECRET}`, "/api/invite-codes/[redacted]"],
    [`/signup?invite=${SECRET}&next=%2Frooms%2Fx`, "/signup?invite=[redacted]&next=[redacted]"],
    ["/api/rooms/abc", "/api/rooms/abc"],
    [undefined, "/"],
  ])("[SEC-15g] %s is logged as %s", (raw, logged) => {
    expect(loggableUrl(raw)).toBe(logged);
  });

  it("[SEC-15g] a refused request to a URL carrying an invite code logs the path without the code", async () => {
    const { logger, lines } = capturedLogger();
    const t = await startTestApp("pglite", {}, { logger });
    try {
      const url = t.app.url.replace("localhost", "127.0.0.1");
      const answer = await fetch(`${url}/api/invite-codes/${SECRET}?key=${SECRET}`, {
        method: "POST",
        headers: { origin: "https://evil.example", "x-audio-rooms-csrf": "1" },
      });
      expect(answer.status).toBe(403);
      const refusal = lines.find((line) => line.includes("cross-site request refused"));
      expect(refusal).toContain("/api/invite-codes/[redacted]");
      expect(lines.join("\n")).not.toContain(SECRET);
    } finally {
      await t.close();
    }
  });

  it("[SEC-15g] a share key or invite code given to the logger as a field is censored", () => {
    const { logger, lines } = capturedLogger();
    logger.info({ shareKey: SECRET, input: { inviteCode: SECRET } }, "joined");
    expect(lines.join("\n")).not.toContain(SECRET);
  });
});
