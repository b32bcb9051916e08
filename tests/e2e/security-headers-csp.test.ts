import { describe, expect, it } from "vitest";
import type { BrowserContext, Page, Response } from "playwright-core";
import { z } from "zod";
import { e2eSuite } from "../support/e2e-suite";
import { signInAs } from "../support/e2e-flows";
import { newContext, screenshot, waitForRisingEnergy } from "../support/browser";

const suite = e2eSuite();

/**
 * Records every CSP violation of every document the tab loads, in sessionStorage so the record
 * survives navigations within the tab (the listener is installed before any page script runs).
 */
const VIOLATION_RECORDER = `
  document.addEventListener("securitypolicyviolation", (event) => {
    const seen = JSON.parse(sessionStorage.getItem("__cspViolations") ?? "[]");
    seen.push({ directive: event.effectiveDirective, blocked: event.blockedURI, url: document.URL });
    sessionStorage.setItem("__cspViolations", JSON.stringify(seen));
  });
`;

const violationsSchema = z.array(z.object({ directive: z.string(), blocked: z.string(), url: z.string() }));

async function cspContext(): Promise<BrowserContext> {
  const context = await newContext(suite.browser);
  await context.addInitScript({ content: VIOLATION_RECORDER });
  return context;
}

/** A page whose CSP console errors are collected in `errors`. */
async function watchedPage(errors: string[]): Promise<Page> {
  const page = await (await cspContext()).newPage();
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to (execute|load|connect|apply|frame)/i.test(text))
      errors.push(`${page.url()}: ${text}`);
  });
  return page;
}

async function violationsOf(page: Page) {
  return violationsSchema.parse(
    await page.evaluate((): unknown => JSON.parse(sessionStorage.getItem("__cspViolations") ?? "[]")),
  );
}

function expectSecurityHeaders(response: Response | null): string {
  expect(response?.status()).toBe(200);
  const headers = response?.headers() ?? {};
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).not.toContain("unsafe-eval");
  for (const directive of [
    "connect-src 'self'",
    "media-src 'self' blob: mediastream:",
    "img-src 'self' data: blob:",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ])
    expect(csp).toContain(directive);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["permissions-policy"]).toContain("microphone=(self)");
  return csp;
}

describe("[SEC-16] every page carries a strict CSP and the security headers, and the app runs under them", () => {
  it("[SEC-16] the hallway and a room (host speaking, a listener hearing) cause no CSP violation", async () => {
    const errors: string[] = [];
    const hostPage = await watchedPage(errors);
    const hallway = await hostPage.goto(suite.app.url);
    const firstCsp = expectSecurityHeaders(hallway);
    await signInAs(hostPage, "Csp Host");
    await hostPage.getByLabel("Start a room").getByRole("textbox").fill("Policy check");
    await hostPage.getByRole("button", { name: "Start room" }).click();
    await hostPage.waitForURL(/\/rooms\//);
    const roomUrl = hostPage.url();
    await expect
      .poll(() => hostPage.locator('[data-testid="member"][data-role="host"]').count(), { timeout: 15_000 })
      .toBe(1);

    const listener = await watchedPage(errors);
    await listener.goto(suite.app.url);
    await signInAs(listener, "Csp Listener");
    const room = await listener.goto(roomUrl);
    const roomCsp = expectSecurityHeaders(room);
    // A fresh nonce per response.
    expect(roomCsp).not.toBe(firstCsp);
    await expect
      .poll(() => listener.locator('[data-testid="member"]').count(), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(2);

    await hostPage.getByRole("button", { name: "Unmute", exact: true }).click();
    const heard = await waitForRisingEnergy(listener);
    expect(heard.packets).toBeGreaterThan(10);

    // The socket, the styles and the scripts all ran: the page is styled and interactive.
    const shot = await screenshot(listener, "csp-room-listener");
    expect(shot).toMatch(/csp-room-listener\.png$/);
    const background = await listener.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe("rgba(0, 0, 0, 0)");

    // Every script Next.js wrote into the HTML carries the nonce.
    const unnoncedScripts = await listener.evaluate(
      () => [...document.querySelectorAll("script")].filter((script) => !script.nonce).length,
    );
    expect(unnoncedScripts).toBe(0);

    expect(await violationsOf(hostPage)).toEqual([]);
    expect(await violationsOf(listener)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("[SEC-16] injected markup cannot run script: inline handlers and nonce-less script tags are blocked", async () => {
    const errors: string[] = [];
    const page = await watchedPage(errors);
    await page.goto(suite.app.url);
    const ran = await page.evaluate(async () => {
      // What an HTML injection would write: an inline event handler.
      const holder = document.createElement("div");
      holder.innerHTML = '<img src="/nothing-here.png" onerror="window.__injected = true">';
      document.body.append(holder);
      await new Promise((resolve) => setTimeout(resolve, 500));
      return Reflect.get(window, "__injected") === true;
    });
    expect(ran).toBe(false);
    expect((await violationsOf(page)).map((violation) => violation.directive)).toContain("script-src-attr");
  });

  it("[SEC-16] API answers and avatar files carry nosniff and a deny-all CSP", async () => {
    const health = await fetch(`${suite.app.url}/api/health`);
    expect(health.headers.get("x-content-type-options")).toBe("nosniff");
    expect(health.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(health.headers.get("x-frame-options")).toBe("DENY");
    // Served over http (PUBLIC_ORIGIN unset): no HSTS, which browsers ignore over http anyway.
    expect(health.headers.get("strict-transport-security")).toBeNull();
  });
});
