import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config/env";
import { iceServersProvider, turnCredentials } from "../../server/realtime/turn-credentials";

const SECRET = "a-secret-only-coturn-and-the-server-know";
const turn = {
  urls: ["turn:turn.example.org:3478", "turns:turn.example.org:5349"],
  secret: SECRET,
  ttlSeconds: 3600,
};
const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);

describe("[TURN-CRED] TURN REST credentials", () => {
  it("[TURN-CRED-1] username is <expiry>:<id>, credential base64(HMAC-SHA1(secret, username)), as coturn's use-auth-secret checks", () => {
    const server = turnCredentials(turn, "user_123", NOW);
    const expiry = NOW / 1000 + 3600;
    expect(server.username).toBe(`${expiry}:user_123`);
    expect(server.credential).toBe(createHmac("sha1", SECRET).update(`${expiry}:user_123`).digest("base64"));
    expect(server.urls).toEqual(turn.urls);
    expect(JSON.stringify(server)).not.toContain(SECRET);
  });

  it("[TURN-CRED-2] every person and every moment gets other credentials; a colon in an id cannot move the expiry", () => {
    const a = turnCredentials(turn, "guest-1", NOW);
    const b = turnCredentials(turn, "guest-2", NOW);
    const later = turnCredentials(turn, "guest-1", NOW + 5000);
    expect(new Set([a.credential, b.credential, later.credential]).size).toBe(3);
    expect(later.username).toBe(`${NOW / 1000 + 3605}:guest-1`);
    expect(turnCredentials(turn, "x:9999999999", NOW).username).toBe(`${NOW / 1000 + 3600}:x_9999999999`);
  });

  it("[TURN-CRED-3] without TURN the fixed ICE_SERVERS list is handed out unchanged; with it, credentials are added per call", () => {
    const stun = [{ urls: "stun:stun.example.org:3478" }];
    expect(iceServersProvider(stun, null)("u1")).toEqual(stun);
    let now = NOW;
    const provide = iceServersProvider(stun, turn, () => now);
    const first = provide("u1");
    now += 60_000;
    const second = provide("u1");
    expect(first[0]).toEqual(stun[0]);
    expect(first[1]?.username).toBe(`${NOW / 1000 + 3600}:u1`);
    expect(second[1]?.username).toBe(`${NOW / 1000 + 3660}:u1`);
  });
});

describe("[TURN-CONFIG] TURN and metrics settings", () => {
  const load = (env: Record<string, string>) => () => loadConfig({ NODE_ENV: "test", ...env });

  it("[TURN-CONFIG-1] TURN_URLS are split and checked; the secret comes with them or not at all", () => {
    const config = loadConfig({
      NODE_ENV: "test",
      TURN_URLS: " turn:t.example.org:3478 , turns:t.example.org:5349?transport=tcp",
      TURN_SECRET: SECRET,
    });
    expect(config.TURN_URLS).toEqual(["turn:t.example.org:3478", "turns:t.example.org:5349?transport=tcp"]);
    expect(config.TURN_TTL_SECONDS).toBe(3600);
    expect(config.ICE_TRANSPORT_POLICY).toBe("all");
    expect(load({ TURN_URLS: "stun:t.example.org", TURN_SECRET: SECRET })).toThrow(/TURN_URLS/);
    expect(load({ TURN_URLS: "turn:t.example.org:3478" })).toThrow(/TURN_SECRET: required with TURN_URLS/);
    expect(load({ TURN_SECRET: SECRET })).toThrow(/TURN_URLS: required with TURN_SECRET/);
    expect(load({ TURN_URLS: "turn:t.example.org", TURN_SECRET: "short" })).toThrow(/at least 16/);
    expect(load({ ICE_TRANSPORT_POLICY: "relay" })).toThrow(
      /ICE_TRANSPORT_POLICY: relay needs a TURN server/,
    );
    expect(
      loadConfig({
        NODE_ENV: "test",
        ICE_TRANSPORT_POLICY: "relay",
        ICE_SERVERS: '[{"urls":"turn:t.example.org"}]',
      }).ICE_TRANSPORT_POLICY,
    ).toBe("relay");
  });

  it("[TURN-CONFIG-2] METRICS_TOKEN must be long enough to guess at; METRICS_PORT is a port, on loopback by default", () => {
    expect(load({ METRICS_TOKEN: "abc" })).toThrow(/METRICS_TOKEN must be at least 16/);
    const config = loadConfig({ NODE_ENV: "test", METRICS_PORT: "9464" });
    expect(config.METRICS_PORT).toBe(9464);
    expect(config.METRICS_HOST).toBe("127.0.0.1");
    expect(load({ METRICS_PORT: "70000" })).toThrow(/METRICS_PORT/);
  });
});
