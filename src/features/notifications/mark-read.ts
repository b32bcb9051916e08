"use client";
import { markNotificationsReadAnswerSchema } from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { announceUnreadCount } from "./notification-feed";

/** Marks some (or, with no ids, all) of my notifications read and updates the bells on the page. */
export async function markNotificationsRead(ids?: string[]): Promise<boolean> {
  const result = await callApi(
    "POST",
    "/api/notifications/read",
    markNotificationsReadAnswerSchema,
    ids ? { ids } : {},
  );
  if (result.ok) announceUnreadCount(result.data.unreadCount);
  return result.ok;
}
