import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { e2eSuite } from "../support/e2e-suite";
import { newContext, screenshot, untouchedSignedInPage } from "../support/browser";
import { fillSignUp, signInAs } from "../support/e2e-flows";
import { axeTally, expectNoSeriousViolations } from "../support/axe";
import { focusedName, pressUntilFocused } from "../support/keyboard";

const ADMIN = "a11y_chief";
const suite = e2eSuite({ env: { ADMIN_USERNAME: ADMIN } });

const tile = (page: Page, name: string) => page.locator(`[data-testid="member"][data-name="${name}"]`);

/** A host with a live room, signed in through the form; the room's address. */
async function hostRoom(title: string, name = "Hana Host"): Promise<{ host: Page; url: string }> {
  const host = await (await newContext(suite.browser)).newPage();
  await host.goto(suite.app.url);
  await signInAs(host, name);
  await host.getByLabel("Start a room").getByRole("textbox").fill(title);
  await host.getByRole("button", { name: "Start room" }).click();
  await host.waitForURL(/\/rooms\//);
  await tile(host, name).waitFor({ timeout: 20_000 });
  return { host, url: host.url() };
}

/** Waits for the page to settle (fonts, the room's first render) before axe reads it. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle").catch(() => undefined);
  await page.waitForTimeout(300);
}

describe("[A11Y-1] axe finds no serious or critical violations, light and dark", () => {
  it("hallway, sign-in, sign-up, room as host and listener, profile, settings, admin pages", async () => {
    const visitor = await (await newContext(suite.browser)).newPage();
    for (const [name, path] of [
      ["hallway (signed out)", "/"],
      ["sign-in", "/signin"],
      ["sign-up", "/signup"],
    ] as const) {
      await visitor.goto(`${suite.app.url}${path}`);
      await settle(visitor);
      await expectNoSeriousViolations(visitor, name);
    }

    const { host, url } = await hostRoom("Accessible audio");
    const listener = await untouchedSignedInPage(
      await newContext(suite.browser),
      suite.app.url,
      "Lee Listener",
    );
    await listener.goto(url);
    await tile(listener, "Lee Listener").waitFor({ timeout: 20_000 });
    await settle(host);
    await expectNoSeriousViolations(host, "room as host");
    await settle(listener);
    await expectNoSeriousViolations(listener, "room as listener");
    await listener.getByRole("button", { name: "Raise hand", exact: true }).click();
    await host.locator('[data-testid="raised-hand"]').waitFor();
    await expectNoSeriousViolations(host, "room as host, a hand raised");
    await host.getByRole("button", { name: "Share" }).click();
    await host.getByRole("dialog").waitFor();
    await expectNoSeriousViolations(host, "room share sheet");
    await host.keyboard.press("Escape");

    await listener.goto(suite.app.url);
    await listener.getByRole("link", { name: "Join Accessible audio" }).waitFor();
    await expectNoSeriousViolations(listener, "hallway (signed in, a live room)");
    await listener.goto(`${suite.app.url}/settings/profile`);
    await settle(listener);
    await expectNoSeriousViolations(listener, "settings");
    const hostName = await host.locator('header a[href^="/u/"]').getAttribute("href");
    await listener.goto(`${suite.app.url}${hostName ?? "/"}`);
    await settle(listener);
    await expectNoSeriousViolations(listener, "profile");

    for (const scheme of ["dark"] as const) {
      await listener.emulateMedia({ colorScheme: scheme });
      await host.emulateMedia({ colorScheme: scheme });
      await expectNoSeriousViolations(listener, `profile (${scheme})`);
      await listener.goto(suite.app.url);
      await listener.getByRole("link", { name: "Join Accessible audio" }).waitFor();
      await expectNoSeriousViolations(listener, `hallway (${scheme})`);
      await listener.goto(url);
      await tile(listener, "Lee Listener").waitFor({ timeout: 20_000 });
      await settle(listener);
      await expectNoSeriousViolations(listener, `room as listener (${scheme})`);
      await expectNoSeriousViolations(host, `room as host (${scheme})`);
      await visitor.emulateMedia({ colorScheme: scheme });
      await visitor.goto(`${suite.app.url}/signin`);
      await settle(visitor);
      await expectNoSeriousViolations(visitor, `sign-in (${scheme})`);
    }

    const admin = await (await newContext(suite.browser)).newPage();
    await admin.goto(suite.app.url);
    await admin.getByRole("tab", { name: "Create account" }).click();
    await fillSignUp(admin, { name: "Ada Admin", username: ADMIN, password: "e2e-admin-passphrase-1" });
    await admin.getByRole("button", { name: "Create account", exact: true }).click();
    await admin.getByRole("tab", { name: "Create account" }).waitFor({ state: "detached" });
    for (const path of [
      "/admin",
      "/admin/people",
      "/admin/reports",
      "/admin/audit",
      "/admin/filters",
      "/admin/verification",
    ]) {
      await admin.goto(`${suite.app.url}${path}`);
      await settle(admin);
      await expectNoSeriousViolations(admin, `admin ${path}`);
    }
    await admin.emulateMedia({ colorScheme: "dark" });
    await expectNoSeriousViolations(admin, "admin /admin/verification (dark)");
    await admin.goto(`${suite.app.url}/admin`);
    await settle(admin);
    await expectNoSeriousViolations(admin, "admin /admin (dark)");
    process.stdout.write(`axe tally: ${JSON.stringify(axeTally, null, 1)}\n`);
    await host.context().close();
    await listener.context().close();
  }, 300_000);
});

describe("[A11Y-2] light and dark screenshots of the hallway and a room, desktop and phone", () => {
  it("takes them (look at test-artifacts/a11y-*.png)", async () => {
    const { host, url } = await hostRoom("Late night jazz talk", "Nina Night");
    const guest = await untouchedSignedInPage(await newContext(suite.browser), suite.app.url, "Omar Owl");
    await guest.goto(url);
    await tile(guest, "Omar Owl").waitFor({ timeout: 20_000 });
    await guest.getByRole("button", { name: "Raise hand", exact: true }).click();
    await host.locator('[data-testid="raised-hand"]').waitFor();
    for (const scheme of ["light", "dark"] as const) {
      for (const page of [host, guest]) await page.emulateMedia({ colorScheme: scheme });
      for (const [width, height, label] of [
        [1280, 860, "desktop"],
        [390, 844, "phone"],
      ] as const) {
        await host.setViewportSize({ width, height });
        await guest.setViewportSize({ width, height });
        await screenshot(host, `a11y-room-host-${label}-${scheme}`);
        await screenshot(guest, `a11y-room-listener-${label}-${scheme}`);
      }
    }
    const hallway = await (await newContext(suite.browser)).newPage();
    await hallway.goto(suite.app.url);
    await signInAs(hallway, "Pat Passerby");
    await hallway.getByRole("link", { name: "Join Late night jazz talk" }).waitFor();
    for (const scheme of ["light", "dark"] as const) {
      await hallway.emulateMedia({ colorScheme: scheme });
      await hallway.setViewportSize({ width: 1280, height: 860 });
      await screenshot(hallway, `a11y-hallway-desktop-${scheme}`);
      await hallway.setViewportSize({ width: 390, height: 844 });
      await screenshot(hallway, `a11y-hallway-phone-${scheme}`);
    }
    expect(await hallway.evaluate("getComputedStyle(document.body).backgroundColor")).toBe("rgb(19, 18, 16)");
    await hallway.context().close();
    await host.context().close();
    await guest.context().close();
  }, 240_000);
});

describe("[A11Y-3] keyboard only: join, raise a hand, accept the invitation, open and close a sheet, leave", () => {
  it("a listener does it all with Tab, Shift+Tab, Enter, Space and Escape; the live region says what changed", async () => {
    const { host } = await hostRoom("Keys only", "Kim Keys");
    const page = await untouchedSignedInPage(await newContext(suite.browser), suite.app.url, "Tab Taylor");
    await page.goto(suite.app.url);
    await page.getByRole("link", { name: "Join Keys only" }).waitFor();

    // Join from the hallway card.
    await pressUntilFocused(page, "Tab", /^Join Keys only/);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/rooms\//);
    await tile(page, "Tab Taylor").waitFor({ timeout: 20_000 });
    const announcer = page.getByTestId("room-announcer");

    // Raise a hand with Space.
    await pressUntilFocused(page, "Tab", /^Raise hand$/);
    await page.keyboard.press("Space");
    await expect
      .poll(() => tile(host, "Tab Taylor").getAttribute("data-hand"), { timeout: 10_000 })
      .toBe("true");
    await expect.poll(() => announcer.textContent()).toContain("Your hand is raised");

    // The host invites; the invitation takes focus, Enter accepts it.
    await host
      .locator('[data-testid="raised-hand"]')
      .getByRole("button", { name: "Invite to speak" })
      .click();
    await expect
      .poll(() => announcer.textContent(), { timeout: 10_000 })
      .toContain("You are invited to speak");
    await expect.poll(() => focusedName(page), { timeout: 5000 }).toBe("Join the stage");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => tile(host, "Tab Taylor").getAttribute("data-role"), { timeout: 10_000 })
      .toBe("speaker");
    await expect.poll(() => announcer.textContent()).toContain("You are on stage");

    // A sheet: Share opens it, Tab stays inside, Escape closes it and focus is back on Share.
    await pressUntilFocused(page, "Shift+Tab", /^Share$/);
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    for (let i = 0; i < 12; i += 1) {
      await page.keyboard.press("Tab");
      expect(await dialog.evaluate((node) => node.contains(document.activeElement))).toBe(true);
    }
    for (let i = 0; i < 4; i += 1) {
      await page.keyboard.press("Shift+Tab");
      expect(await dialog.evaluate((node) => node.contains(document.activeElement))).toBe(true);
    }
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await focusedName(page)).toBe("Share");

    // Unmute with Space, then leave.
    await pressUntilFocused(page, "Tab", /^Unmute$/);
    await page.keyboard.press("Space");
    await expect.poll(() => announcer.textContent(), { timeout: 10_000 }).toContain("You are unmuted");
    await expect.poll(() => tile(host, "Tab Taylor").getAttribute("data-muted")).toBe("false");
    await pressUntilFocused(page, "Shift+Tab", /^Leave quietly$/);
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`^${suite.app.url}/?$`));
    await expect.poll(() => tile(host, "Tab Taylor").count(), { timeout: 10_000 }).toBe(0);
    await host.context().close();
    await page.context().close();
  }, 180_000);
});
