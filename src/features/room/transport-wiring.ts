import type { types as clientTypes } from "mediasoup-client";
import type { Socket } from "socket.io-client";
import { rtpParametersSchema } from "@/shared/protocol";
import { request } from "@/lib/socket-request";
import { PATH_SILENCE_LIMIT_MS, pathSilenceMs } from "./media-path";

/**
 * Connects a mediasoup-client transport's events to the protocol: DTLS parameters go to
 * `media:connect-transport`, a new producer to `media:produce`, and a broken network path is
 * reported to `onBroken` (which decides between an ICE restart and a full rejoin).
 * `expectsPackets` says when the server is sending (someone unmuted is on stage): only then can
 * silence on the path mean a drop, since browsers stop STUN checks on an idle path.
 */
export function wireTransport(
  socket: Socket,
  transport: clientTypes.Transport,
  direction: "send" | "recv",
  onBroken: () => void,
  expectsPackets: () => boolean = () => false,
): void {
  transport.on("connect", ({ dtlsParameters }, callback, errback) => {
    request(socket, "media:connect-transport", { transportId: transport.id, dtlsParameters })
      .then(() => callback())
      .catch(errback);
  });
  transport.on("connectionstatechange", (state) => {
    if (state === "failed" || state === "disconnected") onBroken();
  });
  watchPathSilence(transport, onBroken, expectsPackets);
  if (direction === "send") {
    transport.on("produce", ({ rtpParameters }, callback, errback) => {
      request(socket, "media:produce", {
        transportId: transport.id,
        kind: "audio",
        rtpParameters: rtpParametersSchema.parse(rtpParameters),
      })
        .then(({ producerId }) => callback({ id: producerId }))
        .catch(errback);
    });
  }
}

/**
 * Browsers report a dead path late (Chromium stayed "connected" through a 5 s total loss), so once
 * a transport has connected we also read its stats every second and call it broken when packets
 * are expected but nothing at all has arrived for PATH_SILENCE_LIMIT_MS. Silence only counts from
 * the moment packets became expected (an idle path is legitimately quiet: Chromium stops its STUN
 * checks on it, measured), so a speaker unmuting after a long quiet spell is not a drop.
 */
function watchPathSilence(
  transport: clientTypes.Transport,
  onBroken: () => void,
  expectsPackets: () => boolean,
): void {
  let connectedOnce = false;
  let expectedSince: number | null = null;
  const timer = setInterval(() => {
    if (transport.closed) return clearInterval(timer);
    if (transport.connectionState === "connected") connectedOnce = true;
    expectedSince = expectsPackets() ? (expectedSince ?? Date.now()) : null;
    if (!connectedOnce || expectedSince === null) return;
    const expectedForMs = Date.now() - expectedSince;
    void silenceOf(transport).then((silence) => {
      if (silence !== null && Math.min(silence, expectedForMs) > PATH_SILENCE_LIMIT_MS && !transport.closed)
        onBroken();
    });
  }, 1000);
  transport.observer.once("close", () => clearInterval(timer));
}

async function silenceOf(transport: clientTypes.Transport): Promise<number | null> {
  if (transport.closed) return null;
  const stats: Record<string, unknown>[] = [];
  (await transport.getStats().catch(() => new Map())).forEach((stat: Record<string, unknown>) =>
    stats.push(stat),
  );
  return pathSilenceMs(stats);
}

/**
 * New ICE credentials from the server, then waits up to `waitMs` for packets to arrive again.
 * "Connected" alone proves nothing here: the state may never have left it during the drop.
 */
export async function restartIce(
  socket: Socket,
  transport: clientTypes.Transport,
  waitMs = 5000,
): Promise<boolean> {
  const iceParameters = await request(socket, "media:restart-ice", { transportId: transport.id });
  await transport.restartIce({ iceParameters });
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline && !transport.closed) {
    const silence = await silenceOf(transport);
    if (transport.connectionState === "connected" && silence !== null && silence < 1000) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}
