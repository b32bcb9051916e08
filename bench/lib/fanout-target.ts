import type { types } from "mediasoup";

/** Where the listeners' SRTP goes: shared RTP and RTCP ports of one sink. */
export type SinkAddress = { ip: string; rtpPort: number; rtcpPort: number };

/**
 * What bench:fanout needs from a media stack, so the same steps run on a bare router
 * (fanout-bare.ts, the baseline) and on the app's own media code (fanout-app.ts).
 */
export type FanoutTarget = {
  /** The speaker's comedia PlainTransport address (plain RTP in, no SRTP). */
  speakerAddress: { ip: string; port: number };
  /** Adds listeners until there are `total`: each one SRTP PlainTransport to the sink, consuming the speaker. */
  growTo(total: number, sink: SinkAddress): Promise<void>;
  workerPids(): number[];
  /** worker.dump() of the first worker (its `liburing` field appears only when io_uring is active). */
  dumpWorker(): Promise<types.WorkerDump>;
  close(): Promise<void>;
};

/** The speaker's Opus stream as ffmpeg sends it (see fanout-speaker.ts). */
export function speakerRtpParameters(ssrc: number, payloadType: number): types.RtpParameters {
  return {
    codecs: [
      {
        mimeType: "audio/opus",
        payloadType,
        clockRate: 48000,
        channels: 2,
        parameters: { "sprop-stereo": 0 },
        rtcpFeedback: [],
      },
    ],
    encodings: [{ ssrc }],
  };
}

/** An SRTP key for one listener transport: 30 random bytes (AES_CM_128 key + salt). */
export function srtpKey(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(30))).toString("base64");
}
