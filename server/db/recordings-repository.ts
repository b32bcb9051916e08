import { z } from "zod";
import { recordingStatusSchema, timelineEntrySchema, type TimelineEntry } from "../../src/shared/protocol";
import type { RecordingStore, StoredRecording } from "../rooms/recording-ports";
import type { DbClient } from "./db-client";

type Row = {
  id: string;
  roomId: string;
  hostId: string;
  status: string;
  startedAt: Date;
  endedAt: Date | null;
  durationMs: number;
  timeline: unknown;
  published: boolean;
  fileName: string | null;
};

const timelineSchema = z.array(timelineEntrySchema);

/** A row as the rooms layer sees it; a timeline or status an older version wrote reads as empty/failed. */
function recordingOf(row: Row): StoredRecording {
  const timeline = timelineSchema.safeParse(row.timeline);
  const status = recordingStatusSchema.safeParse(row.status);
  return {
    id: row.id,
    roomId: row.roomId,
    hostId: row.hostId,
    status: status.success ? status.data : "failed",
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    durationMs: row.durationMs,
    timeline: timeline.success ? timeline.data : [],
    published: row.published,
    fileName: row.fileName,
  };
}

/** Recordings of rooms and their replays' state. */
export class RecordingsRepository implements RecordingStore {
  constructor(private readonly db: DbClient) {}

  async create(input: { roomId: string; hostId: string; startedAt: Date }): Promise<{ id: string }> {
    return this.db.recording.create({ data: input, select: { id: true } });
  }

  async stopped(
    id: string,
    input: { endedAt: Date; durationMs: number; timeline: TimelineEntry[] },
  ): Promise<void> {
    await this.db.recording.updateMany({
      where: { id },
      data: {
        status: "processing",
        endedAt: input.endedAt,
        durationMs: input.durationMs,
        timeline: input.timeline,
      },
    });
  }

  async finished(
    id: string,
    outcome: { status: "ready"; fileName: string } | { status: "failed" },
  ): Promise<void> {
    await this.db.recording.updateMany({
      where: { id },
      data:
        outcome.status === "ready" ? { status: "ready", fileName: outcome.fileName } : { status: "failed" },
    });
  }

  async find(id: string): Promise<StoredRecording | null> {
    const row = await this.db.recording.findUnique({ where: { id } });
    return row ? recordingOf(row) : null;
  }

  async forRoom(roomId: string): Promise<StoredRecording[]> {
    const rows = await this.db.recording.findMany({ where: { roomId }, orderBy: { startedAt: "desc" } });
    return rows.map(recordingOf);
  }

  async publishedByHost(hostId: string, limit: number): Promise<(StoredRecording & { roomTitle: string })[]> {
    const rows = await this.db.recording.findMany({
      where: { hostId, status: "ready", published: true },
      orderBy: { startedAt: "desc" },
      take: limit,
      include: { room: { select: { title: true } } },
    });
    return rows.map((row) => ({ ...recordingOf(row), roomTitle: row.room.title }));
  }

  async setPublished(id: string, published: boolean): Promise<void> {
    await this.db.recording.updateMany({ where: { id }, data: { published } });
  }

  async delete(id: string): Promise<void> {
    await this.db.recording.deleteMany({ where: { id } });
  }

  /** Marks failed what a stopped process left half-made: every room's, or one room's. */
  async failUnfinished(roomId?: string): Promise<number> {
    const { count } = await this.db.recording.updateMany({
      where: { status: { in: ["recording", "processing"] }, ...(roomId === undefined ? {} : { roomId }) },
      data: { status: "failed" },
    });
    return count;
  }
}
