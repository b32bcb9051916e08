import { describe, expect, it } from "vitest";
import { e2eSuite } from "../support/e2e-suite";
import { signInAs } from "../support/e2e-flows";
import { newContext, screenshot } from "../support/browser";

const suite = e2eSuite();

describe("[TS-REACT-E2E] reactions from one browser float up in another", () => {
  it("[TS-REACT-E2E-1] a listener taps 👏 👏 🔥: the host sees them float (right counts); reduced motion shows a counter; desktop and phone", async () => {
    const hostPage = await (await newContext(suite.browser)).newPage();
    await hostPage.goto(suite.app.url);
    await signInAs(hostPage, "Rhea Host");
    await hostPage.getByLabel("Start a room").getByRole("textbox").fill("Applause test");
    await hostPage.getByRole("button", { name: "Start room" }).click();
    await hostPage.waitForURL(/\/rooms\//);
    const roomUrl = hostPage.url();

    const listener = await (await newContext(suite.browser)).newPage();
    await listener.goto(suite.app.url);
    await signInAs(listener, "Remy Listener");
    await listener.goto(roomUrl);
    await expect
      .poll(() => hostPage.locator('[data-testid="member"][data-role="listener"]').count(), {
        timeout: 15_000,
      })
      .toBe(1);

    // Nothing floats before anyone reacts.
    expect(await hostPage.getByTestId("reaction-float").count()).toBe(0);
    const bar = listener.getByRole("group", { name: "Reactions" });
    await bar.getByRole("button", { name: "React: Applause" }).click();
    await bar.getByRole("button", { name: "React: Applause" }).click();
    await bar.getByRole("button", { name: "React: Fire" }).click();

    const floats = hostPage.getByTestId("reaction-float");
    await expect.poll(() => floats.count(), { timeout: 5_000 }).toBe(3);
    expect(await hostPage.locator('[data-testid="reaction-float"][data-emoji="👏"]').count()).toBe(2);
    expect(await hostPage.locator('[data-testid="reaction-float"][data-emoji="🔥"]').count()).toBe(1);
    // The sender sees the room's reactions too (their own included).
    await expect.poll(() => listener.getByTestId("reaction-float").count(), { timeout: 5_000 }).toBe(3);
    await hostPage.waitForTimeout(500); // mid-flight, for the picture
    await screenshot(hostPage, "reactions-host-desktop");
    // They float away: the screen does not fill up.
    await expect.poll(() => floats.count(), { timeout: 6_000 }).toBe(0);

    // Less motion asked for: no floating, a counter with the totals instead.
    await hostPage.emulateMedia({ reducedMotion: "reduce" });
    await bar.getByRole("button", { name: "React: Love" }).click();
    await bar.getByRole("button", { name: "React: Love" }).click();
    const counter = hostPage.getByTestId("reaction-counter");
    await expect
      .poll(() => counter.locator('[data-emoji="❤️"]').getAttribute("data-count"), { timeout: 5_000 })
      .toBe("2");
    expect(await floats.count()).toBe(0);
    await screenshot(hostPage, "reactions-reduced-motion-desktop");

    // A phone: one button opens the row; taps float on the phone and on the host's screen.
    await listener.setViewportSize({ width: 390, height: 844 });
    await hostPage.emulateMedia({ reducedMotion: "no-preference" });
    await expect.poll(() => bar.isVisible()).toBe(false);
    await listener.getByRole("button", { name: "React", exact: true }).click();
    await bar.getByRole("button", { name: "React: Laughing" }).click();
    await expect
      .poll(() => hostPage.locator('[data-testid="reaction-float"][data-emoji="😂"]').count(), {
        timeout: 5_000,
      })
      .toBe(1);
    await expect
      .poll(() => listener.locator('[data-testid="reaction-float"][data-emoji="😂"]').count(), {
        timeout: 5_000,
      })
      .toBe(1);
    await listener.waitForTimeout(400);
    await screenshot(listener, "reactions-listener-phone");
  });
});
