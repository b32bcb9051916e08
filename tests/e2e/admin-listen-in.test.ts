import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { e2eSuite } from "../support/e2e-suite";
import { fillSignUp, signInAs } from "../support/e2e-flows";
import { newContext, screenshot, waitForRisingEnergy } from "../support/browser";

/** The moderator signs up as ADMIN_USERNAME: that account is the server's admin (platform staff). */
const STAFF_USERNAME = "console_mod";
const suite = e2eSuite({ env: { ADMIN_USERNAME: STAFF_USERNAME } });

const memberNames = (page: Page) =>
  page
    .locator('[data-testid="member"]')
    .evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute("data-name")));

describe("[TS-LISTEN-E2E] a moderator listens in silently and ends the room with a reason", () => {
  it("[TS-LISTEN-E2E-1] the moderator hears the host while nobody in the room sees them; the listener reads the moderators' reason", async () => {
    const hostPage = await (await newContext(suite.browser)).newPage();
    await hostPage.goto(suite.app.url);
    await signInAs(hostPage, "Hana Host");
    await hostPage.getByLabel("Start a room").getByRole("textbox").fill("Late night talk");
    await hostPage.getByRole("button", { name: "Start room" }).click();
    await hostPage.waitForURL(/\/rooms\//);
    const roomUrl = hostPage.url();
    await expect
      .poll(() => hostPage.locator('[data-testid="member"][data-role="host"]').count(), { timeout: 15_000 })
      .toBe(1);

    const listenerPage = await (await newContext(suite.browser)).newPage();
    await listenerPage.goto(suite.app.url);
    await signInAs(listenerPage, "Lia Listener");
    await listenerPage.goto(roomUrl);
    await expect
      .poll(() => listenerPage.locator('[data-testid="member"]').count(), { timeout: 15_000 })
      .toBe(2);
    await hostPage.getByRole("button", { name: "Unmute", exact: true }).click();
    await waitForRisingEnergy(listenerPage);
    const hostSees = await memberNames(hostPage);
    const listenerSees = await memberNames(listenerPage);
    expect(hostSees).toHaveLength(2);

    // The moderator: the admin account of this server.
    const modPage = await (await newContext(suite.browser)).newPage();
    await modPage.goto(suite.app.url);
    await modPage.getByRole("tab", { name: "Create account" }).click();
    await fillSignUp(modPage, {
      name: "Mona Moderator",
      username: STAFF_USERNAME,
      password: "e2e-console-pass-42",
    });
    await modPage.getByRole("button", { name: "Create account", exact: true }).click();
    await modPage.getByRole("tab", { name: "Create account" }).waitFor({ state: "detached" });
    await modPage.goto(`${suite.app.url}/admin`);
    const row = modPage.locator("tr", { hasText: "Late night talk" });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain("Hana Host");
    await screenshot(modPage, "admin-live-rooms-desktop");
    await modPage.setViewportSize({ width: 390, height: 844 });
    await screenshot(modPage, "admin-live-rooms-phone");
    await modPage.setViewportSize({ width: 1280, height: 860 });

    await row.getByRole("link", { name: "Listen in" }).click();
    await modPage.waitForURL(/\/admin\/rooms\/.+\/listen/);
    await modPage.getByText("Listening silently — members do not see you").waitFor();
    await expect
      .poll(() => modPage.getByTestId("listen-title").textContent(), { timeout: 15_000 })
      .toBe("Late night talk");
    const heard = await waitForRisingEnergy(modPage);
    expect(heard.packets).toBeGreaterThan(10);
    expect(await modPage.getByTestId("listen-stage-member").allTextContents()).toEqual([
      expect.stringContaining("Hana Host"),
    ]);
    await expect
      .poll(() => modPage.locator('[data-testid="listen-stage-member"][data-speaking="true"]').count(), {
        timeout: 10_000,
      })
      .toBe(1);
    await screenshot(modPage, "admin-listen-in-desktop");
    await modPage.setViewportSize({ width: 390, height: 844 });
    await screenshot(modPage, "admin-listen-in-phone");
    await modPage.setViewportSize({ width: 1280, height: 860 });

    // Nobody in the room sees the moderator: same tiles, same counts, a while after they came in.
    await hostPage.waitForTimeout(2000);
    for (const page of [hostPage, listenerPage]) {
      const names = await memberNames(page);
      expect(names).not.toContain("Mona Moderator");
      expect(await page.getByText("Mona Moderator").count()).toBe(0);
    }
    expect(await memberNames(hostPage)).toEqual(hostSees);
    expect(await memberNames(listenerPage)).toEqual(listenerSees);
    expect(await modPage.getByTestId("listen-counts").textContent()).toContain("1 on stage · 1 listening");
    // The hallway card counts one listener too.
    const hallway = await (await newContext(suite.browser)).newPage();
    await hallway.goto(suite.app.url);
    await signInAs(hallway, "Hallway Visitor");
    const card = hallway.getByRole("link", { name: /Late night talk/ });
    await card.waitFor({ timeout: 10_000 });
    expect(await card.getByTestId("listener-count").textContent()).toContain("1 listening");

    // The listener asks for the verified badge; the moderator sees the queue.
    await listenerPage.goto(`${suite.app.url}/settings/verification`);
    await listenerPage.getByLabel("Your full legal name").waitFor();
    await screenshot(listenerPage, "settings-verification-desktop");
    await listenerPage.setViewportSize({ width: 390, height: 844 });
    await screenshot(listenerPage, "settings-verification-phone");
    await listenerPage.setViewportSize({ width: 1280, height: 860 });
    await listenerPage.getByLabel("Your full legal name").fill("Lia Marie Listener");
    await listenerPage.getByRole("button", { name: "Ask for verification" }).click();
    await listenerPage.getByText("Waiting for a moderator").waitFor();
    await screenshot(listenerPage, "settings-verification-pending-desktop");
    await listenerPage.setViewportSize({ width: 390, height: 844 });
    await screenshot(listenerPage, "settings-verification-pending-phone");
    await listenerPage.setViewportSize({ width: 1280, height: 860 });
    const queuePage = await modPage.context().newPage();
    await queuePage.goto(`${suite.app.url}/admin/verification`);
    await queuePage.getByText("Lia Marie Listener").waitFor({ timeout: 10_000 });
    await screenshot(queuePage, "admin-verification-desktop");
    await queuePage.setViewportSize({ width: 390, height: 844 });
    await screenshot(queuePage, "admin-verification-phone");
    await queuePage.close();

    // Back in the room, the moderator ends it with a reason; the listener reads it.
    await listenerPage.goto(roomUrl);
    await expect
      .poll(() => listenerPage.locator('[data-testid="member"]').count(), { timeout: 15_000 })
      .toBe(2);
    await modPage.getByRole("button", { name: "End room" }).click();
    await modPage.getByLabel(/Why are you ending/).fill("Off-topic harassment of a speaker");
    await modPage.getByRole("button", { name: "End room for everyone" }).click();
    await listenerPage
      .getByText("This room was ended by the moderators: Off-topic harassment of a speaker")
      .waitFor({ timeout: 15_000 });
    await hostPage
      .getByText("This room was ended by the moderators: Off-topic harassment of a speaker")
      .waitFor({ timeout: 15_000 });
    await modPage.getByText("This room has ended").waitFor({ timeout: 10_000 });
    await screenshot(listenerPage, "room-ended-by-moderators-desktop");
    await listenerPage.setViewportSize({ width: 390, height: 844 });
    await screenshot(listenerPage, "room-ended-by-moderators-phone");
  });
});
