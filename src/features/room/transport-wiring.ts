import type { types as clientTypes } from "mediasoup-client";
import type { Socket } from "socket.io-client";
import { rtpParametersSchema } from "@/shared/protocol";
import { request } from "@/lib/socket-request";

/**
 * Connects a mediasoup-client transport's events to the protocol: DTLS parameters go to
 * `media:connect-transport`, a new producer to `media:produce`, and a broken network path is
 * reported to `onBroken` (which decides between an ICE restart and a full rejoin).
 */
export function wireTransport(socket: Socket, transport: clientTypes.Transport, direction: "send" | "recv", onBroken: () => void): void {
  transport.on("connect", ({ dtlsParameters }, callback, errback) => {
    request(socket, "media:connect-transport", { transportId: transport.id, dtlsParameters })
      .then(() => callback())
      .catch(errback);
  });
  transport.on("connectionstatechange", (state) => {
    if (state === "failed" || state === "disconnected") onBroken();
  });
  if (direction === "send") {
    transport.on("produce", ({ rtpParameters }, callback, errback) => {
      request(socket, "media:produce", { transportId: transport.id, kind: "audio", rtpParameters: rtpParametersSchema.parse(rtpParameters) })
        .then(({ producerId }) => callback({ id: producerId }))
        .catch(errback);
    });
  }
}

/** New ICE credentials from the server, then waits up to `waitMs` for media to flow again. */
export async function restartIce(socket: Socket, transport: clientTypes.Transport, waitMs = 5000): Promise<boolean> {
  const iceParameters = await request(socket, "media:restart-ice", { transportId: transport.id });
  await transport.restartIce({ iceParameters });
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline && transport.connectionState !== "connected" && !transport.closed) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return transport.connectionState === "connected";
}
