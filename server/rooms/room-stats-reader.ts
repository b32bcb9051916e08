import type { RoomStats } from "../../src/shared/protocol";
import { summarizeSamples } from "../domain/room-stats";
import { RoomError, type RoomStore } from "./room-ports";
import type { RoomRegistry } from "./room-registry";
import type { RoomStatsStore, StoredRoomStats } from "./room-stats-ports";

/** Who asks: a signed-in person, and whether they are platform staff. */
export type StatsViewer = { userId: string; staff: boolean };

/**
 * Answers "how did the room go" for the people who ran it and the platform's staff. A live room
 * running here is read from memory (current to its last sample); any other from the database.
 */
export class RoomStatsReader {
  constructor(
    private readonly deps: {
      rooms: Pick<RoomStore, "findRoom">;
      stats: RoomStatsStore;
      registry: Pick<RoomRegistry, "peek">;
      /** ROOM_STATS_SAMPLE_SECONDS, in ms. */
      sampleMs: number;
    },
  ) {}

  /**
   * The host (who runs it now, or ran it last) and the co-hosts they named see their room's
   * stats; so do staff. A moderator made for the moment does not: that role comes and goes with a
   * tap and says nothing about whose room it is. Everyone else: forbidden.
   */
  async read(roomId: string, viewer: StatsViewer): Promise<RoomStats> {
    const room = await this.deps.rooms.findRoom(roomId);
    if (!room) throw new RoomError("not_found", "There is no such room.");
    const live = room.status === "live" ? await this.deps.registry.peek(roomId) : undefined;
    const hostId = live?.hostId ?? room.hostId;
    const allowed = viewer.staff || viewer.userId === hostId || room.coHostIds.includes(viewer.userId);
    if (!allowed)
      throw new RoomError(
        "forbidden",
        "Only the room's host and the moderators of this server see its stats.",
      );
    if (room.status === "scheduled") throw new RoomError("invalid_state", "This room has not started yet.");
    const kept: StoredRoomStats = live?.statsSnapshot() ?? (await this.deps.stats.load(roomId));
    const { peak, totals } = summarizeSamples(kept.samples);
    return {
      roomId,
      title: room.title,
      status: room.status === "ended" || live?.isEnded ? "ended" : "live",
      startedAt: (room.startedAt ?? room.createdAt).getTime(),
      endedAt: room.endedAt?.getTime() ?? null,
      sampleMs: this.deps.sampleMs,
      samples: kept.samples,
      speakers: [...kept.speakers].sort((a, b) => b.speakingMs - a.speakingMs),
      peak,
      totals,
    };
  }
}
