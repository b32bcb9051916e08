import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { z } from "zod";
import { e2eSuite } from "../support/e2e-suite";
import { signInAs } from "../support/e2e-flows";
import { newContext, screenshot, waitForRisingEnergy } from "../support/browser";

const suite = e2eSuite();

const sendSideSchema = z.object({
  settings: z.object({
    echoCancellation: z.boolean().optional(),
    noiseSuppression: z.boolean().optional(),
    autoGainControl: z.boolean().optional(),
    channelCount: z.number().optional(),
  }),
  senderFmtp: z.array(z.string()),
  remoteFmtp: z.array(z.string()),
});

/**
 * The live microphone of the page's open send transport: its track settings, the Opus fmtp the
 * RTCRtpSender negotiated, and the Opus fmtp lines of the answer (mediasoup-client writes the
 * codec options there). Null while no live sender exists (e.g. mid-reopen).
 */
async function sendSide(page: Page) {
  const raw: unknown = await page.evaluate(() => {
    const pcs = (window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? [];
    for (const pc of pcs) {
      if (pc.connectionState === "closed") continue;
      const sender = pc.getSenders().find((s) => s.track?.kind === "audio" && s.track.readyState === "live");
      if (!sender?.track) continue;
      const senderFmtp = sender
        .getParameters()
        .codecs.filter((c) => c.mimeType.toLowerCase() === "audio/opus")
        .map((c) => c.sdpFmtpLine ?? "");
      const sdp = pc.remoteDescription?.sdp ?? "";
      const opusPt = [...sdp.matchAll(/a=rtpmap:(\d+) opus\/48000/gi)].map((m) => m[1]);
      const remoteFmtp = sdp
        .split(/\r?\n/)
        .filter((line) => opusPt.some((pt) => line.startsWith(`a=fmtp:${pt} `)));
      return { settings: sender.track.getSettings(), senderFmtp, remoteFmtp };
    }
    return null;
  });
  return raw === null ? null : sendSideSchema.parse(raw);
}

describe("[TS-MUSIC-E2E] music mode in Chromium", () => {
  it("[TS-MUSIC-E2E-1] the host turns music mode on: mic without voice processing, stereo Opus with FEC and no DTX, still heard, badge shown", async () => {
    const hostPage = await (await newContext(suite.browser)).newPage();
    await hostPage.goto(suite.app.url);
    await signInAs(hostPage, "Mira Host");
    await hostPage.getByLabel("Start a room").getByRole("textbox").fill("Open mic night");
    await hostPage.getByRole("button", { name: "Start room" }).click();
    await hostPage.waitForURL(/\/rooms\//);
    const roomUrl = hostPage.url();

    const listener = await (await newContext(suite.browser)).newPage();
    await listener.goto(suite.app.url);
    await signInAs(listener, "Lou Listener");
    await listener.goto(roomUrl);
    await expect
      .poll(() => hostPage.locator('[data-testid="member"][data-role="listener"]').count(), {
        timeout: 15_000,
      })
      .toBe(1);

    // Speech first: voice processing on, DTX on, no stereo; no badge.
    await expect.poll(async () => (await sendSide(hostPage)) !== null, { timeout: 15_000 }).toBe(true);
    const speech = await sendSide(hostPage);
    expect(speech?.settings.echoCancellation).toBe(true);
    expect(speech?.remoteFmtp.join(" ")).not.toMatch(/stereo=1/);
    expect(await listener.getByTestId("music-mode-badge").count()).toBe(0);

    // A controlled switch: it flips when the server's event comes back, so click (not check) and wait.
    await hostPage.getByRole("checkbox", { name: "Music mode" }).click();
    await listener.getByTestId("music-mode-badge").waitFor({ timeout: 10_000 });
    expect(await listener.getByTestId("music-mode-badge").textContent()).toContain("Music mode");

    await expect
      .poll(
        async () => {
          const side = await sendSide(hostPage);
          return side?.settings.echoCancellation === false && side.remoteFmtp.join(" ").includes("stereo=1");
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    const music = await sendSide(hostPage);
    expect(music?.settings).toMatchObject({
      echoCancellation: false,
      noiseSuppression: false,
      autoGainControl: false,
    });
    const fmtp = [...(music?.remoteFmtp ?? []), ...(music?.senderFmtp ?? [])].join(" ");
    console.info(
      `[TS-MUSIC-E2E-1] settings ${JSON.stringify(music?.settings)}; answer fmtp ${JSON.stringify(music?.remoteFmtp)}; sender fmtp ${JSON.stringify(music?.senderFmtp)}`,
    );
    expect(music?.remoteFmtp.join(" ")).toMatch(/stereo=1/);
    expect(fmtp).toMatch(/useinbandfec=1/);
    expect(fmtp).not.toMatch(/usedtx=1/);
    expect(music?.remoteFmtp.join(" ")).toMatch(/maxaveragebitrate=128000/);

    // The listener still hears the host through the new producer.
    await hostPage.getByRole("button", { name: "Unmute", exact: true }).click();
    const heard = await waitForRisingEnergy(listener);
    expect(heard.packets).toBeGreaterThan(10);

    await screenshot(listener, "music-mode-listener-desktop");
    await screenshot(hostPage, "music-mode-host-desktop");
    await listener.setViewportSize({ width: 390, height: 844 });
    await screenshot(listener, "music-mode-listener-phone");
  });

  it("[TS-MUSIC-E2E-2] a speaker switches only their own microphone: stereo Opus without voice processing, heard, no room badge", async () => {
    const hostPage = await (await newContext(suite.browser)).newPage();
    await hostPage.goto(suite.app.url);
    await signInAs(hostPage, "Nora Host");
    await hostPage.getByLabel("Start a room").getByRole("textbox").fill("Guitar corner");
    await hostPage.getByRole("button", { name: "Start room" }).click();
    await hostPage.waitForURL(/\/rooms\//);
    const roomUrl = hostPage.url();

    const speaker = await (await newContext(suite.browser)).newPage();
    await speaker.goto(suite.app.url);
    await signInAs(speaker, "Sid Singer");
    await speaker.goto(roomUrl);
    await speaker.getByRole("button", { name: "Raise hand", exact: true }).click({ timeout: 15_000 });
    const raised = hostPage.locator('[data-testid="raised-hand"]');
    await expect.poll(() => raised.count(), { timeout: 10_000 }).toBe(1);
    await raised.getByRole("button", { name: "Invite to speak" }).click();
    await speaker.getByRole("button", { name: "Join the stage" }).click();
    await expect
      .poll(async () => (await sendSide(speaker))?.settings.echoCancellation, { timeout: 15_000 })
      .toBe(true);

    await speaker.getByRole("checkbox", { name: "Music mode for my microphone" }).click();
    await expect
      .poll(
        async () => {
          const side = await sendSide(speaker);
          return side?.settings.echoCancellation === false && side.remoteFmtp.join(" ").includes("stereo=1");
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    const own = await sendSide(speaker);
    expect(own?.settings).toMatchObject({
      echoCancellation: false,
      noiseSuppression: false,
      autoGainControl: false,
    });
    expect(own?.remoteFmtp.join(" ")).toMatch(/stereo=1/);
    expect(own?.remoteFmtp.join(" ")).toMatch(/useinbandfec=1/);
    expect(own?.remoteFmtp.join(" ")).not.toMatch(/usedtx=1/);
    // Only this microphone: the room is not in music mode, so nobody sees the badge.
    expect(await hostPage.getByTestId("music-mode-badge").count()).toBe(0);

    await speaker.getByRole("button", { name: "Unmute", exact: true }).click();
    const heard = await waitForRisingEnergy(hostPage);
    expect(heard.packets).toBeGreaterThan(10);
    await speaker.setViewportSize({ width: 390, height: 844 });
    await screenshot(speaker, "music-mode-own-microphone-phone");
  });
});
