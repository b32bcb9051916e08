"use client";
import { useEffect, useState } from "react";
import { notificationListSchema, notificationSchema, type AppNotification } from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { appSocket, onAppSocketConnect } from "@/lib/app-socket";

const UNREAD_CHANGED = "audio-rooms:notifications-unread";

/**
 * Tells every bell on this page the new unread count (the notifications page marks read; the bell
 * in the header should not keep showing a stale badge).
 */
export function announceUnreadCount(unreadCount: number): void {
  window.dispatchEvent(new CustomEvent(UNREAD_CHANGED, { detail: unreadCount }));
}

/**
 * Calls `handler` with each `notification:created` pushed to this tab's shared socket. The payload
 * is validated here like every server event (see lib/socket-events.ts); this subscription can
 * also be removed, which the bell needs when it unmounts. Returns the unsubscribe function.
 */
export function onNotificationCreated(handler: (notification: AppNotification) => void): () => void {
  const socket = appSocket();
  const listener = (raw: unknown) => {
    const parsed = notificationSchema.safeParse(raw);
    if (parsed.success) handler(parsed.data);
  };
  socket.on("notification:created", listener);
  return () => {
    socket.off("notification:created", listener);
  };
}

/**
 * The bell's live state: the unread count (fetched on every (re)connect, so nothing missed while
 * offline is lost) and the notifications that arrived while this page was open, for toasts.
 */
export function useNotificationFeed(enabled: boolean) {
  const [unreadCount, setUnreadCount] = useState(0);
  const [arrived, setArrived] = useState<AppNotification[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let active = true;
    const refresh = async () => {
      const result = await callApi("GET", "/api/notifications", notificationListSchema);
      if (active && result.ok) setUnreadCount(result.data.unreadCount);
    };
    const stopConnect = onAppSocketConnect(() => void refresh());
    const stopCreated = onNotificationCreated((notification) => {
      setUnreadCount((count) => count + 1);
      setArrived((list) => [notification, ...list.filter((n) => n.id !== notification.id)].slice(0, 3));
    });
    const onUnread = (event: Event) => {
      if (event instanceof CustomEvent && typeof event.detail === "number") setUnreadCount(event.detail);
    };
    window.addEventListener(UNREAD_CHANGED, onUnread);
    return () => {
      active = false;
      stopConnect();
      stopCreated();
      window.removeEventListener(UNREAD_CHANGED, onUnread);
    };
  }, [enabled]);
  const dismiss = (id: string) => setArrived((list) => list.filter((n) => n.id !== id));
  return { unreadCount, arrived, dismiss };
}
