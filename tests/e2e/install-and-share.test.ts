import { writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ARTIFACTS_DIR, newContext, screenshot } from "../support/browser";
import { e2eSuite } from "../support/e2e-suite";
import { api } from "../support/api-client";
import { connectSocket, createRoom, send, signIn } from "../support/test-app";

const suite = e2eSuite();

/** The content of `<meta property|name="key" content="...">` in a page, as a chat app's crawler reads it. */
function meta(html: string, key: string): string | null {
  const tag = new RegExp(`<meta[^>]+(?:property|name)="${key.replace(/[:.]/g, "\\$&")}"[^>]*>`).exec(
    html,
  )?.[0];
  const content = tag ? /content="([^"]*)"/.exec(tag)?.[1] : undefined;
  return content === undefined ? null : content.replaceAll("&amp;", "&").replaceAll("&#x27;", "'");
}

/** Fetches as an unfurling bot does: no cookie, no JavaScript. */
async function crawl(url: string): Promise<string> {
  const response = await fetch(url, { headers: { "user-agent": "Slackbot-LinkExpanding 1.0" } });
  expect(response.status).toBe(200);
  return response.text();
}

async function fetchImage(url: string, name: string) {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("image/png");
  const bytes = Buffer.from(await response.arrayBuffer());
  await writeFile(path.join(ARTIFACTS_DIR, `${name}.png`), bytes);
  return sharp(bytes).metadata();
}

const manifestSchema = z.object({
  name: z.string(),
  short_name: z.string(),
  start_url: z.literal("/"),
  display: z.literal("standalone"),
  theme_color: z.string(),
  background_color: z.string(),
  icons: z.array(
    z.object({ src: z.string(), sizes: z.string(), type: z.literal("image/png"), purpose: z.string() }),
  ),
});

describe("[SHARE] links unfurl in chat apps; [INSTALL] the app installs on a phone", () => {
  it("[SHARE-1] an open room's link says its title, host and live count, with a 1200×630 preview image", async () => {
    const url = suite.app.url.replace("localhost", "127.0.0.1");
    const host = await signIn(url, "Priya Preview");
    const roomId = await createRoom(url, host.cookie, "Synth talk & late-night radio");
    const socket = await connectSocket(url, host.cookie);
    try {
      expect(await send(socket, "room:join", { roomId })).toMatchObject({ ok: true });
      const html = await crawl(`${suite.app.url}/rooms/${roomId}`);
      expect(meta(html, "og:title")).toBe("Synth talk & late-night radio · hosted by Priya Preview");
      expect(meta(html, "og:description")).toContain("Live now · 0 listening · 1 on stage");
      expect(meta(html, "twitter:card")).toBe("summary_large_image");
      const image = meta(html, "og:image");
      expect(image).toMatch(new RegExp(`^${suite.app.url}/rooms/${roomId}/opengraph-image`));
      const picture = await fetchImage(image ?? "", "share-room-preview");
      expect([picture.width, picture.height]).toEqual([1200, 630]);
    } finally {
      socket.disconnect();
    }
  });

  it("[SHARE-2] a closed room's link says nothing about it; a profile's link names the person", async () => {
    const url = suite.app.url.replace("localhost", "127.0.0.1");
    const host = await signIn(url, "Quiet Host");
    const created = await api(url, "POST", "/api/rooms", {
      cookie: host.cookie,
      body: { title: "Secret board meeting", type: "closed" },
    });
    const closedId = z.object({ ok: z.literal(true), data: z.object({ id: z.string() }) }).parse(created.body)
      .data.id;
    const html = await crawl(`${suite.app.url}/rooms/${closedId}`);
    expect(html).not.toContain("Secret board meeting");
    expect(html).not.toContain("Quiet Host");
    expect(meta(html, "og:title")).toBe("A room on Audio Rooms");
    const generic = await fetchImage(meta(html, "og:image") ?? "", "share-private-room-preview");
    expect(generic.width).toBe(1200);

    const me = z
      .object({ ok: z.literal(true), data: z.object({ username: z.string() }) })
      .parse((await api(url, "GET", "/api/me", { cookie: host.cookie })).body).data;
    const profile = await crawl(`${suite.app.url}/u/${me.username}`);
    expect(meta(profile, "og:title")).toBe(`Quiet Host (@${me.username})`);
    expect(meta(profile, "og:type")).toBe("profile");
    await fetchImage(meta(profile, "og:image") ?? "", "share-profile-preview");
  });

  it("[INSTALL-1] the manifest and its icons are served and linked from every page", async () => {
    const html = await crawl(`${suite.app.url}/`);
    expect(html).toMatch(/<link rel="manifest" href="\/manifest.webmanifest"/);
    expect(html).toMatch(/<link rel="apple-touch-icon" href="\/icons\/apple-touch-icon.png"/);
    const response = await fetch(`${suite.app.url}/manifest.webmanifest`);
    expect(response.status).toBe(200);
    const manifest = manifestSchema.parse(await response.json());
    expect(manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose}`)).toEqual([
      "192x192 any",
      "512x512 any",
      "512x512 maskable",
    ]);
    for (const icon of manifest.icons) {
      const bytes = Buffer.from(await (await fetch(`${suite.app.url}${icon.src}`)).arrayBuffer());
      const { width, height } = await sharp(bytes).metadata();
      expect(`${String(width)}x${String(height)}`).toBe(icon.sizes);
    }
  });

  it("[INSTALL-2] the service worker caches the shell only, never an API answer, and shows the offline page", async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await page.goto(`${suite.app.url}/`);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // Controlled from the next load on; then the page fetches API answers through it.
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await page.evaluate(async () => {
      await fetch("/api/hallway");
      await fetch("/api/me");
    });
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const key of await caches.keys())
        for (const request of await (await caches.open(key)).keys()) urls.push(new URL(request.url).pathname);
      return urls;
    });
    expect(cached).toContain("/offline.html");
    expect(cached.filter((pathname) => pathname.startsWith("/api/"))).toEqual([]);
    expect(
      cached.filter((pathname) => !pathname.startsWith("/_next/static/") && !pathname.startsWith("/icons/")),
    ).toEqual(["/offline.html", "/favicon.svg"].filter((pathname) => cached.includes(pathname)));

    // The server goes away (the phone lost its network): a navigation gets the shell's offline page.
    await suite.app.stop();
    await page.goto(`${suite.app.url}/rooms/anything`);
    await expect.poll(() => page.getByRole("heading", { name: "You're offline" }).count()).toBe(1);
    await screenshot(page, "offline-desktop");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "offline-phone");
    await context.close();
  });
});
