import { z } from "zod";

/**
 * One span of a room's life as the server sampled it (every ROOM_STATS_SAMPLE_SECONDS, merged
 * into longer spans once a long room has many). Counts of things that happened (`joins`,
 * `leaves`, `handsRaised`, `reactions`) are totals over the span; `listeners`, `stage` and
 * `handsUp` are the room at the span's end; `peakListeners` is the most listeners at any
 * moment of the span, so the room's peak survives merging.
 */
export const roomStatsSampleSchema = z.object({
  /** Start of the span, ms since the epoch. */
  at: z.number().int(),
  spanMs: z.number().int().min(1),
  listeners: z.number().int().min(0),
  peakListeners: z.number().int().min(0),
  stage: z.number().int().min(0),
  joins: z.number().int().min(0),
  leaves: z.number().int().min(0),
  handsRaised: z.number().int().min(0),
  handsUp: z.number().int().min(0),
  reactions: z.number().int().min(0),
});
export type RoomStatsSample = z.infer<typeof roomStatsSampleSchema>;

/** How long one person held the floor (the room's loudest voice, unmuted, on stage). */
export const roomStatsSpeakerSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  speakingMs: z.number().int().min(0),
});
export type RoomStatsSpeaker = z.infer<typeof roomStatsSpeakerSchema>;

/** `GET /api/rooms/:roomId/stats`: the room's picture, for its host, co-hosts and platform staff. */
export const roomStatsSchema = z.object({
  roomId: z.string(),
  title: z.string(),
  status: z.enum(["live", "ended"]),
  startedAt: z.number().int().nullable(),
  endedAt: z.number().int().nullable(),
  /** The sampling interval; samples may be longer after a long room was merged. */
  sampleMs: z.number().int().min(1),
  samples: z.array(roomStatsSampleSchema),
  /** Longest first. */
  speakers: z.array(roomStatsSpeakerSchema),
  peak: z.object({ listeners: z.number().int().min(0), at: z.number().int().nullable() }),
  totals: z.object({
    joins: z.number().int().min(0),
    leaves: z.number().int().min(0),
    handsRaised: z.number().int().min(0),
    reactions: z.number().int().min(0),
  }),
});
export type RoomStats = z.infer<typeof roomStatsSchema>;
