import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { energyOver, launchChromium, newContext, screenshot, waitForRisingEnergy } from "../support/browser";
import { signInAs } from "../support/e2e-flows";
import { signIn } from "../support/test-app";

let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  app = await startAppProcess();
  // Autoplay only after a user gesture, as in Safari and in Chrome for a site you rarely visit.
  browser = await launchChromium({ autoplay: "gesture" });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("[LISTEN-1] when the browser blocks autoplay, one tap starts the room's audio", () => {
  it("shows Tap to listen, plays nothing before the tap, and the speaker after it", async () => {
    const hostPage = await (await newContext(browser)).newPage();
    await hostPage.goto(app.url);
    await signInAs(hostPage, "Tess Talker");
    await hostPage.getByLabel("Start a room").getByRole("textbox").fill("Autoplay check");
    await hostPage.getByRole("button", { name: "Start room" }).click();
    await hostPage.waitForURL(/\/rooms\//);
    await hostPage.getByRole("button", { name: "Unmute", exact: true }).click();

    // The listener arrives from a shared link, already signed in: no click on the page yet.
    const { cookie } = await signIn(app.url, "Lou Link");
    const [name, ...rest] = cookie.split("=");
    const context = await newContext(browser, { width: 390, height: 844 });
    await context.addCookies([{ name: name ?? "", value: rest.join("="), url: app.url }]);
    const listener = await context.newPage();
    await listener.goto(hostPage.url());

    const tap = listener.getByRole("button", { name: "Tap to listen" });
    await tap.waitFor({ timeout: 20_000 });
    await screenshot(listener, "tap-to-listen-phone");
    const before = await energyOver(listener, 2000);
    expect(before.packets).toBeGreaterThan(10); // audio is arriving...
    expect(before.energy).toBeLessThan(1e-6); // ...but nothing is played out

    await tap.click();
    await tap.waitFor({ state: "detached", timeout: 5_000 });
    const heard = await waitForRisingEnergy(listener);
    expect(heard.energy).toBeGreaterThan(0);
  });
});
