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

/** A live room as the console lists it, before its reports are counted. */
export type LiveRoomFacts = {
  id: string;
  title: string;
  type: AdminRoom["type"];
  hostId: string;
  hostName: string;
  startedAtMs: number;
  stage: number;
  audience: number;
};

/**
 * Cluster mode: the rooms other nodes run (server/cluster/cluster-live-rooms.ts implements it).
 * Absent, this process runs every live room there is.
 */
export interface OtherNodesRooms {
  /** The live rooms every other node runs, any type. */
  list(): Promise<LiveRoomFacts[]>;
  /**
   * Ends a room on the node that owns it, refusing as that node does (`not_found` when it is not
   * live there). Its host, or null when no other node owns it.
   */
  end(roomId: string, reason: string): Promise<{ hostId: string } | null>;
}

/**
 * The console's live rooms: every room this process runs, whatever its type (staff see closed and
 * social rooms too), and in cluster mode every other node's; and ending one with a reason.
 * Listening in is the socket edge's (staff-handlers.ts); this is the HTTP side.
 */
export class LiveRooms {
  constructor(
    private readonly deps: {
      registry: RoomRegistry;
      audit: AuditLog;
      reportsLastHour?: ReportsLastHour | undefined;
      otherNodes?: OtherNodesRooms | undefined;
      now: () => number;
      logger: Logger;
    },
  ) {}

  private async live(): Promise<LiveRoomFacts[]> {
    const here = (await this.deps.registry.running())
      .map((service) => service.hallwayFacts())
      .filter((facts) => !facts.ended)
      .map((facts): LiveRoomFacts => ({
        id: facts.room.id,
        title: facts.room.title,
        type: facts.room.type,
        hostId: facts.hostId,
        hostName:
          facts.stage.find((person) => person.userId === facts.hostId)?.displayName ?? facts.room.hostName,
        startedAtMs: (facts.room.startedAt ?? facts.room.createdAt).getTime(),
        stage: facts.stage.length,
        audience: facts.listenerCount,
      }));
    if (!this.deps.otherNodes) return here;
    // A room changing owner may show on both for a moment: this node's view of it wins.
    const ids = new Set(here.map((room) => room.id));
    const elsewhere = await this.deps.otherNodes.list();
    return [...here, ...elsewhere.filter((room) => !ids.has(room.id))];
  }

  async list(sort: AdminRoomSort): Promise<AdminRooms> {
    const live = await this.live();
    const reports = this.deps.reportsLastHour
      ? await this.deps.reportsLastHour(live.map((room) => room.id)).catch((error: unknown) => {
          this.deps.logger.warn({ err: error }, "report counts unavailable; showing zeros");
          return new Map<string, number>();
        })
      : new Map<string, number>();
    const now = this.deps.now();
    const rooms = live.map((room): AdminRoom => ({
      id: room.id,
      title: room.title,
      type: room.type,
      host: { id: room.hostId, displayName: room.hostName },
      startedAt: new Date(room.startedAtMs).toISOString(),
      ageMs: Math.max(0, now - room.startedAtMs),
      counts: { stage: room.stage, audience: room.audience, total: room.stage + room.audience },
      reportsLastHour: reports.get(room.id) ?? 0,
    }));
    return { rooms: sortLiveRooms(rooms, sort), sort };
  }

  /**
   * Ends a live room for everyone, with the reason they all read, on whichever node runs it;
   * audited once, here, as room.end.
   */
  async end(staffId: string, roomId: string, reason: string): Promise<void> {
    const hostId =
      (await endRoomHere(this.deps.registry, roomId, reason)) ??
      (await this.deps.otherNodes?.end(roomId, reason))?.hostId;
    if (hostId === undefined) throw new RoomError("not_found", "That room is not live (any more).");
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

/**
 * Ends the room for staff if this process runs it (`not_found` when it ended already): its host,
 * or undefined when it does not run here. Also what an owner node does for another node's staff.
 */
export async function endRoomHere(
  registry: Pick<RoomRegistry, "peek">,
  roomId: string,
  reason: string,
): Promise<string | undefined> {
  const room = await registry.peek(roomId);
  if (!room) return undefined;
  if (room.isEnded) throw new RoomError("not_found", "That room is not live (any more).");
  const hostId = room.hostId;
  await room.endByStaff(reason);
  return hostId;
}
