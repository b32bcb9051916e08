"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { BellIcon } from "./bell-icon";
import { useNotificationFeed } from "./notification-feed";
import { PingToast } from "./ping-toast";

/**
 * The header's bell: a link to /notifications with the unread count, kept live over the tab's
 * shared socket; notifications arriving while the page is open also show as toasts.
 */
export function NotificationBell() {
  const { unreadCount, arrived, dismiss } = useNotificationFeed(true);
  const t = useTranslations("notifications.bell");
  const label = unreadCount === 0 ? t("label") : t("unread", { count: unreadCount });
  return (
    <>
      <Link
        href="/notifications"
        aria-label={label}
        data-testid="notification-bell"
        className="relative flex h-9 w-9 items-center justify-center rounded-full text-stone-700 hover:bg-white"
      >
        <BellIcon className="h-5 w-5" />
        {unreadCount > 0 && (
          <span
            data-testid="unread-count"
            className="absolute -top-0.5 -right-0.5 flex h-[18px] min-w-[18px] items-center justify-center rounded-full bg-red-600 px-1 text-[11px] leading-none font-bold text-white ring-2 ring-cream"
          >
            {unreadCount > 99 ? "99+" : unreadCount}
          </span>
        )}
      </Link>
      {/* Below the header on wide screens (the bell stays visible); at the very top on phones. The header's nav is nowrap: undo it. */}
      {arrived.length > 0 && (
        <div className="pointer-events-none fixed inset-x-0 top-3 z-50 flex flex-col items-center gap-2 px-3 whitespace-normal sm:inset-x-auto sm:top-20 sm:right-6 sm:w-[26rem] sm:px-0">
          {arrived.map((notification) => (
            <PingToast
              key={notification.id}
              notification={notification}
              onDismiss={() => dismiss(notification.id)}
            />
          ))}
        </div>
      )}
    </>
  );
}
