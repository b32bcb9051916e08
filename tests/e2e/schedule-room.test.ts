import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { e2eSuite } from "../support/e2e-suite";
import { newContext, screenshot } from "../support/browser";
import { signInAs } from "../support/e2e-flows";

const suite = e2eSuite();

const tile = (page: Page, name: string) => page.locator(`[data-testid="member"][data-name="${name}"]`);

async function personPage(name: string): Promise<{ page: Page; username: string }> {
  const page = await (await newContext(suite.browser)).newPage();
  await page.goto(suite.app.url);
  const { username } = await signInAs(page, name);
  return { page, username };
}

/** Both widths the app is designed for; restores the desktop size afterwards. */
async function screenshotsAt(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 860 });
}

describe("[SCHED-E2E] schedule a room with a co-host, mark interest, start it with one tap", () => {
  it(
    "A schedules with B as co-host, C asks to be notified, A starts it and lands on stage, C sees it live",
    { timeout: 240_000 },
    async () => {
      const a = await personPage("Ada Host");
      const b = await personPage("Bo Cohost");
      const c = await personPage("Cy Listener");

      // A follows B, so B can be picked as a co-host.
      await a.page.goto(`${suite.app.url}/u/${b.username}`);
      await a.page.getByRole("button", { name: "Follow", exact: true }).click();
      await a.page.getByRole("button", { name: "Following", exact: true }).waitFor();

      // The schedule form: title, description, topics as chips, type, time (the default is in two
      // hours), co-host.
      await a.page.goto(`${suite.app.url}/rooms/schedule`);
      await a.page.getByLabel("Title").fill("Friday listening party");
      await a.page.getByLabel("Description").fill("Bring a track, tell us why it matters.");
      const topics = a.page.locator("#schedule-topics");
      await topics.fill("music");
      await topics.press("Enter");
      await topics.fill("vinyl");
      await topics.press("Enter");
      await a.page.getByRole("checkbox", { name: "Bo Cohost" }).click();
      expect(await a.page.getByRole("checkbox", { name: "Bo Cohost" }).getAttribute("aria-checked")).toBe(
        "true",
      );
      await screenshotsAt(a.page, "schedule-form");

      // A time in the past is refused in the form, before any request.
      const date = await a.page.getByLabel("Date").inputValue();
      await a.page.getByLabel("Date").fill("2020-01-01");
      await a.page.getByRole("button", { name: "Schedule room" }).click();
      await a.page.getByText("Pick a time in the future.").waitFor();
      await a.page.getByLabel("Date").fill(date);

      await a.page.getByRole("button", { name: "Schedule room" }).click();
      // Not /rooms/schedule itself: the event page of the new room.
      await a.page.waitForURL(
        (url) => /^\/rooms\/[A-Za-z0-9_-]+$/.test(url.pathname) && url.pathname !== "/rooms/schedule",
      );
      const roomUrl = a.page.url();
      await a.page.getByRole("heading", { name: "Friday listening party" }).waitFor();
      await a.page.getByRole("button", { name: "Start room" }).waitFor();
      await a.page.getByRole("link", { name: "Bo Cohost" }).waitFor();
      expect(await a.page.getByText(/in 2 hours|in 1 hour|in 120 minutes/).count()).toBeGreaterThan(0);
      await screenshotsAt(a.page, "schedule-event-host");

      // B, the co-host, may start it too.
      await b.page.goto(roomUrl);
      await b.page.getByRole("button", { name: "Start room" }).waitFor();

      // C marks interest on the event page; the calendar link is a text/calendar download.
      await c.page.goto(roomUrl);
      expect(await c.page.getByRole("button", { name: "Start room" }).count()).toBe(0);
      await c.page.getByRole("button", { name: "Notify me" }).click();
      await c.page.getByRole("button", { name: "Interested" }).waitFor();
      await c.page.getByText("1 person wants to be notified when it starts.").waitFor();
      const calendarHref = await c.page.getByRole("link", { name: "Add to calendar" }).getAttribute("href");
      const ics = await c.page.evaluate(async (href) => {
        const response = await fetch(href ?? "");
        return { type: response.headers.get("content-type"), text: await response.text() };
      }, calendarHref);
      expect(ics.type).toBe("text/calendar; charset=utf-8");
      expect(ics.text).toContain("SUMMARY:Friday listening party");
      await screenshotsAt(c.page, "schedule-event-listener");

      // The Upcoming section of the hallway lists it for C, with the interest kept.
      await c.page.goto(suite.app.url);
      const card = c.page
        .getByRole("list", { name: "Upcoming rooms" })
        .getByRole("listitem")
        .filter({ hasText: "Friday listening party" });
      await card.getByRole("button", { name: "Interested" }).waitFor();
      await screenshotsAt(c.page, "schedule-hallway-upcoming");
      await c.page.goto(roomUrl);
      await c.page.getByRole("button", { name: "Interested" }).waitFor();

      // A starts it with one tap and lands in the live room, on stage as host.
      const tapped = Date.now();
      await a.page.getByRole("button", { name: "Start room" }).click();
      await expect
        .poll(() => tile(a.page, "Ada Host").getAttribute("data-role"), { timeout: 20_000 })
        .toBe("host");
      const landedMs = Date.now() - tapped;
      await screenshotsAt(a.page, "schedule-started-host");

      // C sees it go live on the page they were waiting on, and was notified.
      await c.page.getByRole("link", { name: "Join the room" }).waitFor({ timeout: 15_000 });
      const notifications = await c.page.evaluate(async () => (await fetch("/api/notifications")).text());
      expect(notifications).toContain("room-live");
      await screenshotsAt(c.page, "schedule-event-went-live");
      // The notification toast says so too; C closes it and joins from the event page.
      await c.page.getByRole("button", { name: "Dismiss" }).click();
      await c.page.getByRole("link", { name: "Join the room" }).click();
      await expect
        .poll(() => tile(c.page, "Cy Listener").getAttribute("data-role"), { timeout: 20_000 })
        .toBe("listener");
      // B, the co-host, follows the live banner on their event page and joins as a moderator.
      await b.page.getByRole("link", { name: "Join the room" }).click({ timeout: 15_000 });
      await expect
        .poll(() => tile(b.page, "Bo Cohost").getAttribute("data-role"), { timeout: 20_000 })
        .toBe("moderator");
      console.info(`[SCHED-E2E] tap on "Start room" to host tile on stage: ${landedMs} ms`);
    },
  );
});
