import type { AdminRoom, AdminRoomSort, AdminRooms } from "../../src/shared/protocol";
import type { Logger } from "../logging/logger";
import { RoomError } from "../rooms/room-ports";
import type { RoomRegistry } from "../rooms/room-registry";
import type { AuditLog } from "./audit-ports";
import { sortLiveRooms } from "./live-room-sort";

/**
 * How many reports each room got in the last hour. The reports module provides it; until it is
 * wired in, every room counts zero (see app.ts).
 */
export type ReportsLastHour = (roomIds: readonly string[]) => Promise<Map<string, number>>;

/**
 * The console's live rooms: every room this process runs, whatever its type (staff see closed and
 * social rooms too), and ending one with a reason. Listening in is the socket edge's
 * (staff-handlers.ts); this is the HTTP side.
 */
export class LiveRooms {
  constructor(
    private readonly deps: {
      registry: RoomRegistry;
      audit: AuditLog;
      reportsLastHour?: ReportsLastHour | undefined;
      now: () => number;
      logger: Logger;
    },
  ) {}

  async list(sort: AdminRoomSort): Promise<AdminRooms> {
    const running = (await this.deps.registry.running()).map((service) => service.hallwayFacts());
    const live = running.filter((facts) => !facts.ended);
    const reports = this.deps.reportsLastHour
      ? await this.deps.reportsLastHour(live.map((facts) => facts.room.id)).catch((error: unknown) => {
          this.deps.logger.warn({ err: error }, "report counts unavailable; showing zeros");
          return new Map<string, number>();
        })
      : new Map<string, number>();
    const now = this.deps.now();
    const rooms = live.map((facts): AdminRoom => {
      const started = (facts.room.startedAt ?? facts.room.createdAt).getTime();
      const host = facts.stage.find((person) => person.userId === facts.hostId);
      return {
        id: facts.room.id,
        title: facts.room.title,
        type: facts.room.type,
        host: { id: facts.hostId, displayName: host?.displayName ?? facts.room.hostName },
        startedAt: new Date(started).toISOString(),
        ageMs: Math.max(0, now - started),
        counts: {
          stage: facts.stage.length,
          audience: facts.listenerCount,
          total: facts.stage.length + facts.listenerCount,
        },
        reportsLastHour: reports.get(facts.room.id) ?? 0,
      };
    });
    return { rooms: sortLiveRooms(rooms, sort), sort };
  }

  /** Ends a live room for everyone, with the reason they all read; audited as room.end. */
  async end(staffId: string, roomId: string, reason: string): Promise<void> {
    const room = await this.deps.registry.peek(roomId);
    if (!room || room.isEnded) throw new RoomError("not_found", "That room is not live (any more).");
    const hostId = room.hostId;
    await room.endByStaff(reason);
    await this.deps.audit.record({
      action: "room.end",
      actorId: staffId,
      targetUserId: hostId,
      roomId,
      reason,
      details: { by: "staff" },
    });
  }
}
