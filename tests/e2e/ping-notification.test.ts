import { describe, expect, it } from "vitest";
import { e2eSuite } from "../support/e2e-suite";
import { signInAs } from "../support/e2e-flows";
import { newContext, screenshot, waitForRisingEnergy } from "../support/browser";

const suite = e2eSuite();

describe("[PING-E2E] a ping brings someone into a room, in real browsers", () => {
  it("A pings B from the room; B sees it live on the hallway, joins from the toast, hears A, and finds it in the list", async () => {
    const pageA = await (await newContext(suite.browser)).newPage();
    await pageA.goto(suite.app.url);
    await signInAs(pageA, "Ava Host");
    const pageB = await (await newContext(suite.browser)).newPage();
    await pageB.goto(suite.app.url);
    const b = await signInAs(pageB, "Ben Listener");

    // You ping people you follow: A follows B from B's profile.
    await pageA.goto(`${suite.app.url}/u/${b.username}`);
    await pageA.getByRole("button", { name: "Follow", exact: true }).click();
    await pageA.getByRole("button", { name: "Following", exact: true }).waitFor();

    await pageA.goto(suite.app.url);
    await pageA.getByLabel("Start a room").getByRole("textbox").first().fill("Late night synths");
    await pageA.getByRole("button", { name: "Start room" }).click();
    await pageA.waitForURL(/\/rooms\//);
    const roomPath = new URL(pageA.url()).pathname;
    await expect
      .poll(() => pageA.locator('[data-testid="member"][data-role="host"]').count(), { timeout: 15_000 })
      .toBe(1);
    await pageA.getByRole("button", { name: "Unmute", exact: true }).click();

    // B waits on the hallway: the bell shows nothing unread yet.
    await pageB.goto(suite.app.url);
    await pageB.getByTestId("notification-bell").waitFor();
    expect(await pageB.getByTestId("unread-count").count()).toBe(0);

    await pageA.getByRole("button", { name: "Ping people" }).click();
    const sheet = pageA.getByRole("dialog", { name: "Ping people into this room" });
    await sheet.getByLabel("Search people you follow").fill("ben");
    await sheet.getByRole("checkbox", { name: "Ping Ben Listener" }).check();
    await sheet.getByRole("button", { name: "Ping", exact: true }).click();
    await expect
      .poll(() => sheet.getByTestId("ping-outcome").textContent(), { timeout: 10_000 })
      .toBe("Pinged");
    await screenshot(pageA, "ping-sheet-desktop");
    await pageA.setViewportSize({ width: 390, height: 844 });
    await screenshot(pageA, "ping-sheet-phone");
    await pageA.setViewportSize({ width: 1280, height: 860 });
    // Pinging again at once is refused, and the sheet says why next to the person.
    await sheet.getByRole("checkbox", { name: "Ping Ben Listener" }).check();
    await sheet.getByRole("button", { name: "Ping", exact: true }).click();
    await expect
      .poll(() => sheet.getByTestId("ping-outcome").textContent(), { timeout: 10_000 })
      .toMatch(/recently/);
    await sheet.getByRole("button", { name: "Close" }).click();

    // Without a reload, B's hallway shows the toast and the bell counts it.
    const toast = pageB.getByTestId("ping-toast");
    await toast.waitFor({ timeout: 10_000 });
    expect(await toast.textContent()).toContain("Ava Host pinged you into Late night synths");
    expect(await pageB.getByTestId("unread-count").textContent()).toBe("1");
    await screenshot(pageB, "ping-toast-desktop");
    await pageB.setViewportSize({ width: 390, height: 844 });
    await screenshot(pageB, "ping-toast-phone");
    await pageB.setViewportSize({ width: 1280, height: 860 });

    // Meanwhile the notifications page (another tab of B's) shows it unread.
    const listTab = await pageB.context().newPage();
    await listTab.goto(`${suite.app.url}/notifications`);
    await listTab.getByTestId("notification").first().waitFor({ timeout: 10_000 });
    expect(await listTab.getByTestId("notification").first().getAttribute("data-unread")).toBe("true");
    await screenshot(listTab, "notifications-unread-desktop");
    await listTab.setViewportSize({ width: 390, height: 844 });
    await screenshot(listTab, "notifications-unread-phone");
    await listTab.close();

    await toast.getByRole("button", { name: "Join" }).click();
    await pageB.waitForURL((url) => url.pathname === roomPath);
    await expect.poll(() => pageB.locator('[data-testid="member"]').count(), { timeout: 15_000 }).toBe(2);
    const heard = await waitForRisingEnergy(pageB);
    expect(heard.packets).toBeGreaterThan(10);
    // Joining from the toast marked it read.
    await expect.poll(() => pageB.getByTestId("unread-count").count(), { timeout: 5_000 }).toBe(0);

    // The notifications page lists it, with a Join for the live room.
    await pageB.goto(`${suite.app.url}/notifications`);
    const item = pageB.getByTestId("notification").first();
    await item.waitFor({ timeout: 10_000 });
    expect(await pageB.getByTestId("notification").count()).toBe(1);
    expect(await item.textContent()).toContain("Ava Host pinged you into Late night synths");
    expect(await item.getByRole("link", { name: "Join" }).getAttribute("href")).toBe(roomPath);
    await screenshot(pageB, "notifications-desktop");
    await pageB.setViewportSize({ width: 390, height: 844 });
    await screenshot(pageB, "notifications-phone");

    // Once the room ends, the list says so instead of offering to join.
    await pageA.getByRole("button", { name: "End room" }).click();
    await pageA.getByRole("button", { name: "End room for everyone" }).click();
    await expect
      .poll(
        async () => {
          await pageB.reload();
          return pageB.getByTestId("notification").first().textContent();
        },
        { timeout: 10_000 },
      )
      .toContain("This room has ended");
    await screenshot(pageB, "notifications-ended-phone");
  });
});
