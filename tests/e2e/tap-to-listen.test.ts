import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { z } from "zod";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { signInAs } from "../support/e2e-flows";
import {
  energyOverWithoutGesture,
  evaluateWithoutGesture,
  launchChromium,
  newContext,
  screenshot,
  untouchedSignedInPage,
  waitForRisingEnergy,
} from "../support/browser";

let app: AppProcess;
let hostBrowser: Browser;
/** Chromium with the strictest autoplay rule: no sound until the person has touched the page. */
let strictBrowser: Browser;

beforeAll(async () => {
  app = await startAppProcess();
  hostBrowser = await launchChromium();
  strictBrowser = await launchChromium({ autoplay: "gesture" });
});

afterAll(async () => {
  await strictBrowser?.close();
  await hostBrowser?.close();
  await app?.stop();
});

const rectSchema = z
  .object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() })
  .nullable();

/** Where the "Tap to listen" button is, read without touching the page (null when absent). */
async function tapButtonRect(page: Page) {
  const found = await evaluateWithoutGesture(
    page,
    `(() => {
      const button = [...document.querySelectorAll("button")].find((b) => b.textContent.includes("Tap to listen"));
      if (!button) return null;
      const r = button.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    })()`,
  );
  return rectSchema.parse(found);
}

describe("[TAP-E2E] a listener whose browser blocks autoplay taps once to listen", () => {
  it(
    "sees 'Tap to listen' at phone width, hears nothing before the tap and the host right after it",
    { timeout: 120_000 },
    async () => {
      const host = await (await newContext(hostBrowser)).newPage();
      await host.goto(app.url);
      await signInAs(host, "Hana Host");
      await host.getByLabel("Start a room").getByRole("textbox").fill("Morning news");
      await host.getByRole("button", { name: "Start room" }).click();
      await host.waitForURL(/\/rooms\//);
      const roomUrl = host.url();
      await host.getByRole("button", { name: "Unmute", exact: true }).click();

      // The listener's page must never receive a gesture before the tap: signed in over HTTP, and
      // looked at only through evaluateWithoutGesture (Playwright's own evaluations count as one).
      const phone = await newContext(strictBrowser, { width: 390, height: 844 }, { phone: true });
      const listener = await untouchedSignedInPage(phone, app.url, "Tom Tapper");
      const openedAt = Date.now();
      await listener.goto(roomUrl);

      let rect = await tapButtonRect(listener);
      while (rect === null && Date.now() - openedAt < 15_000) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        rect = await tapButtonRect(listener);
      }
      if (rect === null) throw new Error("'Tap to listen' never appeared");
      const shownAfterMs = Date.now() - openedAt;
      expect(await evaluateWithoutGesture(listener, "navigator.userActivation.hasBeenActive")).toBe(false);
      // The button fits the phone's width and sits near the top, where a thumb finds it.
      expect(rect.x).toBeGreaterThanOrEqual(0);
      expect(rect.x + rect.width).toBeLessThanOrEqual(390);
      expect(rect.height).toBeGreaterThanOrEqual(44); // a comfortable touch target
      expect(rect.y + rect.height).toBeLessThan(844);

      // The host's audio is arriving (packets) but nothing is played (no energy) until the tap.
      const before = await energyOverWithoutGesture(listener, 2000);
      expect(before.packets).toBeGreaterThan(20);
      expect(before.energy).toBeLessThan(1e-6);
      await screenshot(listener, "tap-to-listen-phone");

      await listener.touchscreen.tap(rect.x + rect.width / 2, rect.y + rect.height / 2);
      const tappedAt = Date.now();
      const heard = await waitForRisingEnergy(listener, 10_000);
      expect(heard.energy).toBeGreaterThan(0);
      const heardAfterTapMs = Date.now() - tappedAt;
      await expect
        .poll(() => listener.getByRole("button", { name: "Tap to listen" }).count(), { timeout: 5_000 })
        .toBe(0);
      await screenshot(listener, "tap-to-listen-phone-after");
      process.stdout.write(
        `[TAP-E2E] button shown ${shownAfterMs} ms after opening the room; audio ${heardAfterTapMs} ms after the tap\n`,
      );
    },
  );
});
