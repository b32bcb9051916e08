import type { Logger } from "../logging/logger";
import type { RoomBroadcaster } from "../rooms/room-ports";
import type { NotificationRequest, Notifier } from "./notification-ports";
import type { NotificationStore } from "./notification-store";

export type NotificationServiceDeps = {
  store: NotificationStore;
  broadcaster: Pick<RoomBroadcaster, "toUser">;
  logger: Logger;
  now: () => number;
};

/**
 * The in-app notifications: stored first (the bell and the notifications page read the store, so
 * someone offline finds them later), then pushed as `notification:created` to every open tab of
 * each recipient. Pings and scheduling's "room is live" both come through `notify`. Reading and
 * marking read go straight to the store (server/http/notification-routes.ts).
 */
export class NotificationService implements Notifier {
  constructor(private readonly deps: NotificationServiceDeps) {}

  async notify(recipientIds: readonly string[], request: NotificationRequest): Promise<void> {
    const recipients = [...new Set(recipientIds)].filter((id) => id !== request.actorId);
    if (recipients.length === 0) return;
    const created = await this.deps.store.create(recipients, request, new Date(this.deps.now()));
    for (const { recipientId, notification } of created)
      this.deps.broadcaster.toUser(recipientId, "notification:created", notification);
    this.deps.logger.debug(
      { kind: request.kind, roomId: "roomId" in request ? request.roomId : null, recipients: created.length },
      "notified",
    );
  }
}
