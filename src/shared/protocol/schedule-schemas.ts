import { z } from "zod";
import { personSummarySchema } from "./account-schemas";
import { roomTypeSchema } from "./room-directory-schemas";
import { idSchema } from "./room-schemas";

/**
 * Scheduled rooms (HTTP): the hallway's "Upcoming" section, "Notify me", starting or cancelling
 * a scheduled room, and its calendar file. Creating one is POST /api/rooms with `scheduledFor`
 * (room-directory-schemas); its event page reads GET /api/rooms/:roomId (RoomDetails).
 *
 * Routes: GET /api/rooms/upcoming · GET|PUT|DELETE /api/rooms/:roomId/interest ·
 * POST /api/rooms/:roomId/start · POST /api/rooms/:roomId/cancel · GET /api/rooms/:roomId/calendar.ics
 */

/** How far ahead the Upcoming section looks. */
export const UPCOMING_WINDOW_DAYS = 30;
/** Most scheduled rooms the Upcoming section lists. */
export const UPCOMING_LIMIT = 50;
/**
 * How long a room stays listed after its start time passed without its host starting it (shown
 * as "starting soon"): hosts run late, but an abandoned announcement should not linger for ever.
 */
export const OVERDUE_GRACE_HOURS = 12;
/** Length of the calendar event, since a room has no announced end. */
export const CALENDAR_EVENT_MINUTES = 60;

/** A scheduled room as a card in the Upcoming section, for one viewer. */
export const upcomingRoomSchema = z.object({
  id: idSchema,
  title: z.string(),
  description: z.string(),
  type: roomTypeSchema,
  topics: z.array(z.string()),
  language: z.string(),
  /** ISO date-time (UTC) the room is announced for. */
  scheduledFor: z.string(),
  host: personSummarySchema,
  coHosts: z.array(personSummarySchema),
  /** This viewer asked to be told when it goes live. */
  interested: z.boolean(),
  /** How many people asked to be told. */
  interestCount: z.number().int().nonnegative(),
  /** This viewer is the host or a co-host, so may start it. */
  canStart: z.boolean(),
});
export type UpcomingRoom = z.infer<typeof upcomingRoomSchema>;

/** GET /api/rooms/upcoming: soonest first. */
export const upcomingRoomsSchema = z.object({ rooms: z.array(upcomingRoomSchema) });
export type UpcomingRooms = z.infer<typeof upcomingRoomsSchema>;

/** Answer of GET, PUT (mark) and DELETE (unmark) /api/rooms/:roomId/interest. */
export const roomInterestSchema = z.object({
  roomId: idSchema,
  interested: z.boolean(),
  interestCount: z.number().int().nonnegative(),
});
export type RoomInterest = z.infer<typeof roomInterestSchema>;

/** Answer of POST /api/rooms/:roomId/start: the room is live; its page now shows the room itself. */
export const startedRoomSchema = z.object({
  roomId: idSchema,
  status: z.literal("live"),
  startedAt: z.string(),
});
export type StartedRoom = z.infer<typeof startedRoomSchema>;

/** Answer of POST /api/rooms/:roomId/cancel: the announcement is withdrawn for good. */
export const cancelledRoomSchema = z.object({
  roomId: idSchema,
  status: z.literal("ended"),
  endedAt: z.string(),
});
export type CancelledRoom = z.infer<typeof cancelledRoomSchema>;

/** Where a room's calendar file is downloaded from (an attachment, text/calendar). */
export const calendarPathOf = (roomId: string) => `/api/rooms/${encodeURIComponent(roomId)}/calendar.ics`;
