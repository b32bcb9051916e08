"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import {
  calendarPathOf,
  roomDetailsSchema,
  roomInterestSchema,
  type CurrentUser,
  type RoomDetails,
  type RoomInterest,
} from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { PageShell } from "@/features/accounts/page-shell";
import { EventActions } from "./event-actions";
import { HostFaces } from "./host-faces";
import { CalendarIcon } from "./schedule-icons";
import { longDateTime, relativeTime, timeZoneName } from "./schedule-time";
import { useNow } from "./use-now";

/** How often a waiting event page asks whether the room went live (or was cancelled). */
const STATUS_POLL_MS = 5_000;

const STATUS_LOOK: Record<RoomDetails["status"], string> = {
  scheduled: "bg-accent/10 text-accent",
  live: "bg-green-50 text-live",
  ended: "bg-stone-200 text-stone-600",
};

/**
 * A scheduled room's event page (what /rooms/<id> shows until the room starts): when, who, what;
 * "Notify me", "Add to calendar", the share link; and for the host and co-hosts a one-tap
 * "Start room". While open it notices the room going live and offers to join.
 *
 * `onStarted` lets the room page switch to the live room in place; without it the page reloads.
 */
export function ScheduledRoomView({ room, onStarted }: { room: RoomDetails; onStarted?: () => void }) {
  return (
    <PageShell>
      {(state) => (
        <EventPage
          room={room}
          viewer={state.status === "signed-in" ? state.user : null}
          onStarted={onStarted}
        />
      )}
    </PageShell>
  );
}

function EventPage({
  room: initial,
  viewer,
  onStarted,
}: {
  room: RoomDetails;
  viewer: CurrentUser | null;
  onStarted: (() => void) | undefined;
}) {
  const t = useTranslations("scheduling");
  const locale = useLocale();
  const now = useNow(15_000);
  const [room, setRoom] = useState(initial);
  const [interest, setInterest] = useState<RoomInterest | null>(null);
  const roomPath = `/rooms/${encodeURIComponent(room.id)}`;

  useEffect(() => {
    let active = true;
    void callApi("GET", `/api/rooms/${encodeURIComponent(initial.id)}/interest`, roomInterestSchema).then(
      (result) => {
        if (active && result.ok) setInterest(result.data);
      },
    );
    // The room's own lookup (with the closed-room key from the link, if any) tells when it starts.
    const timer = setInterval(() => {
      void callApi(
        "GET",
        `/api/rooms/${encodeURIComponent(initial.id)}${window.location.search}`,
        roomDetailsSchema,
      ).then((result) => {
        if (active && result.ok) setRoom(result.data);
      });
    }, STATUS_POLL_MS);
    return () => {
      active = false;
      clearInterval(timer);
    };
  }, [initial.id, viewer?.id]);

  const at = room.scheduledFor === null ? null : new Date(room.scheduledFor);
  const overdue = at !== null && now !== null && at.getTime() <= now;
  const canStart =
    viewer !== null && (viewer.id === room.host.id || room.coHosts.some((person) => person.id === viewer.id));

  return (
    <article className="space-y-4" aria-labelledby="event-title">
      <Link
        href="/"
        className="inline-flex items-center gap-1 px-1 text-sm font-medium text-stone-600 hover:text-ink"
      >
        {t("backToHallway")}
      </Link>
      {room.status === "live" && (
        <div
          role="status"
          className="flex flex-wrap items-center justify-between gap-3 rounded-3xl bg-live p-4 text-white shadow-sm sm:p-5"
        >
          <p className="font-semibold">
            <span className="mr-2 inline-block h-2.5 w-2.5 animate-pulse rounded-full bg-white" aria-hidden />
            {t("event.liveNow")}
          </p>
          <a
            href={roomPath}
            className="rounded-full bg-white px-5 py-2 font-semibold text-live hover:bg-green-50"
          >
            {t("event.join")}
          </a>
        </div>
      )}
      {room.status === "ended" && (
        <div role="status" className="rounded-3xl bg-stone-200 p-4 text-stone-700">
          {t("event.cancelled")}{" "}
          <Link href="/" className="font-semibold underline">
            {t("event.back")}
          </Link>
        </div>
      )}

      <section className="rounded-3xl bg-white p-5 shadow-sm ring-1 ring-black/5 sm:p-7">
        <div className="flex flex-wrap items-center gap-2 text-xs font-semibold tracking-wide uppercase">
          <span className={`rounded-full px-3 py-1 ${STATUS_LOOK[room.status]}`}>
            {t(`event.${room.status}`)}
          </span>
          <span className="rounded-full bg-stone-100 px-3 py-1 text-stone-600">
            {t(`event.${room.type}`)}
          </span>
        </div>
        <h1
          id="event-title"
          className="mt-3 text-2xl leading-tight font-bold tracking-tight break-words sm:text-3xl"
        >
          {room.title}
        </h1>

        <div className="mt-4 flex items-start gap-3 rounded-2xl bg-cream/70 p-4">
          <span
            aria-hidden
            className="flex h-11 w-11 shrink-0 items-center justify-center rounded-2xl bg-white text-accent shadow-sm ring-1 ring-black/5"
          >
            <CalendarIcon className="h-5 w-5" />
          </span>
          <div className="min-w-0">
            {at !== null && now !== null ? (
              <>
                <p className="font-semibold">
                  <time dateTime={at.toISOString()}>{longDateTime(at, now, locale)}</time>
                </p>
                {room.status === "scheduled" && (
                  <p className={`text-sm ${overdue ? "font-semibold text-amber-700" : "text-stone-600"}`}>
                    {overdue
                      ? t("event.startingSoon")
                      : t("event.relativeYourTime", {
                          relative: relativeTime(at, now, locale),
                          zone: timeZoneName(),
                        })}
                  </p>
                )}
              </>
            ) : (
              <p className="h-10 text-stone-500">…</p>
            )}
          </div>
        </div>

        {room.description && <p className="mt-4 whitespace-pre-line text-stone-700">{room.description}</p>}
        {room.topics.length > 0 && (
          <ul className="mt-4 flex flex-wrap gap-2" aria-label={t("event.topics")}>
            {room.topics.map((topic) => (
              <li key={topic} className="rounded-full bg-stone-100 px-3 py-1 text-sm text-stone-700">
                #{topic}
              </li>
            ))}
          </ul>
        )}

        {room.status === "scheduled" && (
          <EventActions
            room={room}
            viewer={viewer}
            canStart={canStart}
            interest={interest}
            onInterest={setInterest}
            calendarHref={calendarPathOf(room.id)}
            // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a reload on purpose (see above)
            onStarted={onStarted ?? (() => window.location.assign(roomPath))}
            onCancelled={(endedAt) => setRoom({ ...room, status: "ended", endedAt, endReason: "host-ended" })}
          />
        )}
      </section>

      <section
        className="rounded-3xl bg-white p-5 shadow-sm ring-1 ring-black/5 sm:p-7"
        aria-labelledby="hosts-title"
      >
        <h2 id="hosts-title" className="mb-3 text-sm font-semibold text-stone-500">
          {room.status === "scheduled" ? t("event.onStage") : t("event.hosts")}
        </h2>
        <HostFaces host={room.host} coHosts={room.coHosts} />
      </section>
    </article>
  );
}
