import type { RoomStatsSample, RoomStatsSpeaker } from "../../src/shared/protocol";

/** A room's kept statistics: the series of spans and the speakers' totals. */
export type StoredRoomStats = { samples: RoomStatsSample[]; speakers: RoomStatsSpeaker[] };

/** Where a room's statistics are kept (server/db implements it; tests may fake it). */
export interface RoomStatsStore {
  load(roomId: string): Promise<StoredRoomStats>;
  /** Writes these rows (new, or the last one grown), keyed by the span's start. */
  saveSamples(roomId: string, samples: readonly RoomStatsSample[]): Promise<void>;
  /** Replaces the whole series (after it was merged into longer spans), in one transaction. */
  replaceSamples(roomId: string, samples: readonly RoomStatsSample[]): Promise<void>;
  saveSpeakers(roomId: string, speakers: readonly RoomStatsSpeaker[]): Promise<void>;
}

/** How a live room samples itself (ROOM_STATS_SAMPLE_SECONDS) and where it keeps the result. */
export type RoomStatsDeps = {
  store: RoomStatsStore;
  sampleMs: number;
  /** Samples gathered before one write (a write every `sampleMs × writeEvery`). */
  writeEvery?: number;
};
