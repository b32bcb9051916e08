import { z } from "zod";

/**
 * Zod mirrors of the mediasoup / mediasoup-client wire types that cross the socket. The inferred
 * types are structurally assignable to mediasoup's own, so the server hands parsed input to
 * mediasoup with no cast. Bounds (array lengths, string sizes) keep a hostile client from making
 * the server allocate or forward arbitrarily large structures.
 */

const shortString = z.string().min(1).max(256);
const payloadType = z.number().int().min(0).max(127);
const mediaKind = z.enum(["audio", "video"]);

export const rtcpFeedbackSchema = z.object({ type: shortString, parameter: z.string().max(64).optional() });

/** Header extensions mediasoup knows; anything else is refused rather than forwarded blindly. */
export const rtpHeaderExtensionUriSchema = z.enum([
  "urn:ietf:params:rtp-hdrext:sdes:mid",
  "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id",
  "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id",
  "urn:ietf:params:rtp-hdrext:ssrc-audio-level",
  "urn:3gpp:video-orientation",
  "urn:ietf:params:rtp-hdrext:toffset",
  "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
  "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
  "http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time",
  "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay",
  "https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension",
]);

/** Codec fmtp parameters: flat string/number values only (e.g. `useinbandfec: 1`). */
const codecParametersSchema = z.record(z.string().max(64), z.union([z.string().max(256), z.number()]));

export const rtpEncodingParametersSchema = z.object({
  ssrc: z.number().int().nonnegative().optional(),
  rid: z.string().max(32).optional(),
  codecPayloadType: payloadType.optional(),
  rtx: z.object({ ssrc: z.number().int().nonnegative() }).optional(),
  dtx: z.boolean().optional(),
  scalabilityMode: z.string().max(32).optional(),
  maxBitrate: z.number().positive().optional(),
});

/**
 * RTP parameters with a chosen schema for codec/extension parameters: strict for what a client
 * sends, and mediasoup's own `Record<string, unknown>` for what the server echoes back.
 */
function rtpParametersWith<P extends z.ZodType<Record<string, unknown>>>(parameters: P) {
  return z.object({
    mid: z.string().max(32).optional(),
    codecs: z
      .array(
        z.object({
          mimeType: shortString,
          payloadType,
          clockRate: z.number().int().positive(),
          channels: z.number().int().min(1).max(8).optional(),
          parameters: parameters.optional(),
          rtcpFeedback: z.array(rtcpFeedbackSchema).max(16).optional(),
        }),
      )
      .min(1)
      .max(8),
    headerExtensions: z
      .array(
        z.object({
          uri: rtpHeaderExtensionUriSchema,
          id: z.number().int().min(1).max(255),
          encrypt: z.boolean().optional(),
          parameters: parameters.optional(),
        }),
      )
      .max(16)
      .optional(),
    encodings: z.array(rtpEncodingParametersSchema).max(4).optional(),
    rtcp: z.object({ cname: z.string().max(256).optional(), reducedSize: z.boolean().optional() }).optional(),
  });
}

/** RTP parameters a client sends with `media:produce`. */
export const rtpParametersSchema = rtpParametersWith(codecParametersSchema);
/** RTP parameters the server sends back (mediasoup's own objects). */
export const rtpParametersOutputSchema = rtpParametersWith(z.record(z.string(), z.unknown()));
export type RtpParametersInput = z.infer<typeof rtpParametersSchema>;

function rtpCapabilitiesWith<
  P extends z.ZodType<Record<string, unknown>>,
  T extends z.ZodType<number | undefined>,
>(parameters: P, preferredPayloadType: T) {
  return z.object({
    codecs: z
      .array(
        z.object({
          kind: mediaKind,
          mimeType: shortString,
          preferredPayloadType,
          clockRate: z.number().int().positive(),
          channels: z.number().int().min(1).max(8).optional(),
          parameters: parameters.optional(),
          rtcpFeedback: z.array(rtcpFeedbackSchema).max(16).optional(),
        }),
      )
      .max(64)
      .optional(),
    headerExtensions: z
      .array(
        z.object({
          kind: mediaKind,
          uri: rtpHeaderExtensionUriSchema,
          preferredId: z.number().int().min(1).max(255),
          preferredEncrypt: z.boolean().optional(),
          direction: z.enum(["sendrecv", "sendonly", "recvonly", "inactive"]).optional(),
        }),
      )
      .max(32)
      .optional(),
  });
}

/** A client device's receive capabilities, sent with `media:consume`. */
export const rtpCapabilitiesSchema = rtpCapabilitiesWith(codecParametersSchema, payloadType);
/** The router's capabilities, sent to clients on join so they can load their Device. */
export const routerRtpCapabilitiesOutputSchema = rtpCapabilitiesWith(
  z.record(z.string(), z.unknown()),
  payloadType.optional(),
);
export type RtpCapabilitiesInput = z.infer<typeof rtpCapabilitiesSchema>;
export type RouterRtpCapabilitiesOutput = z.infer<typeof routerRtpCapabilitiesOutputSchema>;

export const dtlsParametersSchema = z.object({
  role: z.enum(["auto", "client", "server"]).optional(),
  fingerprints: z
    .array(
      z.object({
        algorithm: z.enum(["sha-1", "sha-224", "sha-256", "sha-384", "sha-512"]),
        value: z.string().min(1).max(256),
      }),
    )
    .min(1)
    .max(8),
});

export type DtlsParametersInput = z.infer<typeof dtlsParametersSchema>;

export const iceParametersSchema = z.object({
  usernameFragment: z.string(),
  password: z.string(),
  iceLite: z.boolean().optional(),
});

export type IceParametersOutput = z.infer<typeof iceParametersSchema>;

export const iceCandidateSchema = z.object({
  foundation: z.string(),
  priority: z.number(),
  address: z.string(),
  ip: z.string(),
  protocol: z.enum(["udp", "tcp"]),
  port: z.number().int(),
  type: z.enum(["host", "srflx", "prflx", "relay"]),
  tcpType: z.enum(["active", "passive", "so"]).optional(),
});

/** What the client needs to build a mediasoup-client transport. */
export const transportOptionsSchema = z.object({
  id: z.string(),
  iceParameters: iceParametersSchema,
  iceCandidates: z.array(iceCandidateSchema),
  dtlsParameters: dtlsParametersSchema,
  iceServers: z
    .array(
      z.object({
        urls: z.union([z.string(), z.array(z.string())]),
        username: z.string().optional(),
        credential: z.string().optional(),
      }),
    )
    .optional(),
  /** `relay` when the operator makes every browser use TURN only (ICE_TRANSPORT_POLICY). */
  iceTransportPolicy: z.enum(["all", "relay"]).optional(),
});
export type TransportOptionsOutput = z.infer<typeof transportOptionsSchema>;

export const consumerOptionsSchema = z.object({
  id: z.string(),
  producerId: z.string(),
  userId: z.string(),
  kind: mediaKind,
  rtpParameters: rtpParametersOutputSchema,
});
export type ConsumerOptionsOutput = z.infer<typeof consumerOptionsSchema>;
