"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { AppNotification } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";
import { markNotificationsRead } from "./mark-read";
import { NotificationText } from "./notification-text";

/** How long a toast stays when nobody touches it; the notification itself stays in the list. */
const TOAST_MS = 60_000;

/**
 * A notification that just arrived, at the top of the screen: who pinged you into which room,
 * with Join (marks it read and opens the room) and dismiss.
 */
export function PingToast({
  notification,
  onDismiss,
}: {
  notification: AppNotification;
  onDismiss: () => void;
}) {
  const t = useTranslations("notifications.toast");
  const router = useRouter();
  // The timer starts once per toast; the latest onDismiss is read when it fires.
  const dismissRef = useRef(onDismiss);
  useEffect(() => {
    dismissRef.current = onDismiss;
  });
  useEffect(() => {
    const timer = setTimeout(() => dismissRef.current(), TOAST_MS);
    return () => clearTimeout(timer);
  }, []);
  const room = notification.room;
  async function join() {
    if (!room) return;
    onDismiss();
    // Read before the room page's bell asks for the count, so it never shows this one as unread.
    await markNotificationsRead([notification.id]);
    router.push(`/rooms/${room.id}`);
  }
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="ping-toast"
      className="pointer-events-auto flex w-full items-center gap-3 rounded-3xl bg-white p-3 pr-2 shadow-xl ring-1 ring-black/10 sm:p-4"
    >
      {notification.actor ? (
        <Avatar
          id={notification.actor.id}
          name={notification.actor.displayName}
          src={notification.actor.avatarUrl}
          size="sm"
        />
      ) : (
        <span
          aria-hidden
          className="flex h-9 w-9 shrink-0 items-center justify-center rounded-[38%] bg-live/15 text-live"
        >
          ●
        </span>
      )}
      <p className="min-w-0 flex-1 text-sm leading-snug text-stone-800">
        <NotificationText notification={notification} />
      </p>
      {room?.status !== "ended" && room && (
        <button
          type="button"
          onClick={() => void join()}
          className="shrink-0 rounded-full bg-live px-4 py-2 text-sm font-semibold text-white hover:bg-green-700"
        >
          {t("join")}
        </button>
      )}
      <button
        type="button"
        onClick={onDismiss}
        aria-label={t("dismiss")}
        className="shrink-0 rounded-full p-2 text-stone-500 hover:bg-stone-100 hover:text-stone-700"
      >
        <svg
          viewBox="0 0 24 24"
          className="h-4 w-4 fill-none stroke-current"
          strokeWidth={2.5}
          strokeLinecap="round"
          aria-hidden
        >
          <path d="M6 6l12 12M18 6 6 18" />
        </svg>
      </button>
    </div>
  );
}
