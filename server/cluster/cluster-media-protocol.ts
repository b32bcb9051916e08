import { z } from "zod";
import { rtpParametersSchema } from "../../src/shared/protocol";

/**
 * The cluster channel's media messages (server/cluster/owner-media.ts, edge-media.ts). Bodies
 * come from other nodes of the same cluster, still parsed: a node of another version must get a
 * clear refusal, not a crash.
 */
export const MEDIA_METHODS = {
  /** member's node → owner: here is my end of the room's pipe; answer yours and who may publish. */
  pipeIn: "media:pipe-in",
  /** member's node → owner: send me this producer. */
  exportProducer: "media:export",
  /** member's node → owner: a speaker connected here publishes this producer. */
  importProducer: "media:import",
  /** member's node → owner: nobody here needs the room's media any more. */
  nodeLeft: "media:node-left",
  /** either way: a producer sent through the pipe closed, or paused / resumed. */
  sourceClosed: "media:source-closed",
  sourcePaused: "media:source-paused",
  /** owner → member's node: a publish right or a member's media changed. */
  rights: "media:rights",
  /** owner → member's node: the room's media closed (ended, stopped here). */
  roomClosed: "media:room-closed",
} as const;

export const pipeEndpointSchema = z.object({
  ip: z.string(),
  port: z.number().int().min(1).max(65_535),
  srtpParameters: z.object({
    cryptoSuite: z.enum([
      "AEAD_AES_256_GCM",
      "AEAD_AES_128_GCM",
      "AES_CM_128_HMAC_SHA1_80",
      "AES_CM_128_HMAC_SHA1_32",
    ]),
    keyBase64: z.string(),
  }),
});

export const pipedProducerSchema = z.object({
  producerId: z.string(),
  kind: z.enum(["audio", "video"]),
  rtpParameters: rtpParametersSchema,
  paused: z.boolean(),
});

export const roomBody = z.object({ roomId: z.string() });
export const pipeInBody = roomBody.extend({ endpoint: pipeEndpointSchema });
export const pipeInReply = z.object({
  endpoint: pipeEndpointSchema,
  publishers: z.array(z.object({ userId: z.string(), paused: z.boolean() })),
});
export const producerBody = roomBody.extend({ producerId: z.string() });
export const exportReply = z.object({ userId: z.string(), piped: pipedProducerSchema });
export const importBody = roomBody.extend({ userId: z.string(), piped: pipedProducerSchema });
export const pausedBody = producerBody.extend({ paused: z.boolean() });
export const rightsBody = roomBody.extend({
  userId: z.string(),
  change: z.enum(["allow", "revoke", "pause", "resume", "close"]),
});
