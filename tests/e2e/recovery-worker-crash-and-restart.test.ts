import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { launchChromium, newContext, waitForRisingEnergy } from "../support/browser";
import { signInAs } from "../support/e2e-flows";
import { workerPids } from "../support/worker-processes";

let app: AppProcess;
let browser: Browser;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "audio-rooms-recovery-"));

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

describe("[RECOVER-E2E] listeners hear again after a media worker crash and after a server restart, without reloading", () => {
  it(
    "recovers audio within 10 s of a worker SIGKILL, and after SIGTERM + restart with the same roles",
    { timeout: 300_000 },
    async () => {
      const host = await (await newContext(browser)).newPage();
      await host.goto(app.url);
      await signInAs(host, "Rita Resilient");
      await host.getByLabel("Start a room").getByRole("textbox").fill("Never silent");
      await host.getByRole("button", { name: "Start room" }).click();
      await host.waitForURL(/\/rooms\//);
      const roomUrl = host.url();
      await host.getByRole("button", { name: "Unmute", exact: true }).click();

      const listeners: Page[] = [];
      for (const name of ["Lars Listener", "Lena Listener"]) {
        const page = await (await newContext(browser)).newPage();
        await page.goto(app.url);
        await signInAs(page, name);
        await page.goto(roomUrl);
        await tile(page, name).waitFor({ timeout: 20_000 });
        await waitForRisingEnergy(page);
        listeners.push(page);
      }

      // 1. The worker dies mid-room.
      const [worker] = workerPids(app.child.pid ?? 0);
      if (worker === undefined) throw new Error("no mediasoup worker found");
      process.kill(worker, "SIGKILL");
      const killedAt = Date.now();
      for (const page of listeners) await waitForRisingEnergy(page, 10_000);
      const workerRecoveryMs = Date.now() - killedAt;
      expect(workerRecoveryMs).toBeLessThan(12_000);
      await expect.poll(() => tile(listeners[0]!, "Rita Resilient").getAttribute("data-role")).toBe("host");

      // 2. The server is restarted on the same database and port; nobody reloads.
      const port = app.port;
      const exitCode = await app.stop();
      if (exitCode !== 0) process.stdout.write(`server log tail:\n${app.logs.slice(-15).join("\n")}\n`);
      expect(exitCode).toBe(0); // graceful SIGTERM shutdown
      app = await startAppProcess({ dataDir, env: { PORT: String(port) } });
      const restartedAt = Date.now();
      for (const page of [host, ...listeners])
        await expect.poll(() => page.locator('[data-testid="member"]').count(), { timeout: 30_000 }).toBe(3);
      await expect
        .poll(() => tile(listeners[1]!, "Rita Resilient").getAttribute("data-role"), { timeout: 15_000 })
        .toBe("host");
      expect(await tile(host, "Lars Listener").getAttribute("data-role")).toBe("listener");
      // Everyone comes back muted (safe default); the host unmutes and both listeners hear her again.
      // A drained restart gives the host back their unmuted microphone without a click (DRAIN-E2E).
      await expect.poll(() => host.getByRole("button", { name: "Mute", exact: true }).count()).toBe(1);
      for (const page of listeners) await waitForRisingEnergy(page, 15_000);
      process.stdout.write(
        `[RECOVER-E2E] worker kill → audio back: ${workerRecoveryMs} ms; restart → audio back: ${Date.now() - restartedAt} ms\n`,
      );
    },
  );
});
