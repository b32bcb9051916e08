import { describe, expect, it } from "vitest";
import { e2eSuite } from "../support/e2e-suite";
import { fillSignUp, signInAs } from "../support/e2e-flows";
import { newContext, screenshot } from "../support/browser";

const ADMIN = "e2e_chief";
const suite = e2eSuite({ env: { ADMIN_USERNAME: ADMIN } });

describe("[TS-PEOPLE-E2E] staff suspend a member from the console, in real browsers", () => {
  it("an admin finds a listening member and suspends them: the room says so, sign-in says why, the audit log lists it", async () => {
    const admin = await (await newContext(suite.browser)).newPage();
    await admin.goto(suite.app.url);
    await admin.getByRole("tab", { name: "Create account" }).click();
    await fillSignUp(admin, { name: "Ada Admin", username: ADMIN, password: "e2e-admin-passphrase-1" });
    await admin.getByRole("button", { name: "Create account", exact: true }).click();
    await admin.getByRole("tab", { name: "Create account" }).waitFor({ state: "detached" });

    const host = await (await newContext(suite.browser)).newPage();
    await host.goto(suite.app.url);
    await signInAs(host, "Hana Host");
    await host.getByLabel("Start a room").getByRole("textbox").first().fill("Evening chat");
    await host.getByRole("button", { name: "Start room" }).click();
    await host.waitForURL(/\/rooms\//);
    const roomPath = new URL(host.url()).pathname;

    const member = await (await newContext(suite.browser)).newPage();
    await member.goto(suite.app.url);
    const credentials = await signInAs(member, "Mel Member");
    await member.goto(`${suite.app.url}${roomPath}`);
    await expect.poll(() => host.locator('[data-testid="member"]').count(), { timeout: 15_000 }).toBe(2);

    // The admin finds Mel.
    await admin.goto(`${suite.app.url}/admin/people`);
    await admin.getByLabel("Search by username or display name").fill("mel");
    const row = admin.getByRole("list", { name: "People" }).getByRole("link", { name: /Mel Member/ });
    await row.waitFor({ timeout: 10_000 });
    await screenshot(admin, "admin-people-desktop");
    await admin.setViewportSize({ width: 390, height: 844 });
    await screenshot(admin, "admin-people-phone");
    await admin.setViewportSize({ width: 1280, height: 860 });
    await row.click();
    await admin.getByRole("heading", { name: "Mel Member" }).waitFor();
    await admin.getByRole("button", { name: "Suspend", exact: true }).click();
    await admin.getByLabel("For how long").selectOption({ label: "3 days" });
    await admin.getByLabel(/^Reason/).fill("Repeated spam in rooms");
    await admin.getByRole("button", { name: "Suspend", exact: true }).last().click();
    await admin.getByRole("button", { name: "Yes, suspend" }).click();
    await admin
      .getByTestId("standing")
      .getByText(/Suspended until/)
      .waitFor({ timeout: 10_000 });

    // Mel's room page says they were taken out, and why.
    await member
      .getByText(/Your account was suspended until .*Repeated spam in rooms/)
      .waitFor({ timeout: 10_000 });
    await expect.poll(() => host.locator('[data-testid="member"]').count(), { timeout: 10_000 }).toBe(1);
    await screenshot(member, "suspended-member-room");

    // Signing in again is refused with the reason and the end.
    const again = await (await newContext(suite.browser)).newPage();
    await again.goto(`${suite.app.url}/signin`);
    await again.getByLabel("Username").fill(credentials.username);
    await again.getByLabel("Password").fill(credentials.password);
    await again.getByRole("button", { name: "Sign in", exact: true }).click();
    // (Next.js's route announcer is an empty alert too.)
    const alert = again.getByRole("alert").filter({ hasText: /suspended/ });
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toMatch(/suspended until \w{3} \d+, \d{4}.*Repeated spam in rooms/);
    await screenshot(again, "suspended-sign-in");

    await admin.setViewportSize({ width: 1280, height: 860 });
    await screenshot(admin, "admin-person-desktop");
    await admin.setViewportSize({ width: 390, height: 844 });
    await screenshot(admin, "admin-person-phone");
    await admin.setViewportSize({ width: 1280, height: 860 });

    // The audit page lists the suspension.
    await admin.goto(`${suite.app.url}/admin/audit`);
    const entries = admin.getByRole("table", { name: "Audit entries" });
    await entries.getByText("platform.suspend").waitFor({ timeout: 10_000 });
    expect(await entries.textContent()).toContain("Repeated spam in rooms");
    await screenshot(admin, "admin-audit-desktop");
    await admin.setViewportSize({ width: 390, height: 844 });
    await screenshot(admin, "admin-audit-phone");
  });
});
