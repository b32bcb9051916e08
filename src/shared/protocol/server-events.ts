import { z } from "zod";
import { chatEvents } from "./chat-schemas";
import { notificationSchema } from "./notification-schemas";
import { listenStateSchema } from "./admin-schemas";
import { reactionCountsSchema } from "./reaction-schemas";
import { hallwayCardPushSchema } from "./room-directory-schemas";
import { accountSanctionedSchema } from "./staff-schemas";
import {
  blockScopeSchema,
  idSchema,
  memberSchema,
  producerInfoSchema,
  removalReasonSchema,
  roomEndReasonSchema,
  roomCountsSchema,
  roomSnapshotSchema,
} from "./room-schemas";

/**
 * Every event the server pushes, declared once. Names are past tense. Room deltas carry the
 * room `version` they produce, so a client applies each exactly once and in order.
 */
export const serverEvents = {
  "room:snapshot": roomSnapshotSchema,
  /** Someone arrived straight onto the stage (the host, a co-host). Listeners arrive in `room:audience-changed`. */
  "room:member-joined": z.object({
    version: z.number().int(),
    member: memberSchema,
    counts: roomCountsSchema,
  }),
  /** A role, mute, hand or invitation changed (stage moves included). `counts` are as of this version. */
  "room:member-updated": z.object({
    version: z.number().int(),
    member: memberSchema,
    counts: roomCountsSchema,
  }),
  /** Someone on stage left. Listeners leave in `room:audience-changed`. */
  "room:member-left": z.object({ version: z.number().int(), userId: idSchema, counts: roomCountsSchema }),
  /** A host or moderator took this member out; distinct from member-left so the room can show why. */
  "room:member-removed": z.object({
    version: z.number().int(),
    userId: idSchema,
    reason: removalReasonSchema,
    counts: roomCountsSchema,
  }),
  /**
   * Audience arrivals and departures since the last batch, at most one batch per second per room
   * (not versioned: they never concern anyone a versioned event mentioned after them). Each
   * person appears once, in their latest state. Past the caps `truncated` is set and the lists are
   * empty: the client refetches its first page instead.
   */
  "room:audience-changed": z.object({
    joined: z.array(memberSchema),
    left: z.array(idSchema),
    counts: roomCountsSchema,
    truncated: z.boolean(),
  }),
  /** The host passed the room on (or left it to the longest-serving person on stage). */
  "room:host-changed": z.object({ version: z.number().int(), hostId: idSchema }),
  "room:settings-updated": z.object({ version: z.number().int(), handRaisingEnabled: z.boolean() }),
  /**
   * The reactions a room received in the last window (REACTION_WINDOW_MS), summed: at most one
   * message per window per room however many people reacted. Not versioned (nothing depends on it).
   */
  "room:reactions": z.object({ counts: reactionCountsSchema }),
  /** The host switched music mode on or off; speakers reopen their microphones to match. */
  "room:music-mode-changed": z.object({ version: z.number().int(), musicMode: z.boolean() }),
  /** The host started or stopped recording the stage. */
  "room:recording-changed": z.object({ version: z.number().int(), recording: z.boolean() }),
  /** `note`: the moderators' words when they ended it (`staff-ended`). */
  "room:ended": z.object({
    version: z.number().int(),
    reason: roomEndReasonSchema,
    note: z.string().optional(),
  }),
  /** Sent only to the person removed, just before their socket is detached from the room. */
  "room:removed": z.object({ roomId: idSchema, reason: removalReasonSchema, blocked: blockScopeSchema }),
  /** Staff suspended or banned this person: every tab is told why, then disconnected. */
  "account:sanctioned": accountSanctionedSchema,
  /** This socket's place in the room was taken by a newer connection of the same user. */
  "room:session-replaced": z.object({ roomId: idSchema }),
  /**
   * The server is about to restart (SIGTERM: a deploy or an update). Members keep their place and
   * role; the client shows "Reconnecting…", rejoins by itself when the next process listens, and a
   * speaker who was unmuted unmutes again.
   */
  "server:restarting": z.object({ message: z.string() }),
  "room:active-speaker": z.object({ userId: idSchema.nullable() }),
  "media:producer-added": producerInfoSchema,
  "media:producer-closed": z.object({ producerId: z.string(), userId: idSchema }),
  "media:consumer-closed": z.object({ consumerId: z.string() }),
  /**
   * Something a hallway shows changed (a room started, ended, or its stage or audience changed).
   * Coalesced to at most one per second; watchers fetch /api/hallway again, which is filtered for them.
   */
  "hallway:changed": z.object({ at: z.number(), roomId: idSchema.optional() }),
  /**
   * An open room's card changed (counts, faces): the card itself, so W watchers cost W small
   * messages, not W hallway queries. At most one per room per second. Rooms whose visibility
   * differs per viewer (social, closed) are never pushed: they send `hallway:changed` instead.
   */
  "hallway:room-updated": z.object({ room: hallwayCardPushSchema }),
  /** An open room left the hallway (ended, or nobody connected), or this watcher may no longer see it. */
  "hallway:room-removed": z.object({ roomId: idSchema }),
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
  /** Only to a staff member listening in: the room as they hear it (stage, counts, who speaks). */
  "staff:listen-state": listenStateSchema,
  /** The room's chat backchannel (see chat-schemas.ts). */
  ...chatEvents,
} as const;

export type ServerEventName = keyof typeof serverEvents;
export type ServerEventPayload<K extends ServerEventName> = z.infer<(typeof serverEvents)[K]>;
