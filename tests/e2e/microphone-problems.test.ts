import { describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { e2eSuite } from "../support/e2e-suite";
import { signInAs } from "../support/e2e-flows";
import { energyOver, newContext, screenshot, waitForRisingEnergy } from "../support/browser";

const suite = e2eSuite();

/**
 * The speaker's suite.browser, with a microphone the test controls: getUserMedia fails with the
 * DOMException named in `window.__micFailure` (what Chromium throws when the person blocks the
 * site, or when there is no device), and every track it hands out is kept so the test can
 * "unplug" it (stop it and fire 'ended', as the browser does when a headset is pulled out).
 */
async function speakerContext(failure: "NotAllowedError" | "NotFoundError"): Promise<BrowserContext> {
  const context = await newContext(suite.browser, { width: 390, height: 844 });
  await context.addInitScript({
    content: `(() => {
      window.__micFailure = ${JSON.stringify(failure)};
      window.__micTracks = [];
      const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = async (constraints) => {
        if (window.__micFailure) throw new DOMException("blocked by the test", window.__micFailure);
        const stream = await original(constraints);
        window.__micTracks.push(...stream.getAudioTracks());
        return stream;
      };
    })();`,
  });
  return context;
}

const setMicFailure = (page: Page, failure: string | null) =>
  page.evaluate((value) => Reflect.set(window, "__micFailure", value), failure);
const tile = (page: Page, name: string) => page.locator(`[data-testid="member"][data-name="${name}"]`);
const micCard = (page: Page) => page.getByRole("alert", { name: "Microphone problem" });

describe("[MIC-E2E] a speaker's microphone problems are explained, fixable, and the room sees them muted", () => {
  it(
    "denied, then no device, then fixed with Try again; unplugged mid-talk mutes them for everyone",
    { timeout: 150_000 },
    async () => {
      const host = await (await speakerContext("NotAllowedError")).newPage();
      await host.goto(suite.app.url);
      await signInAs(host, "Mia Mic");
      await host.getByLabel("Start a room").getByRole("textbox").fill("Mic trouble");
      await host.getByRole("button", { name: "Start room" }).click();
      await host.waitForURL(/\/rooms\//);
      const roomUrl = host.url();

      const listener = await (await newContext(suite.browser)).newPage();
      await listener.goto(suite.app.url);
      await signInAs(listener, "Leo Listener");
      await listener.goto(roomUrl);
      await tile(listener, "Mia Mic").waitFor({ timeout: 20_000 });

      // 1. Permission denied: a clear message with the site-settings steps and Try again.
      await micCard(host).waitFor({ timeout: 15_000 });
      expect(await micCard(host).getAttribute("data-problem")).toBe("denied");
      expect(await micCard(host).textContent()).toContain("Microphone access is blocked");
      expect(await micCard(host).textContent()).toContain("Site settings");
      await screenshot(host, "mic-denied-phone");
      // Unmuting without a microphone is refused on the spot: the room never sees a silent live speaker.
      await host.getByRole("button", { name: "Unmute", exact: true }).click();
      await host.waitForTimeout(1500);
      expect(await tile(listener, "Mia Mic").getAttribute("data-muted")).toBe("true");
      expect(await host.getByRole("button", { name: "Unmute", exact: true }).count()).toBe(1);
      expect(await micCard(host).getAttribute("data-problem")).toBe("denied");

      // 2. No device: Try again gives the matching message.
      await setMicFailure(host, "NotFoundError");
      await micCard(host).getByRole("button", { name: "Try again" }).click();
      await expect
        .poll(() => micCard(host).getAttribute("data-problem"), { timeout: 5_000 })
        .toBe("no-device");
      expect(await micCard(host).textContent()).toContain("No microphone found");

      // 3. Fixed: Try again clears the message; unmuting works and the listener hears the host.
      await setMicFailure(host, null);
      await micCard(host).getByRole("button", { name: "Try again" }).click();
      await expect.poll(() => micCard(host).count(), { timeout: 10_000 }).toBe(0);
      await host.getByRole("button", { name: "Unmute", exact: true }).click();
      await expect
        .poll(() => tile(listener, "Mia Mic").getAttribute("data-muted"), { timeout: 5_000 })
        .toBe("false");
      await waitForRisingEnergy(listener);

      // 4. Unplugged mid-talk: the track ends; the host is told, and muted for everyone.
      await host.evaluate(() => {
        const tracks: unknown = Reflect.get(window, "__micTracks");
        const track: unknown = Array.isArray(tracks) ? tracks.at(-1) : undefined;
        if (!(track instanceof MediaStreamTrack)) throw new Error("no microphone track recorded");
        track.stop();
        track.dispatchEvent(new Event("ended"));
      });
      await expect
        .poll(() => micCard(host).getAttribute("data-problem"), { timeout: 5_000 })
        .toBe("unplugged");
      await expect
        .poll(() => tile(listener, "Mia Mic").getAttribute("data-muted"), { timeout: 5_000 })
        .toBe("true");
      await expect
        .poll(() => tile(host, "Mia Mic").getAttribute("data-muted"), { timeout: 5_000 })
        .toBe("true");
      expect(await micCard(host).textContent()).toContain("Your microphone was disconnected");
      await screenshot(host, "mic-unplugged-phone");
      await listener.waitForTimeout(1000);
      expect((await energyOver(listener, 1500)).packets).toBe(0);

      // Plugged back in: Try again, unmute, heard again.
      await micCard(host).getByRole("button", { name: "Try again" }).click();
      await expect.poll(() => micCard(host).count(), { timeout: 10_000 }).toBe(0);
      await host.getByRole("button", { name: "Unmute", exact: true }).click();
      await waitForRisingEnergy(listener);
    },
  );
});
