import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { e2eSuite } from "../support/e2e-suite";
import { newContext, screenshot, waitForRisingEnergy } from "../support/browser";
import { signInAs } from "../support/e2e-flows";

const suite = e2eSuite();

const tile = (page: Page, name: string) => page.locator(`[data-testid="member"][data-name="${name}"]`);

/** The language picker's remembered choice (next-intl's NEXT_LOCALE cookie) for this page's browser. */
async function speak(page: Page, locale: "id" | "zh-CN"): Promise<void> {
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: suite.app.url }]);
}

/** The document's language and whether anything is wider than the window (text that does not fit). */
async function layout(page: Page): Promise<{ lang: string; overflow: number }> {
  return page.evaluate(() => ({
    lang: document.documentElement.lang,
    overflow: document.documentElement.scrollWidth - window.innerWidth,
  }));
}

async function shoot(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  expect((await layout(page)).overflow, `${name}: nothing wider than a phone`).toBeLessThanOrEqual(0);
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 860 });
}

describe("[I18N-ROOM-1] a live room in Simplified Chinese and Bahasa Indonesia at once", () => {
  it(
    "a zh-CN host invites an id listener who raised a hand; each reads the room, refusals included, in their own language",
    { timeout: 300_000 },
    async () => {
      // Sign-up happens in English (the hallway is another feature's); then each picks a language.
      const host = await (await newContext(suite.browser)).newPage();
      await host.goto(suite.app.url);
      await signInAs(host, "Hana Host");
      await host.getByLabel("Start a room").getByRole("textbox").fill("夜谈 · Obrolan malam");
      await host.getByRole("button", { name: "Start room" }).click();
      await host.waitForURL(/\/rooms\//);
      const roomUrl = host.url();
      await speak(host, "zh-CN");
      await host.reload();
      await tile(host, "Hana Host").waitFor({ timeout: 20_000 });
      expect((await layout(host)).lang).toBe("zh-CN");
      await expect.poll(() => host.getByTestId("member-count").textContent()).toBe("房间内 1 人");
      await host.getByRole("heading", { name: "台上" }).waitFor();
      await host.getByText("还没有听众。", { exact: false }).waitFor();

      const listener = await (await newContext(suite.browser)).newPage();
      await listener.goto(suite.app.url);
      await signInAs(listener, "Lina Listener");
      await speak(listener, "id");
      await listener.goto(roomUrl);
      await tile(listener, "Lina Listener").waitFor({ timeout: 20_000 });
      expect((await layout(listener)).lang).toBe("id");
      await expect.poll(() => listener.getByTestId("member-count").textContent()).toBe("2 di ruang");
      await tile(listener, "Hana Host").getByText("Tuan rumah").waitFor();
      await listener.getByText("Mendengarkan (1)").waitFor();

      // The listener raises a hand; the host sees the queue in Chinese and invites her.
      await listener.getByRole("button", { name: "Angkat tangan", exact: true }).click();
      const raised = host.locator('[data-testid="raised-hand"]');
      await expect.poll(() => raised.count(), { timeout: 10_000 }).toBe(1);
      await host.getByRole("heading", { name: "举手（1）" }).waitFor();
      await expect.poll(() => raised.textContent()).toMatch(/已等待 \d+ 秒/);
      await shoot(host, "room-zh-CN-host-hand-queue");
      await raised.getByRole("button", { name: "邀请发言" }).click();

      // She reads the invitation in Indonesian, accepts, unmutes, and the host hears her.
      const invitation = listener.getByRole("alertdialog", { name: "Undangan untuk berbicara" });
      await invitation.getByText("Anda diundang untuk berbicara").waitFor({ timeout: 10_000 });
      await shoot(listener, "room-id-listener-invited");
      await invitation.getByRole("button", { name: "Naik panggung" }).click();
      await expect
        .poll(() => tile(host, "Lina Listener").getAttribute("data-role"), { timeout: 10_000 })
        .toBe("speaker");
      await listener.getByRole("button", { name: "Nyalakan mikrofon", exact: true }).click();
      await waitForRisingEnergy(host, 30_000);
      await tile(host, "Lina Listener").getByText("发言人").waitFor();
      await listener.getByRole("button", { name: "Bisukan", exact: true }).waitFor();
      await shoot(listener, "room-id-speaker");

      // A refusal from the server (too many reactions at once) reads in Chinese, not in the
      // server's English.
      await host.evaluate(() => {
        const button = document.querySelector<HTMLButtonElement>('[aria-label="回应：鼓掌"]');
        for (let i = 0; i < 15; i += 1) button?.click();
      });
      await host
        .getByRole("status")
        .filter({ hasText: "尝试次数过多，请稍后再试。" })
        .waitFor({ timeout: 10_000 });
      expect(await host.getByText("That is a lot of reactions").count()).toBe(0);
      await shoot(host, "room-zh-CN-host-refusal");

      // The share sheet and the audio check, in Chinese.
      await host.getByRole("button", { name: "分享", exact: true }).click();
      await host.getByRole("dialog", { name: "分享这个房间" }).getByText("房间链接").waitFor();
      await shoot(host, "room-zh-CN-share-sheet");
      await host.getByRole("button", { name: "完成" }).click();
      await host.getByRole("button", { name: "音频检测" }).click();
      const check = host.getByRole("dialog", { name: "音频检测" });
      await expect
        .poll(() => check.getByTestId("check-connection").textContent(), { timeout: 15_000 })
        .toBe("已连接");
      await shoot(host, "room-zh-CN-audio-check");
      await check.getByRole("button", { name: "关闭" }).click();

      // The host's end-room confirmation counts the others with the language's plural rule; the
      // listener then reads the ended room's page in Indonesian.
      await host.getByRole("button", { name: "结束房间" }).click();
      await host.getByRole("alertdialog").getByText("这里还有另外 1 人。", { exact: false }).waitFor();
      await screenshot(host, "room-zh-CN-end-confirm-desktop");
      await host.getByRole("button", { name: "为所有人结束房间" }).click();
      const ended = listener.getByRole("region", { name: "Ruang berakhir" });
      await ended.getByText("Ruang ini sudah berakhir").waitFor({ timeout: 15_000 });
      await expect
        .poll(() => ended.textContent())
        .toMatch(/Tuan rumah mengakhirinya\. Berakhir .+, setelah \d+ mnt\./);
      await shoot(listener, "room-id-ended");

      // A room that does not exist: the server's not_found, in Indonesian.
      await listener.goto(`${suite.app.url}/rooms/no-such-room`);
      await listener.getByRole("heading", { name: "Ruang itu tidak ada" }).waitFor({ timeout: 15_000 });
      await listener.getByText("Itu sudah tidak ada.").waitFor();
      await shoot(listener, "room-id-no-such-room");
    },
  );
});
