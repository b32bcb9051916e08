import type { Browser, Page } from "playwright-core";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, newContext, waitForRisingEnergy } from "../support/browser";
import { clusterProcessesAvailable, clusterProcessesSuite } from "../support/cluster-processes";
import { signInAs } from "../support/e2e-flows";
import { caddyInstalled } from "../support/front-door-process";

const available = (await clusterProcessesAvailable()) && caddyInstalled();
if (!caddyInstalled() && (process.env.CI === "true" || process.env.TEST_POSTGRES === "1"))
  throw new Error("The drain test needs Caddy (bash scripts/setup.sh --for-tests installs it)");

const tile = (page: Page, name: string) => page.locator(`[data-testid="member"][data-name="${name}"]`);

/**
 * [CLUSTER-DRAIN] Three nodes behind the front door (Caddy, least connections, readiness checks),
 * as `scripts/cluster.sh` runs them. SIGTERM of the node that owns the room: it refuses newcomers,
 * tells its members it is restarting and closes; they reconnect through the front door to the
 * other nodes, the room is taken over there from PostgreSQL, and nobody loses their place.
 */
describe.skipIf(!available)("[CLUSTER-DRAIN] a drained node hands its members to the others", () => {
  const suite = clusterProcessesSuite(3, { frontDoor: true, env: { ROOM_REJOIN_GRACE_MS: "60000" } });
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });

  const person = async (name: string, path = "/"): Promise<Page> => {
    const door = suite.cluster.frontDoorUrl ?? "";
    const page = await (await newContext(browser)).newPage();
    await page.goto(door);
    await signInAs(page, name);
    if (path !== "/") await page.goto(`${door}${path}`);
    return page;
  };

  const ownerIndexOf = async (roomId: string): Promise<number> => {
    const redis = createClient({ url: suite.cluster.redis.url });
    await redis.connect();
    try {
      const raw = await redis.get(`${suite.cluster.keyPrefix}room-owner:${roomId}`);
      const match = /"nodeId":"node-(\d+)"/.exec(raw ?? "");
      return Number(match?.[1] ?? 0);
    } finally {
      redis.destroy();
    }
  };

  it("[CLUSTER-DRAIN-1] SIGTERM of the room's owner: everyone is back in the room on the other nodes, roles kept, the host heard again", async () => {
    const host = await person("Dana Host");
    await host.getByLabel("Start a room").getByRole("textbox").fill("Drained and carried on");
    await host.getByRole("button", { name: "Start room" }).click();
    await host.waitForURL(/\/rooms\//);
    const roomPath = new URL(host.url()).pathname;
    const roomId = roomPath.split("/").pop() ?? "";
    const listeners = [await person("Eli Listener", roomPath), await person("Fay Listener", roomPath)];
    for (const page of [host, ...listeners])
      await expect.poll(() => page.locator('[data-testid="member"]').count(), { timeout: 20_000 }).toBe(3);
    await host.getByRole("button", { name: "Unmute", exact: true }).click();
    for (const page of listeners) await waitForRisingEnergy(page, 20_000);

    const owner = await ownerIndexOf(roomId);
    expect(owner).toBeGreaterThan(0);
    const drainedAt = Date.now();
    const exit = await suite.cluster.kill(owner, "SIGTERM");
    expect(exit).toMatchObject({ code: 0, expected: true });

    // The room runs on another node now, and everyone is in it again with their role.
    await expect.poll(() => ownerIndexOf(roomId), { timeout: 30_000 }).not.toBe(0);
    expect(await ownerIndexOf(roomId)).not.toBe(owner);
    for (const page of [host, ...listeners]) {
      await expect.poll(() => page.locator('[data-testid="member"]').count(), { timeout: 30_000 }).toBe(3);
      await expect
        .poll(() => tile(page, "Dana Host").getAttribute("data-role"), { timeout: 30_000 })
        .toBe("host");
    }
    // The host's microphone comes back as it was (live), and both listeners hear it.
    for (const page of listeners) await waitForRisingEnergy(page, 30_000);
    console.info(
      `[CLUSTER-DRAIN-1] node-${owner} drained; the room was heard again ${Date.now() - drainedAt} ms later`,
    );
    expect(suite.cluster.unexpectedExits()).toEqual([]);
  });
});
