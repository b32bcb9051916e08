import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { e2eSuite } from "../support/e2e-suite";
import { fillSignUp, signInAs } from "../support/e2e-flows";
import { newContext, screenshot } from "../support/browser";

// One sample a second: the chart has a few points within the test's minute.
// The staff member signs up as ADMIN_USERNAME (the server's admin).
const STAFF_USERNAME = "stats_staff";
const suite = e2eSuite({ env: { ROOM_STATS_SAMPLE_SECONDS: "1", ADMIN_USERNAME: STAFF_USERNAME } });

const tile = (page: Page, name: string) => page.getByTestId(`stat-${name}`).locator("dd");

async function listenerIn(roomUrl: string, name: string): Promise<Page> {
  const page = await (await newContext(suite.browser)).newPage();
  await page.goto(suite.app.url);
  await signInAs(page, name);
  await page.goto(roomUrl);
  await page.getByRole("button", { name: "Raise hand", exact: true }).waitFor({ timeout: 20_000 });
  return page;
}

describe("[STATS-E2E] the host sees how the room went, live and after the end", () => {
  it("[STATS-E2E-1] guests join and leave, raise a hand, react: the host's chart counts them; it stays after the end; desktop and phone", async () => {
    const hostContext = await newContext(suite.browser);
    const hostPage = await hostContext.newPage();
    await hostPage.goto(suite.app.url);
    await signInAs(hostPage, "Stella Host");
    await hostPage.getByLabel("Start a room").getByRole("textbox").fill("Friday night stats");
    await hostPage.getByRole("button", { name: "Start room" }).click();
    await hostPage.waitForURL(/\/rooms\//);
    const roomUrl = hostPage.url();
    // The host speaks (Chromium's fake microphone beeps): the floor is theirs.
    await hostPage.getByRole("button", { name: "Unmute", exact: true }).click();

    const ann = await listenerIn(roomUrl, "Ann Guest");
    const ben = await listenerIn(roomUrl, "Ben Guest");
    const cat = await listenerIn(roomUrl, "Cat Guest");
    await expect
      .poll(() => hostPage.locator('[data-testid="member"][data-role="listener"]').count(), {
        timeout: 15_000,
      })
      .toBe(3);
    await ann.getByRole("button", { name: "Raise hand", exact: true }).click();
    const bar = ben.getByRole("group", { name: "Reactions" });
    await bar.getByRole("button", { name: "React: Applause" }).click();
    await bar.getByRole("button", { name: "React: Fire" }).click();
    await hostPage.waitForTimeout(1500); // a sample with all three listening
    await cat.getByRole("button", { name: "Leave quietly" }).click();
    await expect
      .poll(() => hostPage.locator('[data-testid="member"][data-role="listener"]').count(), {
        timeout: 15_000,
      })
      .toBe(2);

    // The host opens the stats from the room's menu, in a new tab: the room stays open.
    await hostPage.getByRole("button", { name: "More room options" }).click();
    const [statsPage] = await Promise.all([
      hostContext.waitForEvent("page"),
      hostPage.getByRole("menuitem", { name: "Room stats" }).click(),
    ]);
    if (!statsPage) throw new Error("no stats tab");
    await statsPage.waitForURL(/\/stats$/);
    await statsPage.getByRole("heading", { name: "Friday night stats" }).waitFor({ timeout: 20_000 });
    // The host and three guests came, one left, one hand, two reactions, three at the peak.
    // Sampled every few seconds and refreshed live: a busy machine may show the leave a sample later.
    for (const [name, value] of [
      ["joins", "4"],
      ["leaves", "1"],
      ["hands", "1"],
      ["reactions", "2"],
      ["peak", "3"],
    ] as const)
      await expect.poll(() => tile(statsPage, name).textContent(), { timeout: 15_000 }).toBe(value);
    expect(await statsPage.getByText("Live · updates every few seconds").count()).toBe(1);
    expect(await statsPage.getByTestId("listeners-peak").count()).toBe(1);
    // The host held the floor: their bar is there once the media layer named them.
    await expect
      .poll(() => statsPage.getByTestId("speaker-bar").filter({ hasText: "Stella Host" }).count(), {
        timeout: 20_000,
      })
      .toBe(1);
    await screenshot(statsPage, "room-stats-live-desktop");
    await statsPage.setViewportSize({ width: 390, height: 844 });
    await statsPage.waitForTimeout(300);
    // Nothing runs off a phone's screen.
    expect(await statsPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(statsPage, "room-stats-live-phone");

    // A listener may not see it.
    await ann.goto(`${roomUrl}/stats`);
    // (Next.js keeps an empty alert of its own for route announcements: find ours by its words.)
    await ann.getByRole("alert").filter({ hasText: "Only the room's host" }).waitFor({ timeout: 15_000 });

    // Platform staff reach it from the console's live-room list.
    const staff = await (await newContext(suite.browser)).newPage();
    await staff.goto(suite.app.url);
    await staff.getByRole("tab", { name: "Create account" }).click();
    await fillSignUp(staff, { name: "Sol Staff", username: STAFF_USERNAME, password: "e2e-stats-pass-42" });
    await staff.getByRole("button", { name: "Create account", exact: true }).click();
    await staff.getByRole("tab", { name: "Create account" }).waitFor({ state: "detached" });
    await staff.goto(`${suite.app.url}/admin`);
    const row = staff.locator("tr", { hasText: "Friday night stats" });
    await row.waitFor({ timeout: 15_000 });
    await row.getByRole("link", { name: "Stats" }).click();
    await staff.waitForURL(/\/stats$/);
    await expect.poll(() => tile(staff, "joins").textContent(), { timeout: 15_000 }).toBe("4");

    // The host ends the room; its picture stays, from the ended-room page too.
    await hostPage.bringToFront();
    await hostPage.getByRole("button", { name: "End room", exact: true }).click();
    await hostPage.getByRole("button", { name: "End room for everyone" }).click();
    const endedLink = hostPage.getByRole("link", { name: "Room stats" });
    await endedLink.waitFor({ timeout: 20_000 });
    await statsPage.reload();
    await statsPage.getByText("Ended", { exact: true }).waitFor({ timeout: 15_000 });
    expect(await tile(statsPage, "joins").textContent()).toBe("4");
    expect(await tile(statsPage, "reactions").textContent()).toBe("2");
    expect(await tile(statsPage, "peak").textContent()).toBe("3");
    await screenshot(statsPage, "room-stats-ended-phone");
    await endedLink.click();
    await hostPage.waitForURL(/\/stats$/);
    await hostPage.getByText("Ended", { exact: true }).waitFor({ timeout: 15_000 });
    await screenshot(hostPage, "room-stats-ended-desktop");
  });
});
