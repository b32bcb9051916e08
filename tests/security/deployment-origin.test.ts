import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config/env";
import { api, errorCode } from "../support/api-client";
import { startTestApp, type TestApp } from "../support/test-app";
import { capturedLogger } from "./captured-logs";

/** Whether a Socket.IO connection with this Origin is let in. */
async function socketAccepted(url: string, origin: string): Promise<boolean> {
  const socket = connect(url, {
    transports: ["websocket"],
    extraHeaders: { origin },
    reconnection: false,
    forceNew: true,
  });
  try {
    return await new Promise<boolean>((resolve) => {
      // GUEST_LISTENING=false refuses the cookie-less socket later, in the auth middleware: an
      // answer of any kind from Socket.IO's middleware means the upgrade itself was allowed.
      socket.once("connect", () => resolve(true));
      socket.once("connect_error", (error) => resolve(error.message !== "websocket error"));
    });
  } finally {
    socket.disconnect();
  }
}

describe("[SEC-15a] only the configured origin, scheme included, may write or open a socket", () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await startTestApp("pglite", { PUBLIC_ORIGIN: "https://rooms.example.org" });
    url = t.app.url.replace("localhost", "127.0.0.1");
  });
  afterAll(async () => {
    await t?.close();
  });

  const signIn = (origin: string) =>
    api(url, "POST", "/api/session", {
      body: { username: "nobody_here", password: "wrong password" },
      headers: { origin },
    });

  it("[SEC-15a] an http Origin of the https site is refused; the https origin itself is served", async () => {
    expect(errorCode(await signIn("http://rooms.example.org"))).toBe("forbidden");
    expect(errorCode(await signIn("https://rooms.example.org:8443"))).toBe("forbidden");
    expect(errorCode(await signIn(`http://${new URL(url).host}`))).toBe("forbidden");
    expect(errorCode(await signIn("null"))).toBe("forbidden");
    // The configured origin reaches the route (and gets its ordinary answer).
    expect(errorCode(await signIn("https://rooms.example.org"))).toBe("unauthorized");
  });

  it("[SEC-15a] a socket from the http origin is refused at the handshake", async () => {
    expect(await socketAccepted(url, "http://rooms.example.org")).toBe(false);
    // The Host the socket was sent to is no substitute for the configured origin.
    expect(await socketAccepted(url, `http://${new URL(url).host}`)).toBe(false);
    expect(await socketAccepted(url, `https://${new URL(url).host}`)).toBe(false);
    expect(await socketAccepted(url, "https://rooms.example.org")).toBe(true);
  });
});

describe("[SEC-15a] without PUBLIC_ORIGIN (a local install) the Host it was sent to, over http only", () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await startTestApp("pglite");
    url = t.app.url.replace("localhost", "127.0.0.1");
  });
  afterAll(async () => {
    await t?.close();
  });

  it("[SEC-15a] http://<Host> passes, https://<Host> and other hosts do not", async () => {
    const host = new URL(url).host;
    const signIn = (origin: string) =>
      api(url, "POST", "/api/session", {
        body: { username: "x_user", password: "wrong pw" },
        headers: { origin },
      });
    expect(errorCode(await signIn(`http://${host}`))).toBe("unauthorized");
    expect(errorCode(await signIn(`https://${host}`))).toBe("forbidden");
    expect(errorCode(await signIn("http://evil.example"))).toBe("forbidden");
  });
});

describe("[SEC-15b] https without an https PUBLIC_ORIGIN is refused, never served with non-Secure cookies", () => {
  it("[SEC-15b] production listening beyond localhost without PUBLIC_ORIGIN does not start", () => {
    expect(() => loadConfig({ NODE_ENV: "production", HOST: "0.0.0.0" })).toThrow(
      /PUBLIC_ORIGIN: required in production when HOST=0\.0\.0\.0/,
    );
    expect(() =>
      loadConfig({ NODE_ENV: "production", HOST: "0.0.0.0", PUBLIC_ORIGIN: "https://rooms.example.org" }),
    ).not.toThrow();
    expect(() => loadConfig({ NODE_ENV: "production", HOST: "localhost" })).not.toThrow();
    expect(() => loadConfig({ NODE_ENV: "development", HOST: "0.0.0.0" })).not.toThrow();
  });

  it("[SEC-15b] in production a request that arrived over https while PUBLIC_ORIGIN is http gets 421 and a clear log", async () => {
    const { logger, lines } = capturedLogger();
    const t = await startTestApp("pglite", { NODE_ENV: "production", REGISTRATION_MODE: "open" }, { logger });
    try {
      const url = t.app.url.replace("localhost", "127.0.0.1");
      const viaTls = await fetch(`${url}/api/signup`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-audio-rooms-csrf": "1",
          "x-forwarded-proto": "https",
        },
        body: JSON.stringify({
          username: "over_tls",
          displayName: "T",
          password: "a long enough passphrase",
        }),
      });
      expect(viaTls.status).toBe(421);
      expect(viaTls.headers.get("set-cookie")).toBeNull();
      expect(await viaTls.text()).toMatch(
        /PUBLIC_ORIGIN is http:\/\/localhost:0.*Set PUBLIC_ORIGIN to the https URL/,
      );
      expect(
        lines.some(
          (line) => line.includes('"level":50') && line.includes("session cookies would lose Secure"),
        ),
      ).toBe(true);
      // Plain http (what PUBLIC_ORIGIN says) is served as before.
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it("[SEC-15b] with an https PUBLIC_ORIGIN the same request is served and its cookie is Secure", async () => {
    const t = await startTestApp("pglite", {
      NODE_ENV: "production",
      REGISTRATION_MODE: "open",
      PUBLIC_ORIGIN: "https://rooms.example.org",
    });
    try {
      const url = t.app.url.replace("localhost", "127.0.0.1");
      const answer = await fetch(`${url}/api/signup`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-audio-rooms-csrf": "1",
          "x-forwarded-proto": "https",
        },
        body: JSON.stringify({
          username: "secure_one",
          displayName: "S",
          password: "a long enough passphrase",
        }),
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get("set-cookie")).toMatch(/; Secure/);
    } finally {
      await t.close();
    }
  });
});
