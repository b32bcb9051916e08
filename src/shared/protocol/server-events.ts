import { z } from "zod";
import { notificationSchema } from "./notification-schemas";
import {
  blockScopeSchema,
  idSchema,
  memberSchema,
  producerInfoSchema,
  removalReasonSchema,
  roomEndReasonSchema,
  roomSnapshotSchema,
} from "./room-schemas";

/**
 * Every event the server pushes, declared once. Names are past tense. Room deltas carry the
 * room `version` they produce, so a client applies each exactly once and in order.
 */
export const serverEvents = {
  "room:snapshot": roomSnapshotSchema,
  "room:member-joined": z.object({ version: z.number().int(), member: memberSchema }),
  "room:member-updated": z.object({ version: z.number().int(), member: memberSchema }),
  "room:member-left": z.object({ version: z.number().int(), userId: idSchema }),
  /** A host or moderator took this member out; distinct from member-left so the room can show why. */
  "room:member-removed": z.object({ version: z.number().int(), userId: idSchema, reason: removalReasonSchema }),
  /** The host passed the room on (or left it to the longest-serving person on stage). */
  "room:host-changed": z.object({ version: z.number().int(), hostId: idSchema }),
  "room:settings-updated": z.object({ version: z.number().int(), handRaisingEnabled: z.boolean() }),
  "room:ended": z.object({ version: z.number().int(), reason: roomEndReasonSchema }),
  /** Sent only to the person removed, just before their socket is detached from the room. */
  "room:removed": z.object({ roomId: idSchema, reason: removalReasonSchema, blocked: blockScopeSchema }),
  /** This socket's place in the room was taken by a newer connection of the same user. */
  "room:session-replaced": z.object({ roomId: idSchema }),
  "room:active-speaker": z.object({ userId: idSchema.nullable() }),
  "media:producer-added": producerInfoSchema,
  "media:producer-closed": z.object({ producerId: z.string(), userId: idSchema }),
  "media:consumer-closed": z.object({ consumerId: z.string() }),
  /**
   * Something a hallway shows changed (a room started, ended, or its stage or audience changed).
   * Coalesced to at most one per second; watchers fetch /api/hallway again, which is filtered for them.
   */
  "hallway:changed": z.object({ at: z.number() }),
  /** A notification for this person (sent to all their connections): a ping, or a room gone live. */
  "notification:created": notificationSchema,
  /**
   * `media-server-restarted`: the room's origin media worker restarted: same room and roles;
   * clients rebuild every transport. `receive-moved`: only this client's receiving worker died:
   * it builds a new receive transport and consumes `producers` again; its microphone (send side)
   * is untouched, so a speaker keeps being heard.
   */
  "media:reset": z.discriminatedUnion("reason", [
    z.object({ reason: z.literal("media-server-restarted") }),
    z.object({ reason: z.literal("receive-moved"), producers: z.array(producerInfoSchema) }),
  ]),
} as const;

export type ServerEventName = keyof typeof serverEvents;
export type ServerEventPayload<K extends ServerEventName> = z.infer<(typeof serverEvents)[K]>;
