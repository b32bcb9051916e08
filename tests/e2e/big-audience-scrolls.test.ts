import { describe, expect, it } from "vitest";
import { io as connect, type Socket } from "socket.io-client";
import { z } from "zod";
import { clientCommands } from "../../src/shared/protocol";
import { api, dataOf, signUp } from "../support/api-client";
import { e2eSuite } from "../support/e2e-suite";
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { ARTIFACTS_DIR, newContext, untouchedSignedInPage } from "../support/browser";

const GUESTS = 2_000;
const suite = e2eSuite({ env: { GUEST_LISTENING: "true", ROOM_EMPTY_STAGE_GRACE_MS: "600000" } });

/** What the viewport shows (a full-page shot of 2,000 listeners would be a 30,000 px strip). */
async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) });
}

const joinAnswer = z.object({
  ok: z.literal(true),
  data: clientCommands["room:join"].output.pick({ you: true }),
});

/** A signalling-only guest: a socket.io client joining through the real protocol, no media. */
async function guestJoins(url: string, roomId: string): Promise<{ socket: Socket; userId: string }> {
  const socket = connect(url, { transports: ["websocket"], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  const answer = joinAnswer.parse(await socket.timeout(30_000).emitWithAck("room:join", { roomId }));
  return { socket, userId: answer.data.you.userId };
}

describe("[PRESENCE-E2E] a room of 2,000 listeners: exact counts, a windowed list that pages as you scroll", () => {
  it("shows 2,000+ listening, draws far fewer tiles than members, and reaches the last guest by scrolling", async () => {
    const { url } = suite.app;
    const { answer, cookie: hostCookie } = await signUp(url, {
      username: `host_${Date.now()}`,
      password: "e2e-big-audience-pw",
      displayName: "Bea Broadcast",
    });
    expect(answer.body.ok).toBe(true);
    const created = await api(url, "POST", "/api/rooms", {
      cookie: hostCookie,
      body: { title: "Two thousand ears" },
    });
    const roomId = String(dataOf(created).id);

    const guests: { socket: Socket; userId: string }[] = [];
    try {
      // In waves, so the test's own process is not the bottleneck; each guest is a real join.
      for (let wave = 0; wave < GUESTS / 100; wave++) {
        guests.push(...(await Promise.all(Array.from({ length: 100 }, () => guestJoins(url, roomId)))));
      }
      const lastGuest = guests.at(-1)?.userId ?? "";

      const context = await newContext(suite.browser, { width: 1280, height: 900 }, { microphone: false });
      const page = await untouchedSignedInPage(context, url, "Lia Listener");
      await page.goto(`${url}/rooms/${roomId}`);
      const heading = page.getByTestId("audience-count");
      await heading.waitFor({ timeout: 30_000 });
      await expect
        .poll(async () => Number(await heading.getAttribute("data-count")), { timeout: 15_000 })
        .toBe(GUESTS + 1);
      expect(await heading.textContent()).toContain("2,001");
      expect(await page.getByTestId("member-count").textContent()).toContain("2,001 in room");

      const tiles = page.locator('[data-testid="audience-grid"] [data-testid="member"]');
      const drawn = await tiles.count();
      expect(drawn).toBeGreaterThan(0);
      expect(drawn).toBeLessThan(200);
      await screenshot(page, "big-audience-desktop");

      // Scroll to the bottom until the last guest to arrive is on screen: pages load as we go.
      const lastTile = page.locator(`[data-testid="member"][data-user-id="${lastGuest}"]`);
      for (let step = 0; step < 200 && (await lastTile.count()) === 0; step++) {
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await page.waitForTimeout(150);
      }
      await lastTile.waitFor({ timeout: 10_000 });
      expect(
        Number(await page.getByTestId("audience-grid").getAttribute("data-loaded")),
      ).toBeGreaterThanOrEqual(GUESTS);
      expect(await tiles.count()).toBeLessThan(200);
      await screenshot(page, "big-audience-desktop-bottom");

      await page.setViewportSize({ width: 390, height: 844 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(300);
      expect(await tiles.count()).toBeLessThan(200);
      await screenshot(page, "big-audience-phone");
      await context.close();
    } finally {
      for (const guest of guests) guest.socket.disconnect();
    }
  }, 240_000);
});
