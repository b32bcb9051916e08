import { pino } from "pino";
import { describe, expect, it } from "vitest";
import type { NotificationRequest, Notifier } from "../../server/notifications/notification-ports";
import type { ScheduledRoomRow, ScheduleStore } from "../../server/scheduling/schedule-ports";
import { ScheduleService } from "../../server/scheduling/schedule-service";

const NOW = new Date("2026-12-01T12:00:00.000Z");
const HOUR = 3_600_000;

/** An in-memory ScheduleStore: just enough of the database's behaviour (conditional updates). */
function memoryStore(
  rooms: ScheduledRoomRow[],
  interests: [string, string][] = [],
): ScheduleStore & { rooms: Map<string, ScheduledRoomRow> } {
  const byId = new Map(rooms.map((room) => [room.id, { ...room }]));
  const marks = new Set(interests.map(([roomId, userId]) => `${roomId}|${userId}`));
  const of = (roomId: string) =>
    [...marks].filter((mark) => mark.startsWith(`${roomId}|`)).map((mark) => mark.split("|")[1] ?? "");
  return {
    rooms: byId,
    findRoom: async (id) => byId.get(id) ?? null,
    listScheduled: async ({ from, until, limit }) =>
      [...byId.values()]
        .filter(
          (room) =>
            room.status === "scheduled" &&
            room.scheduledFor !== null &&
            room.scheduledFor >= from &&
            room.scheduledFor < until,
        )
        .sort((a, b) => (a.scheduledFor?.getTime() ?? 0) - (b.scheduledFor?.getTime() ?? 0))
        .slice(0, limit),
    people: async (ids) =>
      [...new Set(ids)].map((id) => ({
        id,
        username: id,
        displayName: id.toUpperCase(),
        avatarUrl: null,
        realNameVerified: false,
      })),
    followerIds: async () => [],
    hostsBlocking: async () => [],
    interestCounts: async (ids) => new Map(ids.map((id) => [id, of(id).length])),
    interestedRoomIds: async (userId, ids) => new Set(ids.filter((id) => marks.has(`${id}|${userId}`))),
    setInterest: async (roomId, userId, interested) => {
      if (interested) marks.add(`${roomId}|${userId}`);
      else marks.delete(`${roomId}|${userId}`);
    },
    interestedUserIds: async (roomId) => of(roomId),
    markStarted: async (id, at) => {
      const room = byId.get(id);
      if (room?.status !== "scheduled") return false;
      byId.set(id, { ...room, status: "live", startedAt: at });
      return true;
    },
    revertStart: async (id, at) => {
      const room = byId.get(id);
      if (room?.status === "live" && room.startedAt?.getTime() === at.getTime())
        byId.set(id, { ...room, status: "scheduled", startedAt: null });
    },
    markCancelled: async (id) => {
      const room = byId.get(id);
      if (room?.status !== "scheduled") return false;
      byId.set(id, { ...room, status: "ended" });
      return true;
    },
  };
}

const room = (id: string, inHours: number, extra: Partial<ScheduledRoomRow> = {}): ScheduledRoomRow => ({
  id,
  title: `Room ${id}`,
  description: "",
  type: "open",
  topics: [],
  language: "en",
  status: "scheduled",
  hostId: "host",
  coHostIds: ["cohost"],
  allowedUserIds: [],
  scheduledFor: new Date(NOW.getTime() + inHours * HOUR),
  startedAt: null,
  ...extra,
});

function setup(
  rooms: ScheduledRoomRow[],
  options: {
    interests?: [string, string][];
    startLiveRoom?: (id: string) => Promise<void>;
    notifyFails?: boolean;
  } = {},
) {
  const store = memoryStore(rooms, options.interests);
  const sent: { recipients: readonly string[]; request: NotificationRequest }[] = [];
  const notifier: Notifier = {
    async notify(recipients, request) {
      if (options.notifyFails) throw new Error("push failed");
      sent.push({ recipients, request });
    },
  };
  const started: string[] = [];
  const service = new ScheduleService({
    store,
    notifier,
    startLiveRoom: options.startLiveRoom ?? (async (id) => void started.push(id)),
    logger: pino({ level: "silent" }),
    now: () => NOW,
    publicOrigin: "https://rooms.example.org",
  });
  return { service, store, sent, started };
}

describe("[SCHED-SVC] ScheduleService", () => {
  it("[SCHED-SVC-1] start: brings the room up, then notifies the interested people except the starter", async () => {
    const { service, store, sent, started } = setup([room("r1", 1)], {
      interests: [
        ["r1", "fan"],
        ["r1", "cohost"],
        ["r1", "other"],
      ],
    });
    const answer = await service.start("cohost", "r1");
    expect(answer).toEqual({
      ok: true,
      data: { roomId: "r1", status: "live", startedAt: NOW.toISOString() },
    });
    expect(started).toEqual(["r1"]);
    expect(store.rooms.get("r1")?.status).toBe("live");
    expect(sent).toEqual([
      { recipients: ["fan", "other"], request: { kind: "room_live", actorId: "cohost", roomId: "r1" } },
    ]);
  });

  it("[SCHED-SVC-2] a room that cannot be brought up goes back to scheduled, so the host can tap again", async () => {
    const { service, store, sent } = setup([room("r1", 1)], {
      interests: [["r1", "fan"]],
      startLiveRoom: async () => {
        throw new Error("no worker");
      },
    });
    expect(await service.start("host", "r1")).toMatchObject({ ok: false, error: { code: "internal" } });
    expect(store.rooms.get("r1")).toMatchObject({ status: "scheduled", startedAt: null });
    expect(sent).toEqual([]);
  });

  it("[SCHED-SVC-3] a failing notifier does not undo or fail the start", async () => {
    const { service, store } = setup([room("r1", 1)], { interests: [["r1", "fan"]], notifyFails: true });
    expect((await service.start("host", "r1")).ok).toBe(true);
    expect(store.rooms.get("r1")?.status).toBe("live");
  });

  it("[SCHED-SVC-4] upcoming: soonest first, overdue rooms kept for a while, far or stale ones left out, canStart per viewer", async () => {
    const { service } = setup([
      room("late", 5),
      room("soon", 1),
      room("overdue", -2),
      room("stale", -13),
      room("far", 24 * 31),
      room("live", 2, { status: "live" }),
    ]);
    const forHost = await service.upcoming("host");
    expect(forHost.map((r) => r.id)).toEqual(["overdue", "soon", "late"]);
    expect(forHost.every((r) => r.canStart)).toBe(true);
    expect((await service.upcoming(null)).map((r) => r.canStart)).toEqual([false, false, false]);
  });

  it("[SCHED-SVC-5] upcoming caps at 50 rooms", async () => {
    const many = Array.from({ length: 60 }, (_, i) => room(`r${String(i).padStart(2, "0")}`, 1 + i));
    const { service } = setup(many);
    const list = await service.upcoming("someone");
    expect(list).toHaveLength(50);
    expect(list[0]?.id).toBe("r00");
  });

  it("[SCHED-SVC-6] the calendar of a cancelled room is marked CANCELLED", async () => {
    const { service } = setup([room("r1", 3)]);
    expect((await service.cancel("host", "r1")).ok).toBe(true);
    const file = await service.calendar("fan", "r1");
    expect(file.ok && file.data.text).toContain("\r\nSTATUS:CANCELLED\r\n");
  });
});
