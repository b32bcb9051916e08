import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import fs from "node:fs";
import path from "node:path";

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

export async function launchChromium(options: { autoplay?: "allowed" | "gesture" } = {}): Promise<Browser> {
  const autoplay = options.autoplay === "gesture" ? "document-user-activation-required" : "no-user-gesture-required";
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [...CHROMIUM_FLAGS, `--autoplay-policy=${autoplay}`],
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

export async function newContext(browser: Browser, viewport = { width: 1280, height: 860 }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, permissions: ["microphone"] });
  await context.addInitScript({ content: AUDIO_PROBE });
  return context;
}

type StreamStats = Record<string, { energy: number; packets: number; level: number }>;

/** Inbound audio per stream (stats id) over every live peer connection of the page. */
async function inboundStreams(page: Page): Promise<StreamStats> {
  return page.evaluate(async () => {
    const pcs: RTCPeerConnection[] = Reflect.get(window, "__peerConnections") ?? [];
    const streams: Record<string, { energy: number; packets: number; level: number }> = {};
    for (const [index, pc] of pcs.entries()) {
      if (pc.connectionState === "closed") continue;
      const report = await pc.getStats();
      report.forEach((stat: Record<string, unknown>) => {
        if (stat.type !== "inbound-rtp" || stat.kind !== "audio") return;
        streams[`${index}:${String(stat.id)}`] = {
          energy: typeof stat.totalAudioEnergy === "number" ? stat.totalAudioEnergy : 0,
          packets: typeof stat.packetsReceived === "number" ? stat.packetsReceived : 0,
          level: typeof stat.audioLevel === "number" ? stat.audioLevel : 0,
        };
      });
    }
    return streams;
  });
}

/**
 * How much audio energy and how many packets arrive over `ms` milliseconds, per stream: a stream
 * that closed in between contributes nothing (not a negative amount), a new one counts from zero.
 */
export async function energyOver(page: Page, ms: number): Promise<{ energy: number; packets: number }> {
  const before = await inboundStreams(page);
  await page.waitForTimeout(ms);
  const after = await inboundStreams(page);
  let energy = 0;
  let packets = 0;
  for (const [id, stream] of Object.entries(after)) {
    energy += stream.energy - (before[id]?.energy ?? 0);
    packets += stream.packets - (before[id]?.packets ?? 0);
  }
  return { energy, packets };
}

/** Polls until audio energy is rising on the page, or fails after `timeoutMs`. */
export async function waitForRisingEnergy(page: Page, timeoutMs = 15_000): Promise<{ energy: number; packets: number }> {
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
