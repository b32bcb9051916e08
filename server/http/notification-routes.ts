import { fail, markNotificationsReadBodySchema, NOTIFICATION_PAGE_SIZE, ok } from "../../src/shared/protocol";
import type { NotificationStore } from "../notifications/notification-store";
import { defineRoute, type Route } from "./api-router";

/** The bell and the notifications page: my notifications, newest first; mark some or all read. Only ever the caller's own. */
export function notificationRoutes(notifications: Pick<NotificationStore, "list" | "markRead">): Route[] {
  return [
    defineRoute("GET", "/api/notifications", null, async ({ user }) => {
      if (!user) return fail("unauthorized", "Sign in to see your notifications.");
      return ok(await notifications.list(user.id, NOTIFICATION_PAGE_SIZE));
    }),

    defineRoute(
      "POST",
      "/api/notifications/read",
      markNotificationsReadBodySchema,
      async ({ user, body }) => {
        if (!user) return fail("unauthorized", "Sign in first.");
        const unreadCount = await notifications.markRead(user.id, body?.ids ?? "all", new Date());
        return ok({ unreadCount });
      },
    ),
  ];
}
