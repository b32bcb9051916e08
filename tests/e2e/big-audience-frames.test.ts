import { describe, expect, it } from "vitest";
import { e2eSuite } from "../support/e2e-suite";
import { signInAs } from "../support/e2e-flows";
import { energyOver, newContext, screenshot, waitForRisingEnergy } from "../support/browser";

const suite = e2eSuite();

describe("[FRAMES-E2E] a big-audience room sends 60 ms Opus frames", () => {
  it(
    "the host ticks Big audience; Chromium then sends a third of the packets, and the listener hears the host",
    { timeout: 90_000 },
    async () => {
      const hostPage = await (await newContext(suite.browser)).newPage();
      await hostPage.goto(suite.app.url);
      await signInAs(hostPage, "Bea Broadcast");
      const card = hostPage.getByLabel("Start a room");
      await card.getByRole("textbox").first().fill("Town hall for thousands");
      await card.getByRole("button", { name: "More options" }).click();
      await card.getByRole("checkbox", { name: /Big audience/ }).check();
      await screenshot(hostPage, "start-room-big-audience-desktop");
      await hostPage.setViewportSize({ width: 390, height: 844 });
      await screenshot(hostPage, "start-room-big-audience-phone");
      await hostPage.setViewportSize({ width: 1280, height: 860 });
      await card.getByRole("button", { name: "Start room" }).click();
      await hostPage.waitForURL(/\/rooms\//);
      const roomUrl = hostPage.url();
      await hostPage.getByRole("button", { name: "Unmute", exact: true }).click();

      const listener = await (await newContext(suite.browser)).newPage();
      await listener.goto(suite.app.url);
      await signInAs(listener, "Leo Listening");
      await listener.goto(roomUrl);
      expect((await waitForRisingEnergy(listener)).energy).toBeGreaterThan(0);

      // 60 ms frames: about 16.7 packets a second reach the listener (20 ms frames would be 50).
      const heard = await energyOver(listener, 3000);
      const packetsPerSecond = heard.packets / 3;
      expect(heard.energy).toBeGreaterThan(0);
      expect(packetsPerSecond).toBeGreaterThan(12);
      expect(packetsPerSecond).toBeLessThan(21);
      process.stdout.write(
        `[FRAMES-E2E] big-audience room: ${packetsPerSecond.toFixed(1)} packets/s per listener (20 ms frames: 50)\n`,
      );
    },
  );
});
