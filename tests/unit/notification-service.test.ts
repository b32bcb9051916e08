import { describe, expect, it } from "vitest";
import { pino } from "pino";
import { toAppNotification } from "../../server/db/notification-persistence";
import { NotificationService } from "../../server/notifications/notification-service";
import type { NotificationStore } from "../../server/notifications/notification-store";

const NOW = Date.parse("2026-11-23T10:00:00Z");

function fakeStore(): {
  store: NotificationStore;
  created: { recipients: readonly string[]; kind: string }[];
} {
  const created: { recipients: readonly string[]; kind: string }[] = [];
  const store: NotificationStore = {
    async create(recipientIds, request, at) {
      created.push({ recipients: recipientIds, kind: request.kind });
      return recipientIds.map((recipientId, i) => ({
        recipientId,
        notification: {
          id: `n${i}`,
          kind:
            request.kind === "ping" ? "ping" : request.kind === "room_live" ? "room-live" : "staff-warning",
          createdAt: at.toISOString(),
          readAt: null,
          actor: null,
          room: "roomId" in request ? { id: request.roomId, title: "Room", status: "live" } : null,
          text: "text" in request ? request.text : null,
        },
      }));
    },
    list: async () => ({ notifications: [], unreadCount: 0 }),
    markRead: async () => 0,
    followeesAmong: async () => new Set(),
    lastPings: async () => new Map(),
  };
  return { store, created };
}

describe("notification service", () => {
  it("[NOTIFY-1] stores one per distinct recipient (never the actor) and pushes each to that person only", async () => {
    const { store, created } = fakeStore();
    const pushed: { userId: string; event: string; payload: unknown }[] = [];
    const service = new NotificationService({
      store,
      broadcaster: { toUser: (userId, event, payload) => pushed.push({ userId, event, payload }) },
      logger: pino({ level: "silent" }),
      now: () => NOW,
    });
    await service.notify(["ben", "cyd", "ben", "ana"], { kind: "room_live", actorId: "ana", roomId: "r1" });
    expect(created).toEqual([{ recipients: ["ben", "cyd"], kind: "room_live" }]);
    expect(pushed.map((p) => [p.userId, p.event])).toEqual([
      ["ben", "notification:created"],
      ["cyd", "notification:created"],
    ]);
    expect(pushed[0]?.payload).toMatchObject({
      kind: "room-live",
      createdAt: "2026-11-23T10:00:00.000Z",
      room: { id: "r1" },
    });
  });

  it("[NOTIFY-2] nobody to tell stores and pushes nothing", async () => {
    const { store, created } = fakeStore();
    const pushed: string[] = [];
    const service = new NotificationService({
      store,
      broadcaster: { toUser: (userId) => pushed.push(userId) },
      logger: pino({ level: "silent" }),
      now: () => NOW,
    });
    await service.notify(["ana"], { kind: "ping", actorId: "ana", roomId: "r1" });
    expect(created).toEqual([]);
    expect(pushed).toEqual([]);
  });

  it("[NOTIFY-3] a stored record reads as the protocol's notification (kind, dates, avatar URL)", () => {
    const notification = toAppNotification({
      id: "n1",
      userId: "ben",
      kind: "room_live",
      createdAt: new Date(NOW),
      readAt: null,
      text: null,
      actor: { id: "ana", username: "ana", displayName: "Ana", avatarFile: "ana-1.png" },
      room: { id: "r1", title: "Synths", status: "ended" },
    });
    expect(notification).toEqual({
      id: "n1",
      kind: "room-live",
      createdAt: "2026-11-23T10:00:00.000Z",
      readAt: null,
      actor: { id: "ana", username: "ana", displayName: "Ana", avatarUrl: "/avatars/ana-1.png" },
      room: { id: "r1", title: "Synths", status: "ended" },
      text: null,
    });
  });
});
