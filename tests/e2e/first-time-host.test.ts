import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { newContext, screenshot, waitForRisingEnergy } from "../support/browser";
import { e2eSuite } from "../support/e2e-suite";
import { fillSignUp } from "../support/e2e-flows";

// An invite-only community, as the first-time host tried it.
const suite = e2eSuite({ env: { REGISTRATION_MODE: "invite", ADMIN_USERNAME: "hana" } });

const tile = (page: Page, name: string) => page.locator(`[data-testid="member"][data-name="${name}"]`);

/** Console errors of a page (a failed request shows up here as "Failed to load resource"). */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return errors;
}

describe("[HOST-E2E] what a first-time host stumbled on", () => {
  it("share and invite from the room, the invitee lands in it, the audio check names speakers, ending asks first", async () => {
    // Signed out: the hallway loads without a failed request in the console (no 401 from /api/me).
    const hostContext = await newContext(suite.browser);
    await hostContext.grantPermissions(["clipboard-read", "clipboard-write"], { origin: suite.app.url });
    const host = await hostContext.newPage();
    const hostErrors = consoleErrors(host);
    await host.goto(suite.app.url);
    await host.getByRole("tab", { name: "Sign in" }).waitFor();
    await host.waitForTimeout(500);
    expect(hostErrors).toEqual([]);

    // The sign-up form says its password rules before the first try.
    await host.goto(`${suite.app.url}/signup`);
    await host.getByRole("button", { name: "Create the admin account" }).click();
    await expect.poll(() => host.getByText("not containing your username", { exact: false }).count()).toBe(1);
    await fillSignUp(host, { name: "Hana Host", username: "hana", password: "a calm lake at dawn" });
    await host.getByRole("button", { name: "Create account", exact: true }).click();
    await host.waitForURL(`${suite.app.url}/`);

    await host.getByLabel("Start a room").getByRole("textbox").fill("First night");
    await host.getByRole("button", { name: "Start room" }).click();
    await host.waitForURL(/\/rooms\//);
    const roomUrl = host.url();
    await tile(host, "Hana Host").waitFor();

    // Share: the room's link, copied; an invite that brings a newcomer into this room.
    await host.getByRole("button", { name: "Share", exact: true }).click();
    expect(await host.getByTestId("room-share-link").inputValue()).toBe(roomUrl);
    await host.getByRole("dialog").getByRole("button", { name: "Copy" }).click();
    await expect.poll(() => host.getByText("Link copied.").count()).toBe(1);
    expect(await host.evaluate(() => navigator.clipboard.readText())).toBe(roomUrl);
    await host.getByRole("button", { name: "Invite someone to this room" }).click();
    const inviteLink = await host.getByTestId("room-invite-link").inputValue();
    expect(inviteLink).toMatch(new RegExp(`^${suite.app.url}/invite/[A-Za-z0-9_-]{24}\\?room=`));
    await screenshot(host, "share-room-desktop");
    await host.setViewportSize({ width: 390, height: 844 });
    await screenshot(host, "share-room-phone");
    await host.setViewportSize({ width: 1280, height: 860 });
    await host.getByRole("button", { name: "Done" }).click();
    await host.getByRole("button", { name: "Unmute", exact: true }).click();

    // The newcomer opens the invite, signs up, and lands in the room (not the hallway).
    const guest = await (await newContext(suite.browser)).newPage();
    await guest.goto(inviteLink);
    await guest.getByRole("link", { name: "Accept invite" }).click();
    await fillSignUp(guest, { name: "Nia Newcomer", username: "nia", password: "paper boats in rain" });
    await guest.getByRole("button", { name: "Create account", exact: true }).click();
    await guest.waitForURL(roomUrl);
    await tile(guest, "Nia Newcomer").waitFor({ timeout: 20_000 });
    await waitForRisingEnergy(guest);

    // The audio check names the speaker it hears.
    await guest.getByRole("button", { name: "Audio check" }).click();
    await expect
      .poll(() => guest.getByTestId("check-speaker").allTextContents(), { timeout: 10_000 })
      .toEqual(["Hana Host"]);
    await guest.getByRole("button", { name: "Close" }).click();

    // Ending asks first: "Keep it going" keeps it; confirming ends it for everyone.
    await host.getByRole("button", { name: "End room", exact: true }).click();
    await expect.poll(() => host.getByRole("alertdialog").textContent()).toContain("1 other person is here");
    await host.setViewportSize({ width: 390, height: 844 });
    await screenshot(host, "end-room-confirm-phone");
    await host.setViewportSize({ width: 1280, height: 860 });
    await host.getByRole("button", { name: "Keep it going" }).click();
    await host.waitForTimeout(500);
    expect(await tile(guest, "Hana Host").count()).toBe(1);
    await host.getByRole("button", { name: "End room", exact: true }).click();
    await host.getByRole("button", { name: "End room for everyone" }).click();
    await expect
      .poll(() => guest.getByText("This room has ended", { exact: false }).count(), { timeout: 10_000 })
      .toBeGreaterThan(0);

    // The ended room's page offers the newcomer to follow the host, and the host nothing of the kind.
    await guest.goto(roomUrl);
    await expect
      .poll(() => guest.getByRole("link", { name: "Follow Hana" }).count(), { timeout: 10_000 })
      .toBe(1);
    await host.goto(roomUrl);
    await host.getByRole("link", { name: "Find a live room" }).waitFor();
    expect(await host.getByRole("link", { name: "Follow Hana" }).count()).toBe(0);
  });
});
