import type { types } from "mediasoup";

/** What a Chrome send transport declares for a mono Opus microphone (for tests that produce without a browser). */
export const OPUS_SEND_PARAMETERS: types.RtpParameters = {
  mid: "0",
  codecs: [
    {
      mimeType: "audio/opus",
      payloadType: 111,
      clockRate: 48000,
      channels: 2,
      parameters: { minptime: 10, useinbandfec: 1, usedtx: 1 },
    },
  ],
  headerExtensions: [{ uri: "urn:ietf:params:rtp-hdrext:sdes:mid", id: 4 }],
  encodings: [{ ssrc: 11_111_111, dtx: true }],
  rtcp: { cname: "test-cname", reducedSize: true },
};
