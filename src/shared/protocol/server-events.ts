import { z } from "zod";
import { idSchema, memberSchema, producerInfoSchema, roomSnapshotSchema } from "./room-schemas";

/**
 * Every event the server pushes, declared once. Names are past tense. Room deltas carry the
 * room `version` they produce, so a client applies each exactly once and in order.
 */
export const serverEvents = {
  "room:snapshot": roomSnapshotSchema,
  "room:member-joined": z.object({ version: z.number().int(), member: memberSchema }),
  "room:member-updated": z.object({ version: z.number().int(), member: memberSchema }),
  "room:member-left": z.object({ version: z.number().int(), userId: idSchema }),
  "room:ended": z.object({ version: z.number().int(), reason: z.enum(["host-ended", "server"]) }),
  /** This socket's place in the room was taken by a newer connection of the same user. */
  "room:session-replaced": z.object({ roomId: idSchema }),
  "room:active-speaker": z.object({ userId: idSchema.nullable() }),
  "media:producer-added": producerInfoSchema,
  "media:producer-closed": z.object({ producerId: z.string(), userId: idSchema }),
  "media:consumer-closed": z.object({ consumerId: z.string() }),
} as const;

export type ServerEventName = keyof typeof serverEvents;
export type ServerEventPayload<K extends ServerEventName> = z.infer<(typeof serverEvents)[K]>;
