import type { types } from "mediasoup";

/**
 * Audio only: Opus at 48 kHz. The router offers stereo-capable Opus (as browsers do) while clients
 * send mono; in-band FEC hides single lost packets and DTX stops sending during silence, which
 * matters when twenty speakers sit muted or quiet on a stage.
 */
export const ROUTER_MEDIA_CODECS: types.RouterRtpCodecCapability[] = [
  {
    kind: "audio",
    mimeType: "audio/opus",
    clockRate: 48000,
    channels: 2,
    parameters: { useinbandfec: 1, usedtx: 1, minptime: 10 },
  },
];
