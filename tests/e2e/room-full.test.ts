import { describe, expect, it } from "vitest";
import { e2eSuite } from "../support/e2e-suite";
import { signInAs } from "../support/e2e-flows";
import { newContext, screenshot } from "../support/browser";

// A room of two: the host and one listener fill it, so the third person is turned away.
const suite = e2eSuite({ env: { ROOM_MAX_MEMBERS: "2" } });

describe("[ROOM-FULL-E2E] a full room says so plainly", () => {
  it("the person past the cap sees why, with Try again and the way back; the people inside are untouched", async () => {
    const hostPage = await (await newContext(suite.browser)).newPage();
    await hostPage.goto(suite.app.url);
    await signInAs(hostPage, "Petra Packed");
    await hostPage.getByLabel("Start a room").getByRole("textbox").fill("Standing room only");
    await hostPage.getByRole("button", { name: "Start room" }).click();
    await hostPage.waitForURL(/\/rooms\//);
    const roomUrl = hostPage.url();

    const inside = await (await newContext(suite.browser)).newPage();
    await inside.goto(suite.app.url);
    await signInAs(inside, "Ivo Inside");
    await inside.goto(roomUrl);
    await expect
      .poll(() => hostPage.locator('[data-testid="member"][data-role="listener"]').count(), {
        timeout: 15_000,
      })
      .toBe(1);

    const late = await (await newContext(suite.browser)).newPage();
    await late.goto(suite.app.url);
    await signInAs(late, "Lena Late");
    await late.goto(roomUrl);
    const alert = late.locator('main[role="alert"]');
    await alert.getByRole("heading", { name: "This room is full" }).waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toContain(
      "This room is full (2 of 2 people). Try again when someone leaves.",
    );
    expect(await alert.getByRole("button", { name: "Try again" }).count()).toBe(1);
    expect(await alert.getByRole("link", { name: "Back to the hallway" }).getAttribute("href")).toBe("/");
    await screenshot(late, "room-full-desktop");
    await late.setViewportSize({ width: 390, height: 844 });
    await screenshot(late, "room-full-phone");

    // Nobody inside noticed: still exactly one listener, no stranger joined.
    expect(await hostPage.locator('[data-testid="member"]').count()).toBe(2);

    // When the listener leaves, Try again lets the late person in.
    await inside.getByRole("button", { name: "Leave quietly" }).click();
    await expect
      .poll(() => hostPage.locator('[data-testid="member"][data-role="listener"]').count(), {
        timeout: 15_000,
      })
      .toBe(0);
    await late.getByRole("button", { name: "Try again" }).click();
    await expect
      .poll(() => hostPage.locator('[data-testid="member"][data-role="listener"]').count(), {
        timeout: 15_000,
      })
      .toBe(1);
  });
});
