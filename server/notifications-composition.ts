import type { AppConfig } from "./config/env";
import type { Limits } from "./config/limits";
import type { Logger } from "./logging/logger";
import type { Persistence } from "./app-ports";
import type { RoomBroadcaster } from "./rooms/room-ports";
import type { RoomQuotas } from "./rooms/room-quotas";
import type { RoomRegistry } from "./rooms/room-registry";
import { NotificationService } from "./notifications/notification-service";
import { PingService } from "./notifications/ping-service";
import { ScheduleService } from "./scheduling/schedule-service";

/**
 * Notifications and what sends them: pings, and scheduled rooms (starting one brings it to life in
 * the registry, then tells who asked). Hand `notifier` to whatever else notifies (chat mentions,
 * staff warnings).
 */
export function composeNotifications(deps: {
  config: AppConfig;
  persistence: Persistence;
  broadcaster: RoomBroadcaster;
  registry: RoomRegistry;
  quotas: RoomQuotas;
  limits: Limits;
  verifiedToHost: ((userId: string) => Promise<boolean>) | undefined;
  logger: Logger;
}) {
  const { config, persistence, broadcaster, registry, logger } = deps;
  const notifier = new NotificationService({
    store: persistence.notifications,
    broadcaster,
    logger: logger.child({ component: "notifications" }),
    now: Date.now,
  });
  const pings = new PingService({
    store: persistence.notifications,
    notifier,
    logger: logger.child({ component: "pings" }),
    now: Date.now,
  });
  const schedule = new ScheduleService({
    store: persistence.schedule,
    notifier,
    startLiveRoom: async (roomId) => {
      await registry.get(roomId);
    },
    quotas: deps.quotas,
    upcomingPerHost: deps.limits.rooms.upcomingPerHost,
    logger: logger.child({ component: "scheduling" }),
    now: () => new Date(),
    publicOrigin: config.publicOrigin,
    verifiedToHost: deps.verifiedToHost,
  });
  return { notifier, pings, schedule };
}
