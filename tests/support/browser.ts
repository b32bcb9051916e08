import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { signUp } from "./api-client";

/** Flags for Debian's Chromium headless on a machine with no network but loopback. */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--use-fake-ui-for-media-stream",
  "--use-fake-device-for-media-stream",
];

export async function launchChromium(
  options: { autoplay?: "allowed" | "gesture"; args?: string[] } = {},
): Promise<Browser> {
  const autoplay =
    options.autoplay === "gesture" ? "document-user-activation-required" : "no-user-gesture-required";
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [...CHROMIUM_FLAGS, `--autoplay-policy=${autoplay}`, ...(options.args ?? [])],
  });
}

/**
 * Records every RTCPeerConnection a page creates, so a test can read inbound audio stats the
 * way a person's ears would: `totalAudioEnergy` only grows while decoded sound is arriving.
 */
const AUDIO_PROBE = `
  (() => {
    const Original = window.RTCPeerConnection;
    if (!Original || window.__peerConnections) return;
    window.__peerConnections = [];
    window.RTCPeerConnection = class extends Original {
      constructor(...args) { super(...args); window.__peerConnections.push(this); }
    };
  })();
`;

export async function newContext(
  browser: Browser,
  viewport = { width: 1280, height: 860 },
  options: { microphone?: boolean; phone?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport,
    permissions: options.microphone === false ? [] : ["microphone"],
    // A phone: touch events (a real tap) and the mobile viewport meta tag honoured.
    ...(options.phone ? { hasTouch: true, isMobile: true } : {}),
  });
  await context.addInitScript({ content: AUDIO_PROBE });
  return context;
}

const streamStatsSchema = z.record(z.string(), z.object({ energy: z.number(), packets: z.number() }));
type StreamStats = z.infer<typeof streamStatsSchema>;

/**
 * Inbound audio per stream (stats id) over every live peer connection of the page, as an
 * expression: it runs either through Playwright (with user activation) or through
 * evaluateWithoutGesture (without), and both must read exactly the same numbers.
 */
const INBOUND_STREAMS_EXPRESSION = `(async () => {
  const streams = {};
  for (const [index, pc] of (window.__peerConnections ?? []).entries()) {
    if (pc.connectionState === "closed") continue;
    (await pc.getStats()).forEach((stat) => {
      if (stat.type !== "inbound-rtp" || stat.kind !== "audio") return;
      streams[index + ":" + stat.id] = { energy: stat.totalAudioEnergy ?? 0, packets: stat.packetsReceived ?? 0 };
    });
  }
  return streams;
})()`;

async function inboundStreams(page: Page): Promise<StreamStats> {
  return streamStatsSchema.parse(await page.evaluate(INBOUND_STREAMS_EXPRESSION));
}

/**
 * What arrived between two readings, per stream: a stream that closed in between contributes
 * nothing (not a negative amount), a new one counts from zero.
 */
function arrivedBetween(before: StreamStats, after: StreamStats): { energy: number; packets: number } {
  let energy = 0;
  let packets = 0;
  for (const [id, stream] of Object.entries(after)) {
    energy += stream.energy - (before[id]?.energy ?? 0);
    packets += stream.packets - (before[id]?.packets ?? 0);
  }
  return { energy, packets };
}

/** How much audio energy and how many packets arrive over `ms` milliseconds (see arrivedBetween). */
export async function energyOver(page: Page, ms: number): Promise<{ energy: number; packets: number }> {
  const before = await inboundStreams(page);
  await page.waitForTimeout(ms);
  return arrivedBetween(before, await inboundStreams(page));
}

/** Polls until audio energy is rising on the page, or fails after `timeoutMs`. */
export async function waitForRisingEnergy(
  page: Page,
  timeoutMs = 15_000,
): Promise<{ energy: number; packets: number }> {
  const deadline = Date.now() + timeoutMs;
  let last = { energy: 0, packets: 0 };
  while (Date.now() < deadline) {
    last = await energyOver(page, 1000);
    if (last.energy > 0 && last.packets > 0) return last;
  }
  throw new Error(`no rising audio energy within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
}

export const ARTIFACTS_DIR = path.resolve("test-artifacts");

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * A page signed in as a new member without one click on the page: the account is made over HTTP
 * and its session cookie put in the context. Clicking through sign-up would give the origin
 * "sticky" user activation, which Chromium carries over same-origin navigations and which then
 * lets audio autoplay; a tap-to-listen test needs a page that nobody has touched yet.
 */
export async function untouchedSignedInPage(
  context: BrowserContext,
  appUrl: string,
  name: string,
): Promise<Page> {
  const username = `${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .slice(0, 12)}_${randomBytes(3).toString("hex")}`;
  const { answer, cookie } = await signUp(appUrl, {
    username,
    password: `e2e-${randomBytes(9).toString("base64url")}`,
    displayName: name,
  });
  if (!answer.body.ok || !cookie.includes("="))
    throw new Error(`sign-up failed: ${answer.status} ${answer.text}`);
  const [cookieName = "", ...rest] = cookie.split("=");
  await context.addCookies([{ name: cookieName, value: rest.join("="), url: appUrl }]);
  return context.newPage();
}

/**
 * Runs `expression` in the page WITHOUT giving it user activation. Every Playwright evaluation
 * (page.evaluate, and the locator machinery behind waitFor/click/textContent) is sent with
 * `userGesture: true`, which counts as the person touching the page and lifts the autoplay block.
 * A test that checks what happens *before* a tap must look at the page only through here.
 */
export async function evaluateWithoutGesture(page: Page, expression: string): Promise<unknown> {
  const session = await page.context().newCDPSession(page);
  try {
    const answer = await session.send("Runtime.evaluate", {
      expression,
      awaitPromise: true,
      returnByValue: true,
      userGesture: false,
    });
    if (answer.exceptionDetails)
      throw new Error(
        `page threw: ${answer.exceptionDetails.text} ${answer.exceptionDetails.exception?.description ?? ""}`,
      );
    return answer.result.value;
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** energyOver, read without user activation (see evaluateWithoutGesture). */
export async function energyOverWithoutGesture(
  page: Page,
  ms: number,
): Promise<{ energy: number; packets: number }> {
  const read = async () =>
    streamStatsSchema.parse(await evaluateWithoutGesture(page, INBOUND_STREAMS_EXPRESSION));
  const before = await read();
  await new Promise((resolve) => setTimeout(resolve, ms));
  return arrivedBetween(before, await read());
}

/** Inbound audio per stream (packets, energy) right now; for benches that poll finer than energyOver. */
export function readInboundStreams(page: Page): Promise<Record<string, { energy: number; packets: number }>> {
  return inboundStreams(page);
}
