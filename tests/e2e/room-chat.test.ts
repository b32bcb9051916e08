import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { e2eSuite } from "../support/e2e-suite";
import { signInAs } from "../support/e2e-flows";
import { newContext, screenshot } from "../support/browser";

const suite = e2eSuite();

const chatOf = (page: Page) => page.getByRole("complementary").getByRole("region", { name: "Chat" });
const messagesOf = (page: Page) => chatOf(page).getByTestId("chat-list").locator("li");
const allTexts = async (page: Page) =>
  (await messagesOf(page).allInnerTexts()).map((text) => text.replace(/\s+/g, " ").trim());

async function say(page: Page, text: string) {
  const box = chatOf(page).getByRole("textbox");
  await box.fill(text);
  await box.press("Enter");
}

async function listenerIn(roomUrl: string, name: string) {
  const page = await (await newContext(suite.browser)).newPage();
  await page.goto(suite.app.url);
  const account = await signInAs(page, name);
  await page.goto(roomUrl);
  await expect.poll(() => chatOf(page).isVisible(), { timeout: 20_000 }).toBe(true);
  return { page, ...account };
}

describe("[CHAT-E2E] the chat backchannel in two (and three) browsers", () => {
  it("[CHAT-E2E-1] chat both ways, safe links, a deleted message disappears, slow mode says the seconds left, a blocked person is hidden; desktop and phone", async () => {
    const host = await (await newContext(suite.browser)).newPage();
    await host.goto(suite.app.url);
    await signInAs(host, "Chet Host");
    await host.getByLabel("Start a room").getByRole("textbox").fill("Chat test");
    await host.getByRole("button", { name: "Start room" }).click();
    await host.waitForURL(/\/rooms\//);
    const roomUrl = host.url();
    await expect.poll(() => chatOf(host).isVisible(), { timeout: 20_000 }).toBe(true);

    const remy = await listenerIn(roomUrl, "Remy Listener");
    // Both ways: the listener writes (with a link), the host answers (with a mention).
    await say(remy.page, "Hello from Remy, see https://example.org/notes and javascript:alert(1)");
    await expect
      .poll(() => allTexts(host), { timeout: 10_000 })
      .toEqual([expect.stringContaining("Hello from Remy, see https://example.org/notes")]);
    const link = chatOf(host).getByRole("link", { name: "https://example.org/notes" });
    expect(await link.getAttribute("href")).toBe("https://example.org/notes");
    expect(await link.getAttribute("rel")).toBe("noopener noreferrer");
    expect(await link.getAttribute("target")).toBe("_blank");
    // javascript: stays text: the message has exactly one link.
    expect(await chatOf(host).getByTestId("chat-list").locator("a[href^='http']").count()).toBe(1);
    expect(await chatOf(host).getByTestId("chat-list").locator("a[href^='javascript']").count()).toBe(0);
    await say(host, `Welcome @${remy.username}!`);
    await expect
      .poll(
        async () => (await allTexts(remy.page)).some((text) => text.includes(`Welcome @${remy.username}!`)),
        {
          timeout: 10_000,
        },
      )
      .toBe(true);
    // The mention notified Remy (the bell's live count).
    await expect.poll(() => remy.page.getByTestId("unread-count").innerText(), { timeout: 10_000 }).toBe("1");

    // The host deletes Remy's message: it disappears from Remy's browser.
    await say(remy.page, "an unfortunate remark");
    await expect
      .poll(async () => (await allTexts(host)).some((text) => text.includes("an unfortunate remark")), {
        timeout: 10_000,
      })
      .toBe(true);
    await chatOf(host).getByRole("button", { name: "Delete message from Remy Listener" }).last().click();
    await expect
      .poll(async () => (await allTexts(remy.page)).some((text) => text.includes("an unfortunate remark")), {
        timeout: 10_000,
      })
      .toBe(false);
    expect((await allTexts(host)).some((text) => text.includes("an unfortunate remark"))).toBe(false);

    // A third person, whom Remy blocks: hidden for Remy (old and new messages), seen by the host.
    const tess = await listenerIn(roomUrl, "Tess Pest");
    await say(tess.page, "first words from Tess");
    await expect
      .poll(async () => (await allTexts(remy.page)).some((text) => text.includes("first words from Tess")), {
        timeout: 10_000,
      })
      .toBe(true);
    const profile = await remy.page.context().newPage();
    await profile.goto(`${suite.app.url}/u/${tess.username}`);
    await profile.getByRole("button", { name: "Block", exact: true }).click();
    await expect
      .poll(() => profile.getByRole("button", { name: "Unblock" }).isVisible(), { timeout: 10_000 })
      .toBe(true);
    await profile.close();
    await remy.page.reload();
    await expect
      .poll(() => allTexts(remy.page), { timeout: 20_000 })
      .toContainEqual(expect.stringContaining("Hello from Remy"));
    await say(tess.page, "second words from Tess");
    await expect
      .poll(async () => (await allTexts(host)).some((text) => text.includes("second words from Tess")), {
        timeout: 10_000,
      })
      .toBe(true);
    await remy.page.waitForTimeout(1000);
    expect((await allTexts(remy.page)).some((text) => text.includes("Tess"))).toBe(false);

    // Slow mode: the host picks 10 s; Remy's second message is refused, saying the seconds left.
    await chatOf(host).getByLabel("Slow mode").selectOption("10");
    await expect
      .poll(() => chatOf(remy.page).getByText("Slow mode: one message every 10 seconds").isVisible(), {
        timeout: 10_000,
      })
      .toBe(true);
    // Remy's last message may be less than 10 s old: slow mode counts from it.
    await remy.page.waitForTimeout(10_500);
    await say(remy.page, "slow one");
    await expect
      .poll(async () => (await allTexts(host)).some((text) => text.includes("slow one")), { timeout: 10_000 })
      .toBe(true);
    await say(remy.page, "slow two");
    const alert = chatOf(remy.page).getByRole("alert");
    await expect
      .poll(() => alert.innerText(), { timeout: 10_000 })
      .toMatch(/you can write again in ([5-9]|10) seconds/);
    await host.waitForTimeout(800);
    expect((await allTexts(host)).some((text) => text.includes("slow two"))).toBe(false);
    await screenshot(host, "chat-host-desktop");
    await screenshot(remy.page, "chat-listener-desktop");

    // A phone: the chat is a button that opens a sheet.
    await remy.page.setViewportSize({ width: 390, height: 844 });
    await remy.page.waitForTimeout(500);
    await screenshot(remy.page, "chat-listener-phone-closed");
    const open = remy.page.getByRole("button", { name: "Chat", exact: true });
    await expect.poll(() => open.isVisible(), { timeout: 10_000 }).toBe(true);
    await open.click();
    await expect.poll(() => remy.page.getByRole("region", { name: "Chat" }).isVisible()).toBe(true);
    await screenshot(remy.page, "chat-listener-phone");
  }, 180_000);
});
