import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppProcess, type AppProcess } from "../support/app-process";
import {
  launchChromium,
  newContext,
  readInboundStreams,
  screenshot,
  waitForRisingEnergy,
} from "../support/browser";
import { signInAs } from "../support/e2e-flows";

let app: AppProcess;
let browser: Browser;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "audio-rooms-drain-"));

beforeAll(async () => {
  app = await startAppProcess({ dataDir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const tile = (page: Page, name: string) => page.locator(`[data-testid="member"][data-name="${name}"]`);

async function joinRoom(url: string, name: string): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  await page.goto(app.url);
  await signInAs(page, name);
  await page.goto(url);
  await tile(page, name).waitFor({ timeout: 20_000 });
  return page;
}

/** How many separate speakers' streams carry rising energy over one second. */
async function audibleSpeakers(page: Page): Promise<number> {
  const before = await readInboundStreams(page);
  await page.waitForTimeout(1000);
  const after = await readInboundStreams(page);
  return Object.entries(after).filter(([id, stream]) => stream.energy > (before[id]?.energy ?? 0)).length;
}

describe("[DRAIN-E2E] a drained restart under a live room", () => {
  it(
    "SIGTERM tells everyone, the next process takes them back with their roles, the speaker still unmuted, heard within 5 s",
    { timeout: 300_000 },
    async () => {
      const host = await (await newContext(browser)).newPage();
      await host.goto(app.url);
      await signInAs(host, "Dora Deploy");
      await host.getByLabel("Start a room").getByRole("textbox").fill("Deploy day");
      await host.getByRole("button", { name: "Start room" }).click();
      await host.waitForURL(/\/rooms\//);
      const roomUrl = host.url();
      await host.getByRole("button", { name: "Unmute", exact: true }).click();

      const carol = await joinRoom(roomUrl, "Carol Crowd");
      const bob = await joinRoom(roomUrl, "Bob Speaker");
      await bob.getByRole("button", { name: "Raise hand", exact: true }).click();
      const raised = host.locator('[data-testid="raised-hand"]');
      await expect.poll(() => raised.count(), { timeout: 10_000 }).toBe(1);
      await raised.getByRole("button", { name: "Invite to speak" }).click();
      await bob.getByRole("button", { name: "Join the stage" }).click();
      await expect
        .poll(() => tile(host, "Bob Speaker").getAttribute("data-role"), { timeout: 10_000 })
        .toBe("speaker");
      await bob.getByRole("button", { name: "Unmute", exact: true }).click();
      await expect.poll(() => audibleSpeakers(carol), { timeout: 15_000 }).toBe(2);
      await waitForRisingEnergy(host);

      // SIGTERM: the server drains (joins refused, members told) and exits cleanly.
      const port = app.port;
      expect(await app.stop()).toBe(0);
      for (const page of [host, bob, carol])
        await expect
          .poll(() => page.getByText("The server is restarting", { exact: false }).count(), {
            timeout: 5_000,
          })
          .toBeGreaterThan(0);
      await screenshot(carol, "drain-reconnecting-desktop");
      await carol.setViewportSize({ width: 390, height: 844 });
      await screenshot(carol, "drain-reconnecting-phone");
      await carol.setViewportSize({ width: 1280, height: 860 });

      app = await startAppProcess({ dataDir, env: { PORT: String(port) } });
      const listeningAt = Date.now();
      // Nobody clicks anything: Carol hears both speakers again, the host hears Bob.
      await expect.poll(() => audibleSpeakers(carol), { timeout: 15_000, interval: 0 }).toBe(2);
      const heardAfterMs = Date.now() - listeningAt;
      await waitForRisingEnergy(host, 10_000);
      expect(await tile(carol, "Dora Deploy").getAttribute("data-role")).toBe("host");
      expect(await tile(carol, "Bob Speaker").getAttribute("data-role")).toBe("speaker");
      expect(await tile(host, "Carol Crowd").getAttribute("data-role")).toBe("listener");
      await expect.poll(() => bob.getByRole("button", { name: "Mute", exact: true }).count()).toBe(1);
      await expect.poll(() => carol.getByText("The server is restarting", { exact: false }).count()).toBe(0);
      process.stdout.write(
        `[DRAIN-E2E] both speakers heard again ${heardAfterMs} ms after the new process listened\n`,
      );
      expect(heardAfterMs).toBeLessThan(5_000);
    },
  );
});
