import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { signInAs } from "../support/e2e-flows";
import { energyOver, launchChromium, newContext, screenshot, waitForRisingEnergy } from "../support/browser";
import { TcpCutProxy, UdpCutProxy, freeMediaPort, routeMediaThrough } from "../support/network-cut";

let app: AppProcess;
let browser: Browser;
let mediaPort = 0;
let mediaRelay: UdpCutProxy;
let appRelay: TcpCutProxy;

beforeAll(async () => {
  mediaPort = await freeMediaPort();
  app = await startAppProcess({ env: { MEDIA_PORT: String(mediaPort) } });
  mediaRelay = await UdpCutProxy.start(mediaPort);
  appRelay = await TcpCutProxy.start(app.port);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await mediaRelay?.close();
  await appRelay?.close();
  await app?.stop();
});

const tile = (page: Page, name: string) => page.locator(`[data-testid="member"][data-name="${name}"]`);
const peerConnectionCount = (page: Page) =>
  page.evaluate(() => {
    const connections: unknown = Reflect.get(window, "__peerConnections");
    return Array.isArray(connections) ? connections.length : 0;
  });

/**
 * Cuts the listener's whole network (signalling and media), keeps it cut for `ms`, gives it back.
 * Meanwhile counts what still arrives and watches for the "Reconnecting…" banner (screenshotted).
 */
async function dropNetwork(
  page: Page,
  ms: number,
  shot: string,
): Promise<{ sawReconnecting: boolean; packetsDuringCut: number }> {
  mediaRelay.cut();
  appRelay.cut();
  const cutAt = Date.now();
  let sawReconnecting = false;
  let packetsDuringCut = 0;
  await page.waitForTimeout(300); // packets already in flight still land
  while (Date.now() - cutAt < ms - 600) {
    packetsDuringCut += (await energyOver(page, 400)).packets;
    if (!sawReconnecting && (await page.getByText("Reconnecting…").count()) > 0) {
      sawReconnecting = true;
      await screenshot(page, shot);
    }
  }
  await page.waitForTimeout(Math.max(0, ms - (Date.now() - cutAt)));
  mediaRelay.restore();
  appRelay.restore();
  return { sawReconnecting, packetsDuringCut };
}

describe("[NETDROP-E2E] a listener's network drops for seconds and comes back: audio returns without reload, same role", () => {
  it(
    "shows 'Reconnecting…' during a 5 s drop and hears the host again within 10 s, then survives an 18 s drop by a full rejoin",
    { timeout: 180_000 },
    async () => {
      const host = await (await newContext(browser)).newPage();
      await host.goto(app.url);
      await signInAs(host, "Hana Host");
      await host.getByLabel("Start a room").getByRole("textbox").fill("Shaky Wi-Fi");
      await host.getByRole("button", { name: "Start room" }).click();
      await host.waitForURL(/\/rooms\//);
      const roomPath = new URL(host.url()).pathname;

      // The listener reaches the app and the media server only through the test's relays.
      const context = await newContext(browser, { width: 390, height: 844 });
      await routeMediaThrough(context, mediaPort, mediaRelay.port);
      const listener = await context.newPage();
      const viaRelay = `http://localhost:${appRelay.port}`;
      await listener.goto(viaRelay);
      await signInAs(listener, "Wanda Wifi");
      await listener.goto(`${viaRelay}${roomPath}`);
      await tile(listener, "Wanda Wifi").waitFor({ timeout: 20_000 });
      // A quiet room (host muted) is not a dropped one: browsers stop checking an idle path, and
      // that silence must not be taken for a drop.
      for (let i = 0; i < 16; i++) {
        expect(await listener.getByText("Reconnecting…").count()).toBe(0);
        await listener.waitForTimeout(500);
      }
      await host.getByRole("button", { name: "Unmute", exact: true }).click();
      await waitForRisingEnergy(listener);
      expect(mediaRelay.counts.relayed).toBeGreaterThan(50); // media really goes through the relay
      expect(await tile(host, "Wanda Wifi").getAttribute("data-role")).toBe("listener");
      const pcsBefore = await peerConnectionCount(listener);
      const loadedAt = await listener.evaluate(() => performance.timeOrigin);

      // 1. A 5 s drop: the app notices by itself (no ICE state change comes that fast) and says so.
      const short = await dropNetwork(listener, 5_000, "network-drop-reconnecting-phone");
      const backAt = Date.now();
      expect(short.packetsDuringCut).toBe(0); // a real drop: nothing arrived
      expect(short.sawReconnecting).toBe(true);
      await waitForRisingEnergy(listener, 10_000);
      const shortRecoveryMs = Date.now() - backAt;
      await expect.poll(() => listener.getByText("Reconnecting…").count(), { timeout: 10_000 }).toBe(0);
      // Same page (no reload), same role; ICE restart was enough: no new peer connection.
      expect(await listener.evaluate(() => performance.timeOrigin)).toBe(loadedAt);
      expect(await tile(listener, "Wanda Wifi").getAttribute("data-role")).toBe("listener");
      expect(await peerConnectionCount(listener)).toBe(pcsBefore);

      // 2. An 18 s drop: the ICE restart's request times out (10 s) while the network is gone, so the
      // app falls back to a full rejoin (new transports, same room state) and audio still comes back.
      const long = await dropNetwork(listener, 18_000, "network-drop-long-reconnecting-phone");
      const longBackAt = Date.now();
      expect(long.packetsDuringCut).toBe(0);
      expect(long.sawReconnecting).toBe(true);
      await waitForRisingEnergy(listener, 15_000);
      const longRecoveryMs = Date.now() - longBackAt;
      expect(await listener.evaluate(() => performance.timeOrigin)).toBe(loadedAt);
      expect(await tile(listener, "Wanda Wifi").getAttribute("data-role")).toBe("listener");
      expect(await tile(host, "Wanda Wifi").getAttribute("data-role")).toBe("listener");
      expect(await peerConnectionCount(listener)).toBeGreaterThan(pcsBefore); // new transports: the rejoin
      process.stdout.write(
        `[NETDROP-E2E] 5 s drop → audio back ${shortRecoveryMs} ms after the network returned; 18 s drop → ${longRecoveryMs} ms; peer connections ${pcsBefore} → ${await peerConnectionCount(listener)}\n`,
      );
    },
  );
});
