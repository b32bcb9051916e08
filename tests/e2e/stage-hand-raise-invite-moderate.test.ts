import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { e2eSuite } from "../support/e2e-suite";
import { energyOver, newContext, screenshot, waitForRisingEnergy } from "../support/browser";
import { signInAs } from "../support/e2e-flows";

const suite = e2eSuite();

const tile = (page: Page, name: string) => page.locator(`[data-testid="member"][data-name="${name}"]`);

async function joinRoom(url: string, name: string): Promise<Page> {
  const page = await (await newContext(suite.browser)).newPage();
  await page.goto(suite.app.url);
  await signInAs(page, name);
  await page.goto(url);
  await tile(page, name).waitFor({ timeout: 20_000 });
  return page;
}

async function memberAction(page: Page, target: string, action: string): Promise<void> {
  await tile(page, target).getByRole("button").click();
  await page.getByRole("dialog").getByRole("button", { name: action, exact: true }).click();
}

/** Packets stopped arriving (after the jitter buffer drained). */
async function expectSilence(page: Page): Promise<void> {
  await page.waitForTimeout(1500);
  const after = await energyOver(page, 2000);
  expect(after.packets).toBe(0);
}

describe("[STAGE-E2E] raise a hand, get invited, speak, be moved back, be muted by a moderator", () => {
  it("runs the whole stage flow in real browsers with audio checks", { timeout: 300_000 }, async () => {
    const host = await (await newContext(suite.browser)).newPage();
    await host.goto(suite.app.url);
    await signInAs(host, "Hana Host");
    await host.getByLabel("Start a room").getByRole("textbox").fill("Open mic night");
    await host.getByRole("button", { name: "Start room" }).click();
    await host.waitForURL(/\/rooms\//);
    const roomUrl = host.url();
    await tile(host, "Hana Host").waitFor();

    const carol = await joinRoom(roomUrl, "Carol Crowd");
    const bob = await joinRoom(roomUrl, "Bob Brave");

    // Bob raises a hand; the host sees it in the queue and invites him.
    await bob.getByRole("button", { name: "Raise hand", exact: true }).click();
    const raised = host.locator('[data-testid="raised-hand"]');
    await expect.poll(() => raised.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => tile(carol, "Bob Brave").getAttribute("data-hand")).toBe("true");
    await screenshot(host, "stage-moderator-hand-queue-desktop");
    await host.setViewportSize({ width: 390, height: 844 });
    await screenshot(host, "stage-moderator-hand-queue-phone");
    await host.setViewportSize({ width: 1280, height: 860 });
    await raised.getByRole("button", { name: "Invite to speak" }).click();

    // Bob consents, comes on stage muted, unmutes: the host and Carol hear him.
    await bob.getByRole("button", { name: "Join the stage" }).click();
    await expect
      .poll(() => tile(host, "Bob Brave").getAttribute("data-role"), { timeout: 10_000 })
      .toBe("speaker");
    await bob.getByRole("button", { name: "Unmute", exact: true }).click();
    await waitForRisingEnergy(host);
    await waitForRisingEnergy(carol);
    await screenshot(carol, "stage-listener-desktop");
    await carol.setViewportSize({ width: 390, height: 844 });
    await screenshot(carol, "stage-listener-phone");

    // The host moves Bob back to the audience: his audio stops for everyone, at once.
    await memberAction(host, "Bob Brave", "Move to audience");
    await expect.poll(() => tile(carol, "Bob Brave").getAttribute("data-role")).toBe("listener");
    await expect.poll(() => bob.getByRole("button", { name: "Raise hand", exact: true }).count()).toBe(1);
    await expectSilence(host);
    await expectSilence(carol);

    // Carol becomes a moderator (speaker first), Bob comes back on stage, and Carol mutes him.
    await memberAction(host, "Carol Crowd", "Invite to speak");
    await carol.getByRole("button", { name: "Join the stage" }).click();
    await expect.poll(() => tile(host, "Carol Crowd").getAttribute("data-role")).toBe("speaker");
    await memberAction(host, "Carol Crowd", "Make moderator");
    await expect.poll(() => tile(carol, "Carol Crowd").getAttribute("data-role")).toBe("moderator");
    await memberAction(host, "Bob Brave", "Invite to speak");
    await bob.getByRole("button", { name: "Join the stage" }).click();
    await bob.getByRole("button", { name: "Unmute", exact: true }).click();
    await waitForRisingEnergy(host);

    await memberAction(carol, "Bob Brave", "Mute");
    await expect.poll(() => tile(host, "Bob Brave").getAttribute("data-muted")).toBe("true");
    await expect.poll(() => bob.getByRole("button", { name: "Unmute", exact: true }).count()).toBe(1);
    await expectSilence(host);
    await screenshot(host, "stage-host-after-moderation-desktop");
  });
});
