import { afterAll, beforeAll } from "vitest";
import type { Browser } from "playwright-core";
import { startAppProcess, type AppProcess } from "./app-process";
import { launchChromium } from "./browser";

/**
 * The frame of most browser test files: one real server (production build, its own temporary
 * database) and one Chromium for the whole file, started before the first test and always
 * stopped after the last, even when a test fails. Read `app` and `browser` inside tests only.
 */
export function e2eSuite(options: { env?: Record<string, string> } = {}): {
  readonly app: AppProcess;
  readonly browser: Browser;
} {
  let app: AppProcess | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    app = await startAppProcess(options.env ? { env: options.env } : {});
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  return {
    get app() {
      if (!app) throw new Error("the app is started in beforeAll; read it inside a test");
      return app;
    },
    get browser() {
      if (!browser) throw new Error("the browser is started in beforeAll; read it inside a test");
      return browser;
    },
  };
}
