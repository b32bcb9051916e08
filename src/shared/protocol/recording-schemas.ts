import { z } from "zod";
import { idSchema } from "./room-schemas";

/** The longest clip anyone may share of a replay. */
export const CLIP_MAX_MS = 60_000;

/**
 * One stretch of the recording during which one person held the floor (the server's
 * active-speaker events), in milliseconds from the start of the recording. `userId` null: silence.
 */
export const timelineEntrySchema = z.object({
  userId: idSchema.nullable(),
  displayName: z.string(),
  startMs: z.number().int().nonnegative(),
  endMs: z.number().int().nonnegative(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** recording: ffmpeg is writing; processing: the tracks are being mixed; ready: playable; failed. */
export const recordingStatusSchema = z.enum(["recording", "processing", "ready", "failed"]);
export type RecordingStatus = z.infer<typeof recordingStatusSchema>;

/** A replay as its page shows it. `canManage`: the viewer is the host (delete, publish). */
export const replaySchema = z.object({
  id: idSchema,
  roomId: idSchema,
  roomTitle: z.string(),
  hostId: idSchema,
  status: recordingStatusSchema,
  published: z.boolean(),
  startedAt: z.string(),
  durationMs: z.number().int().nonnegative(),
  timeline: z.array(timelineEntrySchema),
  audioUrl: z.string(),
  canManage: z.boolean(),
});
export type Replay = z.infer<typeof replaySchema>;

/** GET /api/rooms/:roomId/replays: the room's replays the viewer may play (newest first). */
export const roomReplaysResponseSchema = z.object({ replays: z.array(replaySchema) });

/** A replay on its host's profile. */
export const profileReplaySchema = z.object({
  id: idSchema,
  roomId: idSchema,
  roomTitle: z.string(),
  startedAt: z.string(),
  durationMs: z.number().int().nonnegative(),
});
export type ProfileReplay = z.infer<typeof profileReplaySchema>;
export const profileReplaysResponseSchema = z.object({ replays: z.array(profileReplaySchema) });

/** PATCH /api/recordings/:id: the host publishes or unpublishes the replay. */
export const updateRecordingRequestSchema = z.object({ published: z.boolean() });

/** A clip: a range of a replay, at most CLIP_MAX_MS long, carried in the link (`?clip=start-end`). */
export const clipRangeSchema = z
  .object({ startMs: z.number().int().nonnegative(), endMs: z.number().int().positive() })
  .refine((range) => range.endMs > range.startMs, { error: "a clip ends after it starts" })
  .refine((range) => range.endMs - range.startMs <= CLIP_MAX_MS, {
    error: `a clip is at most ${CLIP_MAX_MS / 1000} seconds long`,
  });
export type ClipRange = z.infer<typeof clipRangeSchema>;

/** Reads `?clip=12000-42000` (milliseconds); null when absent or not a valid clip. */
export function parseClipParam(value: string | null | undefined): ClipRange | null {
  const match = /^(\d{1,9})-(\d{1,9})$/.exec(value ?? "");
  if (!match) return null;
  const parsed = clipRangeSchema.safeParse({ startMs: Number(match[1]), endMs: Number(match[2]) });
  return parsed.success ? parsed.data : null;
}

export function clipParam(range: ClipRange): string {
  return `${range.startMs}-${range.endMs}`;
}
