import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { e2eSuite } from "../support/e2e-suite";
import { signInAs } from "../support/e2e-flows";
import { newContext, screenshot } from "../support/browser";
import { probeAudio, volumeOf } from "../support/media-probe";

const suite = e2eSuite();

/** The replay's audio element as the page plays it. */
const audioState = (page: Page) =>
  page.getByTestId("replay-audio").evaluate((element) => {
    if (!(element instanceof HTMLAudioElement)) throw new Error("not an audio element");
    return {
      time: element.currentTime,
      paused: element.paused,
      rate: element.playbackRate,
      src: element.src,
    };
  });

describe("[REC-E2E] a recorded room becomes a replay with a timeline and clips", () => {
  it("[REC-E2E-1] the host records Chromium's fake microphone; the file has the recorded length and sound; the replay plays, seeks, speeds up; a clip plays only its range", async () => {
    const host = await (await newContext(suite.browser)).newPage();
    await host.goto(suite.app.url);
    await signInAs(host, "Rae Recorder");
    await host.getByLabel("Start a room").getByRole("textbox").fill("Recorded roundtable");
    await host.getByRole("button", { name: "Start room" }).click();
    await host.waitForURL(/\/rooms\//);
    const roomUrl = host.url();
    await host.getByRole("button", { name: "Unmute", exact: true }).click({ timeout: 15_000 });

    const listener = await (await newContext(suite.browser)).newPage();
    await listener.goto(suite.app.url);
    await signInAs(listener, "Lio Listener");
    await listener.goto(roomUrl);
    await expect
      .poll(() => host.locator('[data-testid="member"][data-role="listener"]').count(), { timeout: 15_000 })
      .toBe(1);

    // Record ~10 s of the host's fake microphone (Chromium's beep); everyone sees the badge.
    await host.getByTestId("recording-toggle").click();
    await host.getByTestId("recording-badge").waitFor({ timeout: 10_000 });
    const startedAt = Date.now();
    await listener.getByTestId("recording-badge").waitFor({ timeout: 10_000 });
    expect(await listener.getByText("This room is being recorded", { exact: false }).count()).toBeGreaterThan(
      0,
    );
    await screenshot(listener, "recording-listener-desktop");
    await listener.setViewportSize({ width: 390, height: 844 });
    await screenshot(listener, "recording-listener-phone");
    // Someone arriving now is told on the room's page (the details carry the flag).
    const details: unknown = await listener.evaluate(async (url) => {
      const id = new URL(url).pathname.split("/").pop() ?? "";
      const body: unknown = await (await fetch(`/api/rooms/${id}`)).json();
      return body;
    }, roomUrl);
    expect(details).toMatchObject({ ok: true, data: { recording: true } });
    await host.waitForTimeout(10_000 - (Date.now() - startedAt));
    await host.getByTestId("recording-toggle").click();
    await expect.poll(() => host.getByTestId("recording-badge").count(), { timeout: 10_000 }).toBe(0);
    const recordedMs = Date.now() - startedAt;

    await host.getByRole("button", { name: "End room", exact: true }).click();
    await host.getByRole("button", { name: "End room for everyone" }).click();
    await expect
      .poll(() => host.getByText("This room has ended", { exact: false }).count(), { timeout: 10_000 })
      .toBeGreaterThan(0);

    // The ended room's page offers the replay, once the server has mixed it.
    await host.goto(roomUrl);
    await host.getByTestId("replay-player").waitFor({ timeout: 30_000 });
    const { src } = await audioState(host);
    const recordingId = /\/api\/recordings\/([^/]+)\/audio/.exec(src)?.[1] ?? "";
    const file = path.join(suite.app.dataDir, "recordings", recordingId, "replay.ogg");
    expect(fs.existsSync(file)).toBe(true);
    const probe = await probeAudio(file);
    const volume = await volumeOf(file);
    console.info(
      `[REC-E2E-1] recorded ${recordedMs} ms; file ${probe.format}/${probe.codec} ${probe.seconds.toFixed(3)} s; mean ${volume.meanDb} dB, max ${volume.maxDb} dB`,
    );
    expect(probe.format).toBe("ogg");
    expect(probe.codec).toBe("opus");
    expect(Math.abs(probe.seconds * 1000 - recordedMs) / recordedMs).toBeLessThan(0.05);
    expect(volume.maxDb).toBeGreaterThan(-40);
    expect(volume.meanDb).toBeGreaterThan(-80);

    // The speaker timeline names the host; a chapter jumps there.
    const chapters = host.getByTestId("timeline-entry");
    await expect.poll(() => chapters.count()).toBeGreaterThan(0);
    expect(await chapters.first().textContent()).toContain("Rae Recorder");

    // Play, speed, seek.
    await host.getByTestId("speed-1.5").click();
    await host.getByTestId("replay-play").click();
    await expect.poll(async () => (await audioState(host)).time, { timeout: 10_000 }).toBeGreaterThan(0.5);
    expect((await audioState(host)).rate).toBe(1.5);
    await host.getByTestId("speed-2").click();
    expect((await audioState(host)).rate).toBe(2);
    await host.getByTestId("replay-seek").fill("6000");
    await expect.poll(async () => (await audioState(host)).time, { timeout: 5000 }).toBeGreaterThanOrEqual(6);
    await host.getByTestId("replay-play").click(); // pause
    await screenshot(host, "replay-host-desktop");

    // A clip longer than 60 s is refused; 2–5 s gives a link that plays just that range.
    await host.getByTestId("clip-open").click();
    await host.getByTestId("clip-start").fill("0");
    await host.getByTestId("clip-end").fill("70");
    await host.getByTestId("clip-problem").waitFor();
    expect(await host.getByTestId("clip-copy").isDisabled()).toBe(true);
    await host.getByTestId("clip-start").fill("2");
    await host.getByTestId("clip-end").fill("5");
    const clipLink = await host.getByTestId("clip-link").inputValue();
    expect(clipLink).toContain("?clip=2000-5000");
    await host.setViewportSize({ width: 390, height: 844 });
    await screenshot(host, "replay-host-phone");

    await listener.setViewportSize({ width: 1280, height: 860 });
    await listener.goto(clipLink);
    await listener.getByTestId("clip-badge").waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => (await audioState(listener)).time, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(2);
    await listener.getByTestId("replay-play").click();
    await expect
      .poll(async () => (await audioState(listener)).time, { timeout: 10_000 })
      .toBeGreaterThan(2.5);
    await expect.poll(async () => (await audioState(listener)).paused, { timeout: 15_000 }).toBe(true);
    const ended = await audioState(listener);
    expect(ended.time).toBeGreaterThanOrEqual(4.9);
    expect(ended.time).toBeLessThan(5.6);
    await screenshot(listener, "replay-clip-desktop");
    await listener.setViewportSize({ width: 390, height: 844 });
    await screenshot(listener, "replay-clip-phone");
  });
});
