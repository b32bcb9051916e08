import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { e2eSuite } from "../support/e2e-suite";
import { signInAs } from "../support/e2e-flows";
import { energyOver, newContext, screenshot, waitForRisingEnergy } from "../support/browser";
import { pidOnUdpPort } from "../support/worker-processes";

// Two media workers: the host produces on the room's origin router, and the two listeners are
// placed by consumer seats, so the second one lands on the other worker's listener router.
const suite = e2eSuite({ env: { MEDIA_WORKERS: "2" } });

/**
 * The server port of the page's selected ICE pair on the peer connection that receives (or sends)
 * audio: each worker has its own WebRtcServer port, so the port says which worker serves it.
 */
function remoteMediaPort(page: Page, rtpType: "inbound-rtp" | "outbound-rtp"): Promise<number | null> {
  return page.evaluate(async (wanted) => {
    const pcs = (window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? [];
    for (const pc of pcs) {
      if (pc.connectionState === "closed") continue;
      const stats = await pc.getStats();
      let carriesAudio = false;
      const pairs: { remoteCandidateId: string; nominated?: boolean; state: string }[] = [];
      const candidates = new Map<string, number>();
      stats.forEach(
        (stat: {
          type: string;
          kind?: string;
          id: string;
          port?: number;
          remoteCandidateId?: string;
          nominated?: boolean;
          state?: string;
        }) => {
          if (stat.type === wanted && stat.kind === "audio") carriesAudio = true;
          if (stat.type === "candidate-pair" && stat.remoteCandidateId) {
            pairs.push({
              remoteCandidateId: stat.remoteCandidateId,
              nominated: stat.nominated,
              state: stat.state ?? "",
            });
          }
          if (stat.type === "remote-candidate" && typeof stat.port === "number")
            candidates.set(stat.id, stat.port);
        },
      );
      const selected = pairs.find((pair) => pair.nominated && pair.state === "succeeded");
      if (carriesAudio && selected) return candidates.get(selected.remoteCandidateId) ?? null;
    }
    return null;
  }, rtpType);
}

const peerConnections = (page: Page) =>
  page.evaluate(
    () => ((window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? []).length,
  );

describe("[BIG-E2E] a room spans both media workers", () => {
  it(
    "two Chromium listeners on different workers both hear the host; killing one listener's worker moves only that listener",
    { timeout: 120_000 },
    async () => {
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
        // Each listener is receiving before the next arrives, so placement sees its seat.
        await waitForRisingEnergy(page);
        // A whole second once audio flows (the first window may have caught only its start).
        expect((await energyOver(page, 1000)).packets).toBeGreaterThan(10);
        listeners.push(page);
      }

      const originPort = await remoteMediaPort(hostPage, "outbound-rtp");
      const ports = await Promise.all(listeners.map((page) => remoteMediaPort(page, "inbound-rtp")));
      expect(ports.every((port) => typeof port === "number" && port > 0)).toBe(true);
      expect(new Set(ports).size).toBe(2);
      expect(ports).toContain(originPort);

      // Both keep hearing at once, each through its own worker.
      for (const page of listeners) expect((await waitForRisingEnergy(page)).energy).toBeGreaterThan(0);
      await screenshot(listeners[1]!, "big-room-second-worker-listener-desktop");

      // Kill the worker that serves only the second listener: the first and the host must not notice.
      const movedIndex = ports.findIndex((port) => port !== originPort);
      const moved = listeners[movedIndex]!;
      const stayed = listeners[1 - movedIndex]!;
      const victim = pidOnUdpPort(ports[movedIndex]!);
      if (victim === null) throw new Error("no process on the listener worker's port");
      const hostConnections = await peerConnections(hostPage);
      const stayedConnections = await peerConnections(stayed);
      process.kill(victim, "SIGKILL");
      const killedAt = Date.now();

      // Measured side by side: the moved listener's way back, and the origin listener hearing in
      // every second after the kill (no gap).
      const movedBack = waitForRisingEnergy(moved, 10_000).then(() => Date.now() - killedAt);
      for (let second = 0; second < 3; second++)
        expect((await energyOver(stayed, 1000)).packets).toBeGreaterThan(30);
      const movedBackMs = await movedBack;
      expect(movedBackMs).toBeLessThan(10_000);
      // Nobody else rebuilt anything: the host kept its send transport and the first listener its receiver.
      expect(await peerConnections(hostPage)).toBe(hostConnections);
      expect(await peerConnections(stayed)).toBe(stayedConnections);
      expect(await remoteMediaPort(moved, "inbound-rtp")).toBe(originPort);
      expect(await hostPage.getByText("Reconnecting").count()).toBe(0);
      process.stdout.write(
        `[BIG-E2E] listener worker SIGKILL → moved listener hears again after ${movedBackMs} ms; others: no gap\n`,
      );
    },
  );
});
