import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { newContext, screenshot, waitForRisingEnergy } from "../support/browser";
import { e2eSuite } from "../support/e2e-suite";
import { fillSignUp, signInAs } from "../support/e2e-flows";

const ADMIN = "ts_chief";
const suite = e2eSuite({ env: { ADMIN_USERNAME: ADMIN } });

const tile = (page: Page, name: string) => page.locator(`[data-testid="member"][data-name="${name}"]`);
const names = (page: Page) =>
  page.locator('[data-testid="member"]').evaluateAll((els) => els.map((el) => el.getAttribute("data-name")));

async function both(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 860 });
}

/** On /admin/people: open a person and take a platform action with a reason, confirmed. */
async function actOnPerson(
  staff: Page,
  search: string,
  who: string,
  action: string,
  reason: string,
  duration?: string,
) {
  await staff.goto(`${suite.app.url}/admin/people`);
  await staff.getByLabel("Search by username or display name").fill(search);
  const row = staff.getByRole("list", { name: "People" }).getByRole("link", { name: new RegExp(who) });
  await row.waitFor({ timeout: 10_000 });
  await row.click();
  await staff.getByRole("heading", { name: who }).waitFor();
  await staff.getByRole("button", { name: action, exact: true }).click();
  if (duration) await staff.getByLabel("For how long").selectOption({ label: duration });
  await staff.getByLabel(/^Reason/).fill(reason);
  await staff.getByRole("button", { name: action, exact: true }).last().click();
  await staff.getByRole("button", { name: `Yes, ${action.toLowerCase()}` }).click();
}

describe("[TS-FLOW-E2E] report → queue → silent listen-in → end → suspend → audit, in real browsers", () => {
  it("runs the whole trust-and-safety flow", { timeout: 300_000 }, async () => {
    // The operator's admin account, and a member the admin makes a platform moderator.
    const admin = await (await newContext(suite.browser)).newPage();
    await admin.goto(suite.app.url);
    await admin.getByRole("tab", { name: "Create account" }).click();
    await fillSignUp(admin, { name: "Chief Admin", username: ADMIN, password: "e2e-chief-passphrase-1" });
    await admin.getByRole("button", { name: "Create account", exact: true }).click();
    await admin.getByRole("tab", { name: "Create account" }).waitFor({ state: "detached" });
    const mod = await (await newContext(suite.browser)).newPage();
    await mod.goto(suite.app.url);
    const modAccount = await signInAs(mod, "Mona Moderator");
    await actOnPerson(
      admin,
      modAccount.username,
      "Mona Moderator",
      "Make moderator",
      "Runs the evening rooms",
    );

    // A host speaks to a listener.
    const host = await (await newContext(suite.browser)).newPage();
    await host.goto(suite.app.url);
    const hostAccount = await signInAs(host, "Hank Host");
    await host.getByLabel("Start a room").getByRole("textbox").fill("Heated evening");
    await host.getByRole("button", { name: "Start room" }).click();
    await host.waitForURL(/\/rooms\//);
    const roomUrl = host.url();
    await host.getByRole("button", { name: "Unmute", exact: true }).click();
    const listener = await (await newContext(suite.browser)).newPage();
    await listener.goto(suite.app.url);
    await signInAs(listener, "Lena Listener");
    await listener.goto(roomUrl);
    await tile(listener, "Lena Listener").waitFor({ timeout: 20_000 });
    await waitForRisingEnergy(listener);

    // 1. The listener reports the room.
    await listener.getByRole("button", { name: "More room options" }).click();
    await listener.getByRole("menuitem", { name: "Report room" }).click();
    const dialog = listener.getByRole("dialog");
    await dialog.getByLabel("Harassment or bullying").check();
    await dialog
      .getByLabel(/Anything the moderators should know/)
      .fill("The host mocks people in the audience.");
    await dialog.getByRole("button", { name: "Send report" }).click();
    await expect
      .poll(() => dialog.getByRole("status").textContent(), { timeout: 10_000 })
      .toContain("Thanks");
    await dialog.getByRole("button", { name: "Done" }).click();

    // 2. The moderator sees it in the queue, with who was on stage.
    await mod.goto(`${suite.app.url}/admin/reports`);
    const card = mod.getByTestId("report-card").filter({ hasText: "The host mocks people in the audience." });
    await card.waitFor({ timeout: 15_000 });
    expect(await card.getByTestId("context-stage").textContent()).toBe("Hank Host (host)");
    await both(mod, "ts-flow-reports");

    // 3. The moderator listens in silently: hears the host, appears nowhere.
    const hostSees = await names(host);
    await mod.goto(`${suite.app.url}/admin`);
    const row = mod.locator("tr", { hasText: "Heated evening" });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toMatch(/1\b/); // one report in the last hour
    await both(mod, "ts-flow-live-rooms");
    await row.getByRole("link", { name: "Listen in" }).click();
    await mod.getByText("Listening silently — members do not see you").waitFor();
    await waitForRisingEnergy(mod);
    await both(mod, "ts-flow-listen-in");
    await host.waitForTimeout(1500);
    expect(await names(host)).toEqual(hostSees);
    for (const page of [host, listener]) expect(await page.getByText("Mona Moderator").count()).toBe(0);

    // 4. The moderator ends the room with a reason the members see.
    await mod.getByRole("button", { name: "End room" }).click();
    await mod.getByLabel(/Why are you ending/).fill("Harassment of the audience");
    await mod.getByRole("button", { name: "End room for everyone" }).click();
    await listener
      .getByText("This room was ended by the moderators: Harassment of the audience")
      .waitFor({ timeout: 10_000 });
    await mod.goto(`${suite.app.url}/admin/reports`);
    await card.getByLabel("Resolution note").fill("Room ended; host suspended");
    await card.getByRole("button", { name: "Mark as actioned" }).click();
    await expect.poll(() => card.count()).toBe(0);

    // 5. The host starts again; the moderator suspends them: disconnected live, cannot sign in.
    await host.goto(suite.app.url);
    await host.getByLabel("Start a room").getByRole("textbox").fill("Second try");
    await host.getByRole("button", { name: "Start room" }).click();
    await host.waitForURL(/\/rooms\//);
    await tile(host, "Hank Host").waitFor({ timeout: 20_000 });
    await actOnPerson(
      mod,
      hostAccount.username,
      "Hank Host",
      "Suspend",
      "Harassment after a warning",
      "7 days",
    );
    await host
      .getByText(/Your account was suspended until .*Harassment after a warning/)
      .waitFor({ timeout: 10_000 });
    await screenshot(host, "ts-flow-suspended-host");
    const again = await (await newContext(suite.browser)).newPage();
    await again.goto(`${suite.app.url}/signin`);
    await again.getByLabel("Username").fill(hostAccount.username);
    await again.getByLabel("Password").fill(hostAccount.password);
    await again.getByRole("button", { name: "Sign in", exact: true }).click();
    await again
      .getByRole("alert")
      .filter({ hasText: /suspended until/ })
      .waitFor({ timeout: 10_000 });
    // The room they were hosting ended with them.
    await mod.goto(`${suite.app.url}/admin`);
    await mod.getByText("No room is live right now.").waitFor({ timeout: 10_000 });

    // 6. The audit log shows every step.
    await mod.goto(`${suite.app.url}/admin/audit`);
    const entries = mod.getByRole("table", { name: "Audit entries" });
    await entries.getByText("platform.suspend").waitFor({ timeout: 10_000 });
    const log = (await entries.textContent()) ?? "";
    for (const action of [
      "staff.grant",
      "platform.listen_in",
      "room.end",
      "report.action",
      "platform.suspend",
    ])
      expect(log).toContain(action);
    expect(log).toContain("Harassment of the audience");
    await both(mod, "ts-flow-audit");
  });
});
