"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "@/i18n/error-text";
import {
  cancelledRoomSchema,
  startedRoomSchema,
  type CurrentUser,
  type RoomDetails,
  type RoomInterest,
} from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { MicIcon } from "@/components/icons";
import { InterestButton } from "./interest-button";
import { CalendarIcon } from "./schedule-icons";
import { ShareLinkButton } from "./share-link-button";

type Props = {
  room: RoomDetails;
  viewer: CurrentUser | null;
  canStart: boolean;
  interest: RoomInterest | null;
  onInterest: (next: RoomInterest) => void;
  calendarHref: string;
  onStarted: () => void;
  onCancelled: (endedAt: string) => void;
};

/** What one can do on a scheduled room's page, by who one is. */
export function EventActions({
  room,
  viewer,
  canStart,
  interest,
  onInterest,
  calendarHref,
  onStarted,
  onCancelled,
}: Props) {
  const t = useTranslations("scheduling.actions");
  const errorText = useErrorText();
  const [busy, setBusy] = useState<"start" | "cancel" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const isHost = viewer?.id === room.host.id;
  const roomPath = `/rooms/${encodeURIComponent(room.id)}`;

  async function start() {
    setBusy("start");
    setError(null);
    const result = await callApi(
      "POST",
      `/api/rooms/${encodeURIComponent(room.id)}/start`,
      startedRoomSchema,
    );
    // Someone else (the host or another co-host) may have started it a moment ago: go in anyway.
    if (result.ok || result.error.code === "invalid_state") {
      onStarted();
      return;
    }
    setBusy(null);
    setError(errorText(result.error));
  }

  async function cancel() {
    if (!window.confirm(t("confirmCancel"))) return;
    setBusy("cancel");
    setError(null);
    const result = await callApi(
      "POST",
      `/api/rooms/${encodeURIComponent(room.id)}/cancel`,
      cancelledRoomSchema,
    );
    setBusy(null);
    if (result.ok) onCancelled(result.data.endedAt);
    else setError(errorText(result.error));
  }

  const shareUrl = room.shareKey ? `${roomPath}?key=${encodeURIComponent(room.shareKey)}` : roomPath;

  return (
    <div className="mt-6 space-y-4">
      {canStart && (
        <button
          type="button"
          onClick={() => void start()}
          disabled={busy !== null}
          className="flex w-full items-center justify-center gap-2 rounded-full bg-live px-6 py-4 text-lg font-semibold text-white shadow-sm transition hover:bg-green-700 disabled:opacity-60"
        >
          <MicIcon className="h-6 w-6" /> {busy === "start" ? t("starting") : t("start")}
        </button>
      )}
      <div className="flex flex-wrap items-center gap-2">
        {!canStart && viewer !== null && interest !== null && (
          <InterestButton interest={interest} onChange={onInterest} />
        )}
        {viewer === null && (
          <Link
            href={`/signin?next=${encodeURIComponent(roomPath)}`}
            className="rounded-full bg-accent px-5 py-3 font-semibold text-white hover:bg-indigo-700"
          >
            {t("signInToNotify")}
          </Link>
        )}
        <a
          href={calendarHref}
          download
          className="inline-flex items-center gap-2 rounded-full bg-stone-100 px-5 py-3 font-semibold text-stone-800 hover:bg-stone-200"
        >
          <CalendarIcon className="h-4 w-4" />
          {t("addToCalendar")}
        </a>
        <ShareLinkButton path={shareUrl} />
      </div>
      {interest !== null && interest.interestCount > 0 && (
        <p className="text-sm text-stone-600">{t("interested", { count: interest.interestCount })}</p>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {isHost && (
        <button
          type="button"
          onClick={() => void cancel()}
          disabled={busy !== null}
          className="text-sm font-medium text-stone-500 underline-offset-2 hover:text-red-700 hover:underline disabled:opacity-60"
        >
          {busy === "cancel" ? t("cancelling") : t("cancel")}
        </button>
      )}
    </div>
  );
}
