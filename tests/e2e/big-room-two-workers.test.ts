import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { e2eSuite } from "../support/e2e-suite";
import { signInAs } from "../support/e2e-flows";
import { newContext, screenshot, waitForRisingEnergy } from "../support/browser";

// Two media workers: the host produces on the room's origin router, and the two listeners are
// placed by consumer count, so the second one lands on the other worker's listener router.
const suite = e2eSuite({ env: { MEDIA_WORKERS: "2" } });

/** The server port of the page's selected ICE pair: each worker has its own WebRtcServer port. */
function remoteMediaPort(page: Page): Promise<number | null> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? [];
    for (const pc of pcs) {
      const stats = await pc.getStats();
      let inbound = false;
      const pairs: { remoteCandidateId: string; nominated?: boolean; state: string }[] = [];
      const candidates = new Map<string, number>();
      stats.forEach((stat: { type: string; kind?: string; id: string; port?: number; remoteCandidateId?: string; nominated?: boolean; state?: string }) => {
        if (stat.type === "inbound-rtp" && stat.kind === "audio") inbound = true;
        if (stat.type === "candidate-pair" && stat.remoteCandidateId) {
          pairs.push({ remoteCandidateId: stat.remoteCandidateId, nominated: stat.nominated, state: stat.state ?? "" });
        }
        if (stat.type === "remote-candidate" && typeof stat.port === "number") candidates.set(stat.id, stat.port);
      });
      const selected = pairs.find((pair) => pair.nominated && pair.state === "succeeded");
      if (inbound && selected) return candidates.get(selected.remoteCandidateId) ?? null;
    }
    return null;
  });
}

describe("[BIG-E2E] a room spans both media workers", () => {
  it("two Chromium listeners placed on different workers both hear the host", async () => {
    const hostPage = await (await newContext(suite.browser)).newPage();
    await hostPage.goto(suite.app.url);
    await signInAs(hostPage, "Wendy Workers");
    await hostPage.getByLabel("Start a room").getByRole("textbox").fill("Two cores, one room");
    await hostPage.getByRole("button", { name: "Start room" }).click();
    await hostPage.waitForURL(/\/rooms\//);
    const roomUrl = hostPage.url();
    await hostPage.getByRole("button", { name: "Unmute", exact: true }).click();

    const listeners: Page[] = [];
    for (const name of ["Una Origin", "Lars Listener"]) {
      const page = await (await newContext(suite.browser)).newPage();
      await page.goto(suite.app.url);
      await signInAs(page, name);
      await page.goto(roomUrl);
      // Each listener is fully consuming before the next arrives, so placement sees its consumer.
      const heard = await waitForRisingEnergy(page);
      expect(heard.packets).toBeGreaterThan(10);
      listeners.push(page);
    }

    const ports = await Promise.all(listeners.map((page) => remoteMediaPort(page)));
    expect(ports.every((port) => typeof port === "number" && port > 0)).toBe(true);
    expect(new Set(ports).size).toBe(2);

    // Both keep hearing at once, each through its own worker.
    for (const page of listeners) {
      const heard = await waitForRisingEnergy(page);
      expect(heard.energy).toBeGreaterThan(0);
    }
    await screenshot(listeners[1]!, "big-room-second-worker-listener-desktop");
  });
});
