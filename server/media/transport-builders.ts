import type { types } from "mediasoup";
import { MediaError } from "./media-error";
import type { Direction, MediaAppData, PeerTransport } from "./peer-media";
import type { WorkerSlot } from "./worker-pool";

/** What a browser needs to build its side of a WebRTC transport. */
export type TransportOptions = {
  id: string;
  iceParameters: types.IceParameters;
  iceCandidates: types.IceCandidate[];
  dtlsParameters: types.DtlsParameters;
};

/** A plain RTP transport for benches and recorders; `srtpParameters` when receiving. */
export type PlainTransportInfo = {
  id: string;
  ip: string;
  port: number;
  srtpParameters?: types.SrtpParameters | undefined;
};

/** A browser's transport, on the worker's WebRtcServer (one fixed port per worker). */
export function webRtcTransportOn(
  router: types.Router<MediaAppData>,
  slot: WorkerSlot,
  appData: MediaAppData,
): Promise<types.WebRtcTransport<MediaAppData>> {
  return router.createWebRtcTransport<MediaAppData>({
    webRtcServer: slot.webRtcServer,
    enableUdp: true,
    enableTcp: true,
    preferUdp: true,
    appData,
  });
}

export function webRtcOptions(transport: types.WebRtcTransport<MediaAppData>): TransportOptions {
  return {
    id: transport.id,
    iceParameters: transport.iceParameters,
    iceCandidates: transport.iceCandidates,
    dtlsParameters: transport.dtlsParameters,
  };
}

/**
 * A plain RTP transport: `send` learns its sender from the first packet (comedia); `recv` sends
 * SRTP (the same per-packet work as a browser's DTLS-SRTP transport) to a fixed address.
 */
export function plainTransportOn(
  router: types.Router<MediaAppData>,
  listenIp: string,
  direction: Direction,
  appData: MediaAppData,
): Promise<types.PlainTransport<MediaAppData>> {
  const listenInfo: types.TransportListenInfo = { protocol: "udp", ip: listenIp };
  if (direction === "send")
    return router.createPlainTransport<MediaAppData>({ listenInfo, rtcpMux: true, comedia: true, appData });
  return router.createPlainTransport<MediaAppData>({
    listenInfo,
    rtcpMux: true,
    comedia: false,
    enableSrtp: true,
    srtpCryptoSuite: "AES_CM_128_HMAC_SHA1_80",
    appData,
  });
}

/** Points a receiving plain transport at its sink. */
export async function connectPlainReceiver(
  transport: types.PlainTransport<MediaAppData>,
  remote: { ip: string; port: number } | undefined,
): Promise<void> {
  if (!remote) throw new MediaError("invalid_input", "A receiving plain transport needs a remote address.");
  const srtpParameters = transport.srtpParameters;
  // The sink only counts packets and sends nothing, so our own key stands in for its sending side.
  await transport.connect({
    ip: remote.ip,
    port: remote.port,
    ...(srtpParameters ? { srtpParameters } : {}),
  });
}

export function plainInfo(transport: types.PlainTransport<MediaAppData>): PlainTransportInfo {
  return {
    id: transport.id,
    ip: transport.tuple.localAddress,
    port: transport.tuple.localPort,
    srtpParameters: transport.srtpParameters,
  };
}

/** The WebRTC transport behind `transport`, or a refusal: DTLS and ICE calls make sense only there. */
export function asWebRtc(transport: PeerTransport): types.WebRtcTransport<MediaAppData> {
  if ("iceParameters" in transport) return transport;
  throw new MediaError("invalid_state", "That transport does not use WebRTC.");
}
