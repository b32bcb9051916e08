"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, type ReactNode } from "react";
import type { AppNotification } from "@/shared/protocol";

const bold = (chunks: ReactNode) => <strong className="font-semibold">{chunks}</strong>;

/** The sentence for a notification, with the room's title in bold: "Ana pinged you into **Design chat**". */
export function NotificationText({ notification }: { notification: AppNotification }) {
  const t = useTranslations("notifications");
  const who = notification.actor?.displayName ?? t("someone");
  const title = notification.room?.title ?? t("aRoom");
  if (notification.kind === "ping") return <>{t.rich("text.ping", { who, title, b: bold })}</>;
  if (notification.kind === "chat-mention")
    return (
      <>
        {t.rich("text.mention", { who, title, b: bold })}
        {notification.text ? <>: “{notification.text}”</> : null}
      </>
    );
  if (notification.kind === "staff-warning")
    return <>{t.rich("text.warning", { text: notification.text ?? "", b: bold })}</>;
  if (notification.kind === "verification-approved") return <>{t("text.verified")}</>;
  if (notification.kind === "verification-rejected")
    return (
      <>
        {notification.text ? t("text.rejectedWithReason", { reason: notification.text }) : t("text.rejected")}
      </>
    );
  return (
    <>
      {notification.actor
        ? t.rich("text.liveWith", { title, who, b: bold })
        : t.rich("text.live", { title, b: bold })}
    </>
  );
}

/** "just now", "5 min ago", "3 h ago", or the date, in the reader's language. */
export function useTimeAgo(): (iso: string, now: number) => string {
  const t = useTranslations("notifications.ago");
  const format = useFormatter();
  return useCallback(
    (iso: string, now: number) => {
      const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
      if (seconds < 60) return t("justNow");
      if (seconds < 3600) return t("minutesAgo", { count: Math.floor(seconds / 60) });
      if (seconds < 86_400) return t("hoursAgo", { count: Math.floor(seconds / 3600) });
      return format.dateTime(new Date(iso), { dateStyle: "medium" });
    },
    [t, format],
  );
}
