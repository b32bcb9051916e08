"use client";
import Link from "next/link";
import { useState } from "react";
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
    setError(result.error.message);
  }

  async function cancel() {
    if (!window.confirm("Cancel this room? People who asked to be notified will not hear about it again."))
      return;
    setBusy("cancel");
    setError(null);
    const result = await callApi(
      "POST",
      `/api/rooms/${encodeURIComponent(room.id)}/cancel`,
      cancelledRoomSchema,
    );
    setBusy(null);
    if (result.ok) onCancelled(result.data.endedAt);
    else setError(result.error.message);
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
          <MicIcon className="h-6 w-6" /> {busy === "start" ? "Starting…" : "Start room"}
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
            Sign in to get notified
          </Link>
        )}
        <a
          href={calendarHref}
          download
          className="inline-flex items-center gap-2 rounded-full bg-stone-100 px-5 py-3 font-semibold text-stone-800 hover:bg-stone-200"
        >
          <CalendarIcon className="h-4 w-4" />
          Add to calendar
        </a>
        <ShareLinkButton path={shareUrl} />
      </div>
      {interest !== null && interest.interestCount > 0 && (
        <p className="text-sm text-stone-600">
          {interest.interestCount === 1 ? "1 person wants" : `${interest.interestCount} people want`} to be
          notified when it starts.
        </p>
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
          {busy === "cancel" ? "Cancelling…" : "Cancel this room"}
        </button>
      )}
    </div>
  );
}
