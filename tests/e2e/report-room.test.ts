import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { e2eSuite } from "../support/e2e-suite";
import { fillSignUp, signInAs } from "../support/e2e-flows";
import { newContext, screenshot, waitForRisingEnergy } from "../support/browser";

const MODERATOR = `mod_${randomBytes(3).toString("hex")}`;
// The account signed up with ADMIN_USERNAME becomes this server's admin (platform staff).
const suite = e2eSuite({ env: { ADMIN_USERNAME: MODERATOR } });

const tile = (page: Page, name: string) => page.locator(`[data-testid="member"][data-name="${name}"]`);

async function reportFromDialog(page: Page, category: string, details: string): Promise<void> {
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(category).check();
  await dialog.getByLabel(/Anything the moderators should know/).fill(details);
  await dialog.getByRole("button", { name: "Send report" }).click();
  await expect
    .poll(() => dialog.getByRole("status").textContent(), { timeout: 10_000 })
    .toContain("Thanks — the moderators will review it");
}

describe("[TS-REPORT-E2E] a member reports a room and a person; a moderator reviews both", () => {
  it(
    "reports from the room menu and a member's sheet; the queue shows the context",
    { timeout: 300_000 },
    async () => {
      // Hana hosts and speaks (the fake microphone), Sami is invited on stage, Rita listens.
      const host = await (await newContext(suite.browser)).newPage();
      await host.goto(suite.app.url);
      await signInAs(host, "Hana Host");
      await host.getByLabel("Start a room").getByRole("textbox").fill("Late night debate");
      await host.getByRole("button", { name: "Start room" }).click();
      await host.waitForURL(/\/rooms\//);
      const roomUrl = host.url();
      await tile(host, "Hana Host").waitFor({ timeout: 20_000 });

      const join = async (name: string) => {
        const page = await (await newContext(suite.browser)).newPage();
        await page.goto(suite.app.url);
        await signInAs(page, name);
        await page.goto(roomUrl);
        await tile(page, name).waitFor({ timeout: 20_000 });
        return page;
      };
      const sami = await join("Sami Speaker");
      await tile(host, "Sami Speaker").getByRole("button").click();
      await host.getByRole("dialog").getByRole("button", { name: "Invite to speak", exact: true }).click();
      await sami.getByRole("button", { name: "Join the stage" }).click();
      await expect
        .poll(() => tile(host, "Sami Speaker").getAttribute("data-role"), { timeout: 10_000 })
        .toBe("speaker");

      const rita = await join("Rita Rivers");
      await host.getByRole("button", { name: "Unmute", exact: true }).click();
      await waitForRisingEnergy(rita);
      // The server names Hana the active speaker: she holds the floor when Rita reports.
      await expect
        .poll(() => tile(rita, "Hana Host").getAttribute("data-speaking"), { timeout: 15_000 })
        .toBe("true");

      // The room, from the room menu.
      await rita.setViewportSize({ width: 390, height: 844 });
      await rita.getByRole("button", { name: "More room options" }).click();
      await rita.getByRole("menuitem", { name: "Report room" }).click();
      await rita.getByRole("dialog").getByLabel("Harassment or bullying").check();
      await screenshot(rita, "report-dialog-phone");
      await reportFromDialog(rita, "Harassment or bullying", "They shout at the audience.");
      await screenshot(rita, "report-dialog-thanks-phone");
      await rita.getByRole("button", { name: "Done" }).click();

      // A person, from their sheet.
      await tile(rita, "Sami Speaker").getByRole("button").click();
      await rita.getByRole("dialog").getByRole("button", { name: "Report Sami Speaker" }).click();
      await reportFromDialog(rita, "Spam or scam", "Keeps advertising a crypto site.");
      await rita.getByRole("button", { name: "Done" }).click();
      // Sami is told nothing.
      expect(await sami.getByText(/report/i).count()).toBe(0);

      // The moderator opens the queue.
      const mod = await (await newContext(suite.browser)).newPage();
      await mod.setViewportSize({ width: 1280, height: 900 });
      await mod.goto(suite.app.url);
      await mod.getByRole("tab", { name: "Create account" }).click();
      await fillSignUp(mod, {
        name: "Mo Moderator",
        username: MODERATOR,
        password: `e2e-${randomBytes(9).toString("base64url")}`,
      });
      await mod.getByRole("button", { name: "Create account", exact: true }).click();
      await mod.getByRole("tab", { name: "Create account" }).waitFor({ state: "detached" });
      await mod.goto(`${suite.app.url}/admin/reports`);
      const cards = mod.getByTestId("report-card");
      await expect.poll(() => cards.count(), { timeout: 15_000 }).toBe(2);
      const roomCard = cards.filter({ hasText: "They shout at the audience." });
      const personCard = cards.filter({ hasText: "Keeps advertising a crypto site." });
      expect(await roomCard.textContent()).toContain("Rita Rivers reported the room “Late night debate”");
      expect(await roomCard.getByTestId("context-stage").textContent()).toBe(
        "Hana Host (host), Sami Speaker (speaker)",
      );
      expect(await roomCard.getByTestId("context-floor").textContent()).toBe("Hana Host");
      expect(await personCard.textContent()).toContain("Rita Rivers reported Sami Speaker");
      expect(await personCard.textContent()).toContain("Their role thenspeaker");
      await screenshot(mod, "admin-reports-desktop");
      await mod.setViewportSize({ width: 390, height: 844 });
      await screenshot(mod, "admin-reports-phone");
      await mod.setViewportSize({ width: 1280, height: 900 });

      // Dismissing one moves it to its tab, with the note and who did it.
      await personCard.getByLabel("Resolution note").fill("Link was to a real charity; not spam.");
      await personCard.getByRole("button", { name: "Dismiss" }).click();
      await expect.poll(() => cards.count()).toBe(1);
      await mod.getByRole("tab", { name: "Dismissed" }).click();
      await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(1);
      const dismissed = await cards.first().textContent();
      expect(dismissed).toContain("Dismissed by Mo Moderator");
      expect(dismissed).toContain("Link was to a real charity; not spam.");

      // Word filters: add one of each kind, see them listed, and the screenshots at both widths.
      await mod.goto(`${suite.app.url}/admin/filters`);
      for (const [phrase, action] of [
        ["anjing", "Block"],
        ["傻逼", "Block"],
        ["bangsat", "Flag"],
      ] as const) {
        await mod.getByLabel("Word or phrase").fill(phrase);
        await mod.getByRole("group", { name: "When it matches" }).getByText(action, { exact: true }).click();
        await mod.getByRole("button", { name: "Add", exact: true }).click();
        await expect.poll(() => mod.getByTestId("filter-row").filter({ hasText: phrase }).count()).toBe(1);
      }
      await screenshot(mod, "admin-filters-desktop");
      await mod.setViewportSize({ width: 390, height: 844 });
      await screenshot(mod, "admin-filters-phone");
      // A flagged bio is accepted and lands in the queue as a word-filter report.
      const saved = await rita.evaluate(async () => {
        const response = await fetch("/api/me/profile", {
          method: "POST",
          headers: { "content-type": "application/json", "x-audio-rooms-csrf": "1" },
          body: JSON.stringify({ displayName: "Rita Rivers", bio: "Dasar b4ngs4t semua" }),
        });
        const answer: unknown = await response.json();
        return typeof answer === "object" && answer !== null && "ok" in answer && answer.ok === true;
      });
      expect(saved).toBe(true);
      await mod.setViewportSize({ width: 1280, height: 900 });
      await mod.goto(`${suite.app.url}/admin/reports`);
      const flagged = cards.filter({ hasText: "Word filter" });
      await expect.poll(() => flagged.count(), { timeout: 10_000 }).toBe(1);
      expect(await flagged.textContent()).toContain("Dasar b4ngs4t semua");
      await screenshot(mod, "admin-reports-word-filter-desktop");
      await mod.goto(`${suite.app.url}/admin/filters`);
      await mod.getByRole("button", { name: "Remove bangsat" }).click();
      await expect.poll(() => mod.getByTestId("filter-row").count()).toBe(2);
    },
  );
});
