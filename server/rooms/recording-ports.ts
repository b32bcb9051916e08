import type { RecordingStatus, TimelineEntry } from "../../src/shared/protocol";

/** A recording as stored. */
export type StoredRecording = {
  id: string;
  roomId: string;
  hostId: string;
  status: RecordingStatus;
  startedAt: Date;
  endedAt: Date | null;
  durationMs: number;
  timeline: TimelineEntry[];
  published: boolean;
  /** The replay file, relative to the recordings directory; null until it is mixed. */
  fileName: string | null;
};

/** Where recordings are kept; implemented over Prisma in server/db. */
export interface RecordingStore {
  create(input: { roomId: string; hostId: string; startedAt: Date }): Promise<{ id: string }>;
  /** The recording stopped: its length and timeline (status `processing` while it is mixed). */
  stopped(id: string, input: { endedAt: Date; durationMs: number; timeline: TimelineEntry[] }): Promise<void>;
  finished(id: string, outcome: { status: "ready"; fileName: string } | { status: "failed" }): Promise<void>;
  find(id: string): Promise<StoredRecording | null>;
  /** The room's recordings, newest first. */
  forRoom(roomId: string): Promise<StoredRecording[]>;
  /** The host's published, playable recordings, newest first. */
  publishedByHost(hostId: string, limit: number): Promise<(StoredRecording & { roomTitle: string })[]>;
  setPublished(id: string, published: boolean): Promise<void>;
  delete(id: string): Promise<void>;
  /**
   * Recordings a stopped server left half-made, marked failed: all of them at a single node's
   * start-up, one room's when a node of a cluster brings that room back (another node may be
   * recording its own rooms right now).
   */
  failUnfinished(roomId?: string): Promise<number>;
}

/** What a room needs to record its stage: absent when this server cannot record (no ffmpeg). */
export type RoomRecordingDeps = {
  store: RecordingStore;
  /** DATA_DIR/recordings: one folder per recording (its tracks and the mixed replay.ogg). */
  directory: string;
  /** Mixes the tracks into the replay file, padded to `durationMs` (server/media/recording-mix). */
  mix(input: {
    tracks: readonly { path: string; offsetMs: number }[];
    durationMs: number;
    outputPath: string;
  }): Promise<void>;
};

/** The mixed file's name inside a recording's folder. */
export const REPLAY_FILE = "replay.ogg";
