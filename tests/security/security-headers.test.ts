import { describe, expect, it } from "vitest";
import { api } from "../support/api-client";
import { startTestApp } from "../support/test-app";
import { pageContentSecurityPolicy } from "../../server/http/security-headers";

describe("[SEC-16] security headers", () => {
  it("[SEC-16] over https: HSTS, the wss:// socket origin and upgrade-insecure-requests", async () => {
    const t = await startTestApp("pglite", { PUBLIC_ORIGIN: "https://rooms.example.org" });
    try {
      const answer = await api(t.app.url.replace("localhost", "127.0.0.1"), "GET", "/api/health");
      expect(answer.headers.get("strict-transport-security")).toBe("max-age=31536000");
      expect(answer.headers.get("permissions-policy")).toBe("microphone=(self), camera=(), geolocation=()");
      expect(answer.headers.get("referrer-policy")).toBe("same-origin");
    } finally {
      await t.close();
    }
    const policy = pageContentSecurityPolicy("abc", {
      publicOrigin: "https://rooms.example.org",
      dev: false,
    });
    expect(policy).toContain("connect-src 'self' wss://rooms.example.org");
    expect(policy).toContain("upgrade-insecure-requests");
    expect(policy).not.toContain("unsafe-eval");
  });

  it("[SEC-16] development adds only what next dev needs (eval, hot-reload sockets)", () => {
    const policy = pageContentSecurityPolicy("abc", { publicOrigin: "http://localhost:3000", dev: true });
    expect(policy).toContain("'unsafe-eval'");
    expect(policy).toContain("connect-src 'self' ws://localhost:3000 ws: wss:");
    expect(policy).not.toContain("upgrade-insecure-requests");
  });
});
