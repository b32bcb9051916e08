import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { e2eSuite } from "../support/e2e-suite";
import { screenshot } from "../support/browser";
import { api, dataOf, signUp } from "../support/api-client";

const suite = e2eSuite();
const HOUR = 3_600_000;

type Person = { username: string; password: string; cookie: string };

/** A member made over HTTP (no clicks), with a scheduled room so the hallway has a card to show. */
async function member(name: string, roomTitle?: string): Promise<Person> {
  const username = `${name}_${randomBytes(3).toString("hex")}`;
  const password = `e2e-${randomBytes(9).toString("base64url")}`;
  const { answer, cookie } = await signUp(suite.app.url, { username, password, displayName: name });
  dataOf(answer);
  if (roomTitle)
    dataOf(
      await api(suite.app.url, "POST", "/api/rooms", {
        cookie,
        body: {
          title: roomTitle,
          description: "",
          topics: ["musik"],
          coHostIds: [],
          type: "open",
          scheduledFor: new Date(Date.now() + 3 * HOUR).toISOString(),
        },
      }),
    );
  return { username, password, cookie };
}

async function contextWith(
  browser: Browser,
  options: { cookieLocale?: string; acceptLanguage?: string } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 860 },
    ...(options.acceptLanguage
      ? {
          // The browser's own language is the header's first tag; the header itself is sent as given.
          locale: options.acceptLanguage.split(",")[0] ?? "en-US",
          extraHTTPHeaders: { "accept-language": options.acceptLanguage },
        }
      : { locale: "en-US" }),
  });
  if (options.cookieLocale)
    await context.addCookies([{ name: "NEXT_LOCALE", value: options.cookieLocale, url: suite.app.url }]);
  return context;
}

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

/** Both widths of the product: the desktop and a 390 px phone. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 860 });
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-phone`);
  // Nothing may stick out sideways on a phone (long Indonesian words, CJK without spaces).
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(392);
  await page.setViewportSize({ width: 1280, height: 860 });
}

/** The walk of every language: hallway, sign-in (a refusal, then in), a profile, settings. */
async function walk(
  page: Page,
  lang: string,
  person: Person,
  host: Person,
  words: {
    hero: string;
    upcoming: string;
    signInTitle: string;
    username: string;
    password: string;
    submit: string;
    wrong: string;
    followers: string;
    follow: string;
    settingsTitle: string;
    language: string;
  },
): Promise<void> {
  const url = suite.app.url;
  await page.goto(`${url}/`);
  await expect
    .poll(() => page.getByRole("heading", { name: words.hero }).count(), { timeout: 15_000 })
    .toBe(1);
  expect(await htmlLang(page)).toBe(lang);
  await expect.poll(() => page.getByRole("heading", { name: words.upcoming }).count()).toBe(1);
  await shoot(page, `lang-${lang}-hallway`);

  await page.goto(`${url}/signin`);
  await expect.poll(() => page.getByRole("heading", { name: words.signInTitle }).count()).toBe(1);
  await page.getByLabel(words.username).fill(person.username);
  await page.getByLabel(words.password).fill("not the password at all");
  await page.getByRole("button", { name: words.submit, exact: true }).click();
  await expect
    .poll(() => page.getByRole("alert").filter({ hasText: words.wrong }).count(), { timeout: 15_000 })
    .toBe(1);
  await shoot(page, `lang-${lang}-signin`);
  await page.getByLabel(words.password).fill(person.password);
  await page.getByRole("button", { name: words.submit, exact: true }).click();
  await page.waitForURL(`${url}/`, { timeout: 15_000 });

  await page.goto(`${url}/u/${host.username}`);
  await expect.poll(() => page.getByRole("button", { name: words.follow, exact: true }).count()).toBe(1);
  expect(await page.getByRole("region").first().textContent()).toContain(words.followers);
  await shoot(page, `lang-${lang}-profile`);

  await page.goto(`${url}/settings/profile`);
  await expect.poll(() => page.getByRole("heading", { name: words.settingsTitle }).count()).toBe(1);
  await expect.poll(() => page.getByRole("region", { name: words.language }).count()).toBe(1);
  expect(await htmlLang(page)).toBe(lang);
  await shoot(page, `lang-${lang}-settings`);
}

describe("[LANG-E2E] the pages in Bahasa Indonesia and Simplified Chinese", () => {
  it("[LANG-E2E-1] with the NEXT_LOCALE cookie set to id, the hallway, sign-in, a profile and settings read in Indonesian", async () => {
    const host = await member("ayu", "Kopi pagi dan musik");
    const reader = await member("budi");
    const context = await contextWith(suite.browser, { cookieLocale: "id", acceptLanguage: "en-US" });
    const page = await context.newPage();
    await walk(page, "id", reader, host, {
      hero: "Mampir. Dengarkan. Angkat tangan.",
      upcoming: "Akan datang",
      signInTitle: "Selamat datang kembali",
      username: "Nama pengguna",
      password: "Kata sandi",
      submit: "Masuk",
      wrong: "Nama pengguna atau kata sandi salah.",
      followers: "pengikut",
      follow: "Ikuti",
      settingsTitle: "Profil Anda",
      language: "Bahasa",
    });
    await context.close();
  });

  it("[LANG-E2E-2] with no cookie, the browser's Accept-Language (zh-CN) picks Simplified Chinese", async () => {
    const host = await member("wang", "早安咖啡与音乐");
    const reader = await member("li");
    const context = await contextWith(suite.browser, { acceptLanguage: "zh-CN,zh;q=0.9,en;q=0.5" });
    const page = await context.newPage();
    await walk(page, "zh-CN", reader, host, {
      hero: "随时加入，安心收听，举手发言。",
      upcoming: "即将开始",
      signInTitle: "欢迎回来",
      username: "用户名",
      password: "密码",
      submit: "登录",
      wrong: "用户名或密码错误。",
      followers: "粉丝",
      follow: "关注",
      settingsTitle: "我的资料",
      language: "语言",
    });
    // A scheduled time reads in Chinese too (the hallway's card, through next-intl's formatter).
    await page.goto(`${suite.app.url}/`);
    await expect
      .poll(() => page.getByRole("list", { name: "即将开始的房间" }).textContent(), { timeout: 15_000 })
      .toMatch(/小时后|分钟后/);
    await context.close();
  });

  it("[LANG-E2E-3] the picker in Settings switches the language in place, and it is remembered after a reload", async () => {
    const person = await member("citra");
    const context = await contextWith(suite.browser);
    const [name = "", ...value] = person.cookie.split("=");
    await context.addCookies([{ name, value: value.join("="), url: suite.app.url }]);
    const page = await context.newPage();
    await page.goto(`${suite.app.url}/settings/profile`);
    await expect
      .poll(() => page.getByRole("heading", { name: "Your profile" }).count(), { timeout: 15_000 })
      .toBe(1);
    expect(await htmlLang(page)).toBe("en");
    const section = page.getByRole("region", { name: "Language" });
    await section.getByTestId("language-picker").selectOption("id");
    await expect
      .poll(() => page.getByRole("heading", { name: "Profil Anda" }).count(), { timeout: 15_000 })
      .toBe(1);
    await expect.poll(() => htmlLang(page)).toBe("id");

    await page.reload();
    await expect
      .poll(() => page.getByRole("heading", { name: "Profil Anda" }).count(), { timeout: 15_000 })
      .toBe(1);
    expect(await htmlLang(page)).toBe("id");
    const cookies = await context.cookies(suite.app.url);
    expect(cookies.find((cookie) => cookie.name === "NEXT_LOCALE")?.value).toBe("id");
    await shoot(page, "lang-picker-remembered");

    // And back to Chinese from the same picker: the whole page follows.
    await page.getByRole("region", { name: "Bahasa" }).getByTestId("language-picker").selectOption("zh-CN");
    await expect
      .poll(() => page.getByRole("heading", { name: "我的资料" }).count(), { timeout: 15_000 })
      .toBe(1);
    await context.close();
  });

  // Last in the file: it stops the server.
  it("[LANG-E2E-4] offline, the service worker's page reads in the chosen language", async () => {
    const context = await contextWith(suite.browser, { cookieLocale: "zh-CN" });
    const page = await context.newPage();
    await page.goto(`${suite.app.url}/`);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await suite.app.stop();
    await page.goto(`${suite.app.url}/settings/profile`);
    await expect.poll(() => page.getByRole("heading", { name: "你已离线" }).isVisible()).toBe(true);
    expect(await htmlLang(page)).toBe("zh-CN");
    expect(await page.getByRole("heading", { name: "You're offline" }).isVisible()).toBe(false);
    await shoot(page, "lang-zh-CN-offline");
    await context.close();
  });
});
