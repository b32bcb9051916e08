import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCoturn, freeUdpPort, type Coturn } from "../support/coturn";
import { e2eSuite } from "../support/e2e-suite";
import { signInAs } from "../support/e2e-flows";
import { newContext, screenshot, waitForRisingEnergy } from "../support/browser";

// coturn first (its port goes into the app's environment), then the app and Chromium.
const turnPort = await freeUdpPort();
const secret = randomBytes(24).toString("base64url");
const METRICS_TOKEN = randomBytes(24).toString("base64url");
let coturn: Coturn | undefined;
beforeAll(async () => {
  coturn = await startCoturn({ port: turnPort, secret, realm: "audio-rooms.test" });
});
afterAll(async () => {
  await coturn?.stop();
});

const suite = e2eSuite({
  env: {
    TURN_URLS: `turn:127.0.0.1:${turnPort}?transport=udp`,
    TURN_SECRET: secret,
    // Every browser may use only relayed candidates: what reaches the SFU came through coturn.
    ICE_TRANSPORT_POLICY: "relay",
    METRICS_TOKEN: METRICS_TOKEN,
  },
});

async function firstAudioCount(): Promise<number> {
  const response = await fetch(`${suite.app.url}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  const line = (await response.text())
    .split("\n")
    .find((l) => l.startsWith("audio_rooms_join_to_first_audio_seconds_count "));
  return Number(line?.split(" ")[1] ?? "NaN");
}

type PathFacts = { policies: string[]; localTypes: string[]; iceServerUsers: string[] };

describe("[TURN-E2E] a listener forced to TURN relay hears the host", () => {
  it("[TURN-E2E-1] through the local coturn with per-person REST credentials: relay-only peer connections, relayed candidate pair, rising audio energy", async () => {
    const hostPage = await (await newContext(suite.browser)).newPage();
    await hostPage.goto(suite.app.url);
    await signInAs(hostPage, "Tara Turnhost");
    await hostPage.getByLabel("Start a room").getByRole("textbox").fill("Relayed room");
    await hostPage.getByRole("button", { name: "Start room" }).click();
    await hostPage.waitForURL(/\/rooms\//);
    const roomUrl = hostPage.url();

    const listener = await (await newContext(suite.browser)).newPage();
    await listener.goto(suite.app.url);
    await signInAs(listener, "Lars Relayed");
    await listener.goto(roomUrl);
    await expect
      .poll(() => listener.locator('[data-testid="member"]').count(), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(2);

    await hostPage.getByRole("button", { name: "Unmute", exact: true }).click();
    const heard = await waitForRisingEnergy(listener);
    expect(heard.energy).toBeGreaterThan(0);
    expect(heard.packets).toBeGreaterThan(10);

    // What the listener's browser did: relay-only configuration, TURN credentials of its own
    // (`<expiry>:<user id>`, no fixed username), and the pair in use starts at a relayed candidate.
    const facts = await listener.evaluate(async (): Promise<PathFacts> => {
      const list: unknown = Reflect.get(window, "__peerConnections");
      const pcs = Array.isArray(list) ? list.filter((pc) => pc instanceof RTCPeerConnection) : [];
      const policies: string[] = [];
      const localTypes: string[] = [];
      const iceServerUsers: string[] = [];
      for (const pc of pcs) {
        if (pc.connectionState !== "connected") continue;
        const config = pc.getConfiguration();
        policies.push(config.iceTransportPolicy ?? "unset");
        for (const server of config.iceServers ?? []) iceServerUsers.push(server.username ?? "");
        const stats: Record<string, unknown>[] = [];
        (await pc.getStats()).forEach((stat: Record<string, unknown>) => stats.push(stat));
        const transport = stats.find((s) => s.type === "transport");
        const pair = stats.find(
          (s) => s.type === "candidate-pair" && s.id === transport?.selectedCandidatePairId,
        );
        const local = stats.find((s) => s.type === "local-candidate" && s.id === pair?.localCandidateId);
        localTypes.push(String(local?.candidateType));
      }
      return { policies, localTypes, iceServerUsers };
    });
    expect(facts.policies.length).toBeGreaterThanOrEqual(1);
    expect(new Set(facts.policies)).toEqual(new Set(["relay"]));
    expect(new Set(facts.localTypes)).toEqual(new Set(["relay"]));
    for (const user of facts.iceServerUsers) expect(user).toMatch(/^\d{10}:[A-Za-z0-9_-]+$/);

    // The audio check says so in words too.
    await listener.getByRole("button", { name: "Audio check" }).click();
    const panel = listener.getByRole("dialog", { name: "Audio check" });
    await expect
      .poll(() => panel.getByTestId("check-route").textContent(), { timeout: 5_000 })
      .toMatch(/^via TURN relay \(relay, udp\)$/);
    await screenshot(listener, "turn-relay-audio-check-desktop");
    // coturn itself allocated relays for these credentials (and was never asked with the secret).
    const log = coturn?.logs.join("\n") ?? "";
    expect(log).toMatch(/ALLOCATE processed, success/);
    expect(log).not.toContain(secret);
  });

  it("[TURN-E2E-2] a listener who joins while the host speaks reports its join-to-first-audio once, and /metrics counts it", async () => {
    // The first listener joined a silent room (the host unmuted afterwards): nothing measured.
    expect(await firstAudioCount()).toBe(0);
    const hostPage = await (await newContext(suite.browser)).newPage();
    await hostPage.goto(suite.app.url);
    await signInAs(hostPage, "Tom Talker");
    await hostPage.getByLabel("Start a room").getByRole("textbox").fill("Talking already");
    await hostPage.getByRole("button", { name: "Start room" }).click();
    await hostPage.waitForURL(/\/rooms\//);
    await hostPage.getByRole("button", { name: "Unmute", exact: true }).click();
    await expect.poll(() => hostPage.getByRole("button", { name: "Mute", exact: true }).count()).toBe(1);
    const late = await (await newContext(suite.browser)).newPage();
    await late.goto(suite.app.url);
    await signInAs(late, "Lena Late");
    await late.goto(hostPage.url());
    await waitForRisingEnergy(late);
    await expect.poll(firstAudioCount, { timeout: 10_000 }).toBe(1);
  });
});
