"use client";
import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { upcomingRoomsSchema, type UpcomingRoom } from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { watchHallway } from "@/lib/app-socket";
import { useCurrentUser } from "@/features/hallway/use-current-user";
import { HostFaces } from "./host-faces";
import { InterestButton } from "./interest-button";
import { dayLabel, relativeTime } from "./schedule-time";
import { useNow } from "./use-now";

/** Rooms start and get scheduled while the hallway is open; a light refresh keeps the list honest. */
const REFRESH_MS = 30_000;

/**
 * The hallway's "Upcoming" section: scheduled rooms this viewer may see, soonest first, each with
 * its time, title, hosts' faces and a "Notify me" toggle. Signed-in people get a link to schedule one.
 */
export function UpcomingRooms() {
  const t = useTranslations("scheduling.upcoming");
  const [user] = useCurrentUser();
  const [rooms, setRooms] = useState<UpcomingRoom[] | null>(null);
  const now = useNow(30_000);
  const signedIn = user.status === "signed-in";

  useEffect(() => {
    let active = true;
    const listed = new Set<string>();
    const load = () =>
      void callApi("GET", "/api/rooms/upcoming", upcomingRoomsSchema).then((result) => {
        if (!active || !result.ok) return;
        setRooms(result.data.rooms);
        listed.clear();
        for (const room of result.data.rooms) listed.add(room.id);
      });
    load();
    const timer = setInterval(load, REFRESH_MS);
    // A room starting (or a new one announced) is pushed to hallway watchers: look again at once.
    // A live room's card is news here only when it was one of ours, just started.
    const stopWatching = watchHallway({
      refetch: load,
      card: (room) => listed.has(room.id) && load(),
      removed: () => undefined,
    });
    return () => {
      active = false;
      clearInterval(timer);
      stopWatching();
    };
  }, [signedIn]);

  if (rooms === null) return null;
  if (rooms.length === 0 && !signedIn) return null;

  const replace = (next: UpcomingRoom) =>
    setRooms((current) => current?.map((room) => (room.id === next.id ? next : room)) ?? null);

  return (
    <section aria-labelledby="upcoming-title">
      <div className="mb-3 flex items-center justify-between gap-3 px-1">
        <h2 id="upcoming-title" className="text-lg font-semibold">
          {t("title")}
        </h2>
        {signedIn && (
          <Link
            href="/rooms/schedule"
            className="rounded-full bg-white px-4 py-1.5 text-sm font-semibold text-accent shadow-sm ring-1 ring-black/5 hover:ring-accent/40"
          >
            {t("schedule")}
          </Link>
        )}
      </div>
      {rooms.length === 0 ? (
        <p className="rounded-3xl border border-dashed border-stone-300 p-6 text-center text-sm text-stone-600">
          {t("empty")}
        </p>
      ) : (
        <ul className="space-y-3" aria-label={t("label")}>
          {rooms.map((room) => (
            <UpcomingCard key={room.id} room={room} now={now} signedIn={signedIn} onChange={replace} />
          ))}
        </ul>
      )}
    </section>
  );
}

function UpcomingCard({
  room,
  now,
  signedIn,
  onChange,
}: {
  room: UpcomingRoom;
  now: number | null;
  signedIn: boolean;
  onChange: (room: UpcomingRoom) => void;
}) {
  const t = useTranslations("scheduling.upcoming");
  const locale = useLocale();
  const format = useFormatter();
  const at = new Date(room.scheduledFor);
  const overdue = now !== null && at.getTime() <= now;
  const href = `/rooms/${encodeURIComponent(room.id)}`;
  return (
    <li className="rounded-3xl bg-white p-4 shadow-sm ring-1 ring-black/5 transition hover:ring-accent/40">
      <div className="flex items-start gap-3">
        <div className="flex w-[4.5rem] shrink-0 flex-col items-center rounded-2xl bg-accent/10 px-1 py-2 text-center text-accent">
          {now === null ? (
            <span className="h-8" />
          ) : (
            <>
              <span className="text-[11px] font-semibold tracking-wide whitespace-nowrap uppercase">
                {dayLabel(at, now, locale)}
              </span>
              <time dateTime={room.scheduledFor} className="text-[13px] font-bold whitespace-nowrap">
                {format.dateTime(at, { hour: "numeric", minute: "2-digit" })}
              </time>
            </>
          )}
        </div>
        <div className="min-w-0 flex-1">
          <Link href={href} className="block font-semibold break-words hover:underline">
            {room.title}
          </Link>
          <p className="mt-0.5 text-sm text-stone-600">
            {now === null ? (
              "\u00a0"
            ) : overdue ? (
              <span className="font-medium text-amber-700">{t("startingSoon")}</span>
            ) : (
              relativeTime(at, now, locale)
            )}
          </p>
          <div className="mt-3 flex flex-wrap items-center justify-between gap-3">
            <div className="flex min-w-0 items-center gap-2">
              <HostFaces host={room.host} coHosts={room.coHosts} compact />
              <span className="truncate text-sm text-stone-600">
                {room.host.displayName}
                {room.coHosts.length > 0 && ` +${room.coHosts.length}`}
              </span>
            </div>
            {room.canStart ? (
              <Link
                href={href}
                className="rounded-full bg-live px-3 py-1.5 text-sm font-semibold text-white hover:bg-green-700"
              >
                {t("hosting")}
              </Link>
            ) : signedIn ? (
              <InterestButton
                size="sm"
                interest={{ roomId: room.id, interested: room.interested, interestCount: room.interestCount }}
                onChange={(next) =>
                  onChange({ ...room, interested: next.interested, interestCount: next.interestCount })
                }
              />
            ) : (
              <Link
                href={href}
                className="rounded-full bg-stone-100 px-3 py-1.5 text-sm font-semibold text-stone-800 hover:bg-stone-200"
              >
                {t("details")}
              </Link>
            )}
          </div>
        </div>
      </div>
    </li>
  );
}
