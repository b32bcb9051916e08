import { describe, expect, it } from "vitest";
import type { BrowserContext } from "playwright-core";
import { e2eSuite } from "../support/e2e-suite";
import { fillSignUp, signInAs } from "../support/e2e-flows";
import { newContext, screenshot } from "../support/browser";

const ADMIN = "e2e_polyglot";
const suite = e2eSuite({ env: { ADMIN_USERNAME: ADMIN } });

/** The language picker's choice, as the picker stores it (next-intl's cookie). */
async function chooseLanguage(context: BrowserContext, locale: string): Promise<void> {
  await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: suite.app.url }]);
}

describe("[ADMIN-I18N-E2E] the console speaks the staff member's language", () => {
  it("[ADMIN-I18N-E2E-1] /admin reads in Simplified Chinese and in Bahasa Indonesia, live counts included", async () => {
    const host = await (await newContext(suite.browser)).newPage();
    await host.goto(suite.app.url);
    await signInAs(host, "Hana Host");
    await host.getByLabel("Start a room").getByRole("textbox").first().fill("Evening chat");
    await host.getByRole("button", { name: "Start room" }).click();
    await host.waitForURL(/\/rooms\//);

    const context = await newContext(suite.browser);
    const admin = await context.newPage();
    await admin.goto(suite.app.url);
    await admin.getByRole("tab", { name: "Create account" }).click();
    await fillSignUp(admin, { name: "Ada Admin", username: ADMIN, password: "e2e-admin-passphrase-1" });
    await admin.getByRole("button", { name: "Create account", exact: true }).click();
    await admin.getByRole("tab", { name: "Create account" }).waitFor({ state: "detached" });

    await chooseLanguage(context, "zh-CN");
    await admin.goto(`${suite.app.url}/admin`);
    await admin.getByRole("heading", { name: "直播房间" }).waitFor({ timeout: 15_000 });
    const row = admin.locator("tr", { hasText: "Evening chat" });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain("台上 1 人 · 0 人收听");
    await row.getByRole("link", { name: "旁听" }).waitFor();
    expect(await admin.getByRole("navigation", { name: "控制台" }).textContent()).toContain("审计日志");
    await screenshot(admin, "admin-zh-CN-desktop");
    await admin.setViewportSize({ width: 390, height: 844 });
    await admin.getByRole("list", { name: "直播房间" }).getByText("主持人 Hana Host").waitFor();
    await screenshot(admin, "admin-zh-CN-phone");
    await admin.setViewportSize({ width: 1280, height: 860 });

    await chooseLanguage(context, "id");
    await admin.goto(`${suite.app.url}/admin/people`);
    await admin.getByRole("heading", { name: "Orang" }).waitFor({ timeout: 15_000 });
    await admin.getByLabel("Cari berdasarkan nama pengguna atau nama tampilan").fill("hana");
    await admin
      .getByRole("list", { name: "Orang" })
      .getByRole("link", { name: /Hana Host/ })
      .waitFor();
    await screenshot(admin, "admin-id-people");
  });
});
