"use client";
import { signInLinkTo } from "@/features/accounts/sign-in-link";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { useErrorText } from "@/i18n/error-text";
import { notificationListSchema, type AppNotification } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";
import { callApi } from "@/lib/api";
import { CARD } from "@/features/accounts/form-field";
import { PageShell } from "@/features/accounts/page-shell";
import { markNotificationsRead } from "./mark-read";
import { announceUnreadCount, onNotificationCreated } from "./notification-feed";
import { NotificationText, useTimeAgo } from "./notification-text";

function JoinLink({ notification, onJoin }: { notification: AppNotification; onJoin: () => void }) {
  const t = useTranslations("notifications.screen");
  const room = notification.room;
  if (room?.status !== "live") return null;
  return (
    <Link
      href={`/rooms/${room.id}`}
      onClick={onJoin}
      className="shrink-0 rounded-full bg-live px-4 py-2 text-sm font-semibold text-white hover:bg-green-700"
    >
      {t("join")}
    </Link>
  );
}

function NotificationRow({
  notification,
  now,
  onJoin,
}: {
  notification: AppNotification;
  now: number;
  onJoin: () => void;
}) {
  const t = useTranslations("notifications.screen");
  const timeAgo = useTimeAgo();
  const unread = notification.readAt === null;
  return (
    <li
      data-testid="notification"
      data-unread={unread}
      className={`flex items-center gap-3 rounded-2xl px-3 py-3 ${unread ? "bg-accent/5 ring-1 ring-accent/15" : ""}`}
    >
      <span className="relative shrink-0">
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
            className="flex h-9 w-9 items-center justify-center rounded-[38%] bg-live/15 text-live"
          >
            ●
          </span>
        )}
        {unread && (
          <span
            aria-label={t("unreadDot")}
            className="absolute -top-0.5 -left-0.5 h-2.5 w-2.5 rounded-full bg-accent ring-2 ring-white"
          />
        )}
      </span>
      <div className="min-w-0 flex-1">
        <p className={`text-sm leading-snug ${unread ? "text-ink" : "text-stone-600"}`}>
          <NotificationText notification={notification} />
        </p>
        <p className="mt-0.5 text-xs text-stone-500">
          {timeAgo(notification.createdAt, now)}
          {notification.room && notification.room.status !== "live" && (
            // What became of the room, for rooms one cannot join from here.
            <span className="font-medium text-stone-600"> · {t(notification.room.status)}</span>
          )}
        </p>
      </div>
      <JoinLink notification={notification} onJoin={onJoin} />
    </li>
  );
}

/** /notifications: my pings and "room is live" notices, newest first; unread ones highlighted. */
export function NotificationsScreen() {
  const t = useTranslations("notifications.screen");
  const shell = useTranslations("shell");
  const errorText = useErrorText();
  const [data, setData] = useState<{ notifications: AppNotification[]; unreadCount: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const load = useCallback(async () => {
    const result = await callApi("GET", "/api/notifications", notificationListSchema);
    if (result.ok) {
      setData(result.data);
      announceUnreadCount(result.data.unreadCount);
    } else if (result.error.code !== "unauthorized") setError(errorText(result.error));
  }, [errorText]);
  useEffect(() => {
    void load();
    // New ones appear at the top as they arrive; times stay fresh.
    const stop = onNotificationCreated((notification) =>
      setData((current) =>
        current
          ? { notifications: [notification, ...current.notifications], unreadCount: current.unreadCount + 1 }
          : current,
      ),
    );
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    return () => {
      stop();
      clearInterval(tick);
    };
  }, [load]);

  async function markAll() {
    if (await markNotificationsRead()) await load();
    else setError(t("markFailed"));
  }

  return (
    <PageShell>
      {(state) =>
        state.status !== "signed-in" ? (
          <section className={CARD}>
            <h1 className="text-2xl font-bold">{t("title")}</h1>
            <p className="mt-2 text-stone-600">
              {t.rich("signInTo", {
                link: signInLinkTo("/notifications"),
              })}
            </p>
          </section>
        ) : (
          <section className="rounded-3xl bg-white p-4 shadow-sm ring-1 ring-black/5 sm:p-8">
            <div className="flex items-center justify-between gap-3 px-2 sm:px-0">
              <div>
                <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
                {data && (
                  <p className="mt-1 text-sm text-stone-600">
                    {data.unreadCount === 0 ? t("allCaughtUp") : t("unread", { count: data.unreadCount })}
                  </p>
                )}
              </div>
              {data && data.unreadCount > 0 && (
                <button
                  type="button"
                  onClick={() => void markAll()}
                  className="shrink-0 rounded-full px-4 py-2 text-sm font-semibold text-accent ring-1 ring-accent/30 hover:bg-accent/5"
                >
                  {t("markAll")}
                </button>
              )}
            </div>
            {error && (
              <p role="alert" className="mt-3 rounded-2xl bg-red-50 px-4 py-3 text-sm text-red-800">
                {error}
              </p>
            )}
            {data === null && !error && <p className="mt-6 text-center text-stone-500">{shell("loading")}</p>}
            {data && data.notifications.length === 0 && (
              <p className="mt-6 rounded-2xl border border-dashed border-stone-300 p-6 text-center text-stone-600">
                {t("empty")}
              </p>
            )}
            {data && data.notifications.length > 0 && (
              <ul className="mt-4 space-y-1">
                {data.notifications.map((notification) => (
                  <NotificationRow
                    key={notification.id}
                    notification={notification}
                    now={now}
                    onJoin={() =>
                      void (notification.readAt === null
                        ? markNotificationsRead([notification.id])
                        : undefined)
                    }
                  />
                ))}
              </ul>
            )}
          </section>
        )
      }
    </PageShell>
  );
}
