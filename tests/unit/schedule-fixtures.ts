/** Scheduling's unit-test fixtures: an in-memory store, rooms, and a ScheduleService over them. */
import { pino } from "pino";
import type { NotificationRequest, Notifier } from "../../server/notifications/notification-ports";
import type { ScheduledRoomRow, ScheduleStore } from "../../server/scheduling/schedule-ports";
import { ScheduleService, type ScheduleServiceDeps } from "../../server/scheduling/schedule-service";

export const NOW = new Date("2026-12-01T12:00:00.000Z");
const HOUR = 3_600_000;

/**
 * An in-memory ScheduleStore: just enough of the database's behaviour (conditional updates). Its
 * Upcoming candidates ignore the viewer and the per-host share, so the tests see the service's
 * own rules do both.
 */
export function memoryStore(
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
    listUpcoming: async ({ from, until, limit }) =>
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

export const room = (
  id: string,
  inHours: number,
  extra: Partial<ScheduledRoomRow> = {},
): ScheduledRoomRow => ({
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

export function setup(
  rooms: ScheduledRoomRow[],
  options: {
    interests?: [string, string][];
    startLiveRoom?: (id: string) => Promise<void>;
    notifyFails?: boolean;
    quotas?: ScheduleServiceDeps["quotas"];
    upcomingPerHost?: number;
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
    quotas: options.quotas ?? { guard: async (_request, work) => ({ ok: true, value: await work() }) },
    upcomingPerHost: options.upcomingPerHost ?? 50,
    logger: pino({ level: "silent" }),
    now: () => NOW,
    publicOrigin: "https://rooms.example.org",
  });
  return { service, store, sent, started };
}
