import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { e2eSuite } from "../support/e2e-suite";
import { signInAs } from "../support/e2e-flows";
import { energyOver, newContext, screenshot, waitForRisingEnergy } from "../support/browser";

const suite = e2eSuite();

describe("[MEDIA-E2E] a host speaks and listeners hear, in real browsers", () => {
  it("two listeners and a guest hear the host while unmuted, and nothing after the host mutes", async () => {
    const hostPage = await (await newContext(suite.browser)).newPage();
    await hostPage.goto(suite.app.url);
    await signInAs(hostPage, "Hana Host");
    await hostPage.getByLabel("Start a room").getByRole("textbox").fill("Tuesday music chat");
    await hostPage.getByRole("button", { name: "Start room" }).click();
    await hostPage.waitForURL(/\/rooms\//);
    const roomUrl = hostPage.url();
    await expect
      .poll(() => hostPage.locator('[data-testid="member"][data-role="host"]').count(), { timeout: 15_000 })
      .toBe(1);

    const listeners: Page[] = [];
    for (const name of ["Lia Listener", "Leo Listener"]) {
      const page = await (await newContext(suite.browser)).newPage();
      await page.goto(suite.app.url);
      await signInAs(page, name);
      await page.goto(roomUrl);
      await expect
        .poll(() => page.locator('[data-testid="member"]').count(), { timeout: 15_000 })
        .toBeGreaterThanOrEqual(2);
      listeners.push(page);
    }
    // A visitor with no account drops in as a guest: they can listen, not raise a hand.
    const guest = await (await newContext(suite.browser)).newPage();
    await guest.goto(roomUrl);
    await guest.getByRole("link", { name: "Sign up to speak" }).waitFor({ timeout: 15_000 });
    expect(await guest.getByRole("button", { name: "Raise hand" }).count()).toBe(0);
    listeners.push(guest);
    await expect
      .poll(() => hostPage.locator('[data-testid="member"][data-role="listener"]').count(), {
        timeout: 10_000,
      })
      .toBe(3);

    // Muted on arrival: nothing reaches listeners yet.
    for (const page of listeners) {
      const silent = await energyOver(page, 1500);
      expect(silent.packets).toBe(0);
      expect(silent.energy).toBeLessThan(1e-6);
    }

    await hostPage.getByRole("button", { name: "Unmute", exact: true }).click();
    for (const page of listeners) {
      const heard = await waitForRisingEnergy(page);
      expect(heard.energy).toBeGreaterThan(0);
      expect(heard.packets).toBeGreaterThan(10);
    }
    await expect
      .poll(() =>
        listeners[0]!.locator('[data-testid="member"][data-role="host"]').getAttribute("data-muted"),
      )
      .toBe("false");

    // The audio check tells a listener, in numbers and in words, that audio is arriving.
    const checker = listeners[0]!;
    await checker.getByRole("button", { name: "Audio check" }).click();
    const panel = checker.getByRole("dialog", { name: "Audio check" });
    await expect
      .poll(() => panel.getByTestId("check-connection").textContent(), { timeout: 5_000 })
      .toBe("Connected");
    await expect
      .poll(async () => Number(await panel.getByTestId("check-packets-received").textContent()), {
        timeout: 5_000,
      })
      .toBeGreaterThan(10);
    expect(await panel.getByTestId("check-route").textContent()).toMatch(/direct \(host, (udp|tcp)\)/);
    expect(await panel.getByRole("status").textContent()).toBe("Everything looks right: audio is arriving.");
    await screenshot(checker, "audio-check-desktop");
    await panel.getByRole("button", { name: "Close" }).click();

    await screenshot(hostPage, "room-host-desktop");
    await screenshot(listeners[0]!, "room-listener-desktop");
    await listeners[1]!.setViewportSize({ width: 390, height: 844 });
    await screenshot(listeners[1]!, "room-listener-phone");
    await guest.setViewportSize({ width: 390, height: 844 });
    await screenshot(guest, "room-guest-phone");

    await hostPage.getByRole("button", { name: "Mute", exact: true }).click();
    await hostPage.waitForTimeout(1500); // let in-flight packets and the jitter buffer drain
    for (const page of listeners) {
      const after = await energyOver(page, 2000);
      expect(after.packets).toBe(0);
      expect(after.energy).toBeLessThan(1e-6);
    }

    // The hallway lists the live room (desktop and phone width).
    const hallway = await (await newContext(suite.browser)).newPage();
    await hallway.goto(suite.app.url);
    await signInAs(hallway, "Hallway Visitor");
    await expect
      .poll(() => hallway.getByRole("link", { name: /Tuesday music chat/ }).count(), { timeout: 10_000 })
      .toBe(1);
    await screenshot(hallway, "hallway-desktop");
    await hallway.setViewportSize({ width: 390, height: 844 });
    await screenshot(hallway, "hallway-phone");
  });
});
