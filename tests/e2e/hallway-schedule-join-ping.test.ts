import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { e2eSuite } from "../support/e2e-suite";
import { signInAs } from "../support/e2e-flows";
import { newContext, screenshot, waitForRisingEnergy } from "../support/browser";

const suite = e2eSuite();

/** Follows `username` from `page`'s session, the way the profile page's Follow button does. */
async function follow(page: Page, username: string): Promise<void> {
  const status = await page.evaluate(async (name) => {
    const response = await fetch(`/api/users/${name}/follow`, {
      method: "POST",
      headers: { "x-audio-rooms-csrf": "1" },
    });
    return response.status;
  }, username);
  expect(status).toBe(200);
}

const card = (page: Page, title: string) => page.getByRole("link", { name: `Join ${title}` });

describe("[HALLWAY-E2E] schedule, start, discover live, join from the card, hear, get pinged", () => {
  it("B sees A's started room appear without reloading, joins from the card and hears A; A pings B into another room", async () => {
    // A (host), B (listener) and C (a bystander watching the hallway's live counts).
    const hostPage = await (await newContext(suite.browser)).newPage();
    await hostPage.goto(suite.app.url);
    const hana = await signInAs(hostPage, "Hana Host");
    const benPage = await (await newContext(suite.browser)).newPage();
    await benPage.goto(suite.app.url);
    const ben = await signInAs(benPage, "Ben Listener");
    const cyPage = await (await newContext(suite.browser, { width: 390, height: 844 })).newPage();
    await cyPage.goto(suite.app.url);
    await signInAs(cyPage, "Cy Bystander");
    await follow(benPage, hana.username); // ben follows hana: her rooms rank first for him
    await follow(hostPage, ben.username); // hana follows ben: she may ping him

    // A schedules a room for later through the form.
    await hostPage.goto(`${suite.app.url}/rooms/schedule`);
    await hostPage.getByLabel("Title").fill("Friday listening party");
    await hostPage.getByRole("button", { name: "Schedule room" }).click();
    await hostPage.waitForURL(/\/rooms\/(?!schedule)/);
    const eventUrl = hostPage.url();

    // B's hallway lists it under Upcoming; nothing is live yet.
    await benPage.goto(suite.app.url);
    await benPage.getByText("Friday listening party").first().waitFor({ timeout: 15_000 });
    expect(await card(benPage, "Friday listening party").count()).toBe(0);

    // Later, A starts it with one tap and lands on stage as host.
    await hostPage.goto(eventUrl);
    await hostPage.getByRole("button", { name: "Start room" }).click();
    await expect
      .poll(() => hostPage.locator('[data-testid="member"][data-role="host"]').count(), { timeout: 15_000 })
      .toBe(1);
    await hostPage.getByRole("button", { name: "Unmute", exact: true }).click();

    // Without reloading, the live room shows up on B's and C's hallways, with A's face and counts.
    await card(benPage, "Friday listening party").waitFor({ timeout: 10_000 });
    await card(cyPage, "Friday listening party").waitFor({ timeout: 10_000 });
    const benCard = card(benPage, "Friday listening party");
    expect(await benCard.textContent()).toContain("Someone you follow");
    expect(await benCard.getByTestId("speaker-count").textContent()).toContain("1 on stage");
    expect(
      await card(cyPage, "Friday listening party").getByTestId("listener-count").textContent(),
    ).toContain("0 listening");
    await screenshot(benPage, "hallway-live-desktop");
    await screenshot(cyPage, "hallway-live-phone");

    // B joins from the card, is in the audience, muted, and hears A.
    const joinedAt = Date.now();
    await benCard.click();
    await benPage.waitForURL(/\/rooms\//);
    await expect
      .poll(() => benPage.locator('[data-testid="member"][data-role="listener"]').count(), {
        timeout: 15_000,
      })
      .toBe(1);
    const heard = await waitForRisingEnergy(benPage);
    expect(heard.packets).toBeGreaterThan(10);
    const secondsToAudio = (Date.now() - joinedAt) / 1000;
    expect(secondsToAudio).toBeLessThan(15);
    // C's hallway counts B within a couple of seconds, still without reloading.
    await expect
      .poll(() => card(cyPage, "Friday listening party").getByTestId("listener-count").textContent(), {
        timeout: 10_000,
      })
      .toContain("1 listening");
    await screenshot(benPage, "room-from-hallway-desktop");

    // A opens a second room in another tab and pings B into it.
    const hostTab2 = await hostPage.context().newPage();
    await hostTab2.goto(suite.app.url);
    await hostTab2.getByLabel("Start a room").getByRole("textbox").fill("After-party");
    await hostTab2.getByRole("button", { name: "Start room" }).click();
    await hostTab2.waitForURL(/\/rooms\//);
    await expect
      .poll(() => hostTab2.locator('[data-testid="member"][data-role="host"]').count(), { timeout: 15_000 })
      .toBe(1);
    await hostTab2.getByRole("button", { name: "Unmute", exact: true }).click();
    await hostTab2.getByRole("button", { name: "Ping people" }).click();
    const sheet = hostTab2.getByRole("dialog", { name: "Ping people into this room" });
    await sheet.getByLabel("Ping Ben Listener").check();
    await sheet.getByRole("button", { name: "Ping", exact: true }).click();
    await sheet.getByText("Pinged").first().waitFor({ timeout: 10_000 });

    // B, still in the first room, gets the notification and follows it into the second room.
    const toast = benPage.getByRole("button", { name: "Join", exact: true });
    await toast.waitFor({ timeout: 10_000 });
    await toast.click();
    await benPage.waitForURL((url) => url.pathname === new URL(hostTab2.url()).pathname, { timeout: 10_000 });
    await expect
      .poll(() => benPage.locator('[data-testid="member"][data-role="listener"]').count(), {
        timeout: 15_000,
      })
      .toBe(1);
    expect((await waitForRisingEnergy(benPage)).packets).toBeGreaterThan(10);

    // A ends the first room: it leaves every hallway at once and its page says who hosted it.
    await hostPage.getByRole("button", { name: "End room" }).click();
    await hostPage.getByRole("button", { name: "End room for everyone" }).click();
    await hostPage.getByText("This room has ended").waitFor({ timeout: 10_000 });
    expect(await hostPage.getByText("Hana Host").count()).toBeGreaterThan(0);
    await expect.poll(() => card(cyPage, "Friday listening party").count(), { timeout: 10_000 }).toBe(0);
    await screenshot(hostPage, "room-ended-desktop");
    const endedOnPhone = await (await newContext(suite.browser, { width: 390, height: 844 })).newPage();
    await endedOnPhone.goto(eventUrl);
    await endedOnPhone.getByText("This room has ended").waitFor({ timeout: 10_000 });
    await screenshot(endedOnPhone, "room-ended-phone");
    await benPage.setViewportSize({ width: 390, height: 844 });
    await screenshot(benPage, "room-phone");
  });

  it("a closed room turns strangers away with a reason, and its invite link lets a signed-in person in to listen", async () => {
    const hostPage = await (await newContext(suite.browser)).newPage();
    await hostPage.goto(suite.app.url);
    await signInAs(hostPage, "Cleo Closed");
    await hostPage.getByLabel("Start a room").getByRole("textbox").fill("Founders only");
    await hostPage.getByRole("button", { name: "More options" }).click();
    await hostPage.getByText("Only people you invite or send the link").click();
    expect(await hostPage.getByRole("radio", { name: /Closed/ }).isChecked()).toBe(true);
    await hostPage.getByRole("button", { name: "Start room" }).click();
    await hostPage.waitForURL(/\/rooms\//);
    await expect
      .poll(() => hostPage.locator('[data-testid="member"][data-role="host"]').count(), { timeout: 15_000 })
      .toBe(1);
    await hostPage.getByText("share the invite link").waitFor();
    await hostPage.getByRole("button", { name: "Unmute", exact: true }).click();
    const roomPath = new URL(hostPage.url()).pathname;
    const shareKey = await hostPage.evaluate(async (path) => {
      const answer: unknown = await (await fetch(`/api${path}`)).json();
      return typeof answer === "object" &&
        answer &&
        "data" in answer &&
        typeof answer.data === "object" &&
        answer.data &&
        "shareKey" in answer.data
        ? String(answer.data.shareKey)
        : "";
    }, roomPath);
    expect(shareKey.length).toBeGreaterThan(20);

    const stranger = await (await newContext(suite.browser, { width: 390, height: 844 })).newPage();
    await stranger.goto(suite.app.url);
    await signInAs(stranger, "Sam Stranger");
    await stranger.goto(`${suite.app.url}${roomPath}`);
    await stranger.getByText("You can't join this room").waitFor({ timeout: 10_000 });
    expect(await stranger.getByText("This is a closed room").count()).toBe(1);
    await screenshot(stranger, "room-refused-phone");

    await stranger.goto(`${suite.app.url}${roomPath}?key=${encodeURIComponent(shareKey)}`);
    await expect
      .poll(() => stranger.locator('[data-testid="member"][data-role="listener"]').count(), {
        timeout: 15_000,
      })
      .toBe(1);
    expect((await waitForRisingEnergy(stranger)).packets).toBeGreaterThan(10);
    // Let in once, the plain link works from now on.
    await stranger.goto(`${suite.app.url}${roomPath}`);
    await expect
      .poll(() => stranger.locator('[data-testid="member"][data-role="listener"]').count(), {
        timeout: 15_000,
      })
      .toBe(1);
    await screenshot(hostPage, "room-closed-host-desktop");
  });
});
