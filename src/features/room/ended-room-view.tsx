"use client";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { RoomStatsLink } from "@/features/room-stats/room-stats-link";
import type { RoomDetails, RoomEndReason } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";
import { PageShell } from "@/features/accounts/page-shell";
import { RoomReplays } from "@/features/replays/room-replays";

/** How long it lasted in whole minutes (at least 1), or null when it never started. */
function minutesLasted(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  return Math.max(1, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));
}

type Translate = ReturnType<typeof useTranslations<"room.ended">>;

/** Why it ended, in words; the moderators' own reason when they ended it. */
function whyEnded(t: Translate, room: RoomDetails): string {
  if (room.endReason === "staff-ended" && room.endNote) return t("staffNote", { note: room.endNote });
  const reason: RoomEndReason | null = room.endReason;
  return reason ? t(`why.${reason}`) : t("over");
}

/** The page of a room that is over: who hosted it, when and why it ended, and a way back. */
export function EndedRoomView({
  room,
  shareKey,
  clip,
}: {
  room: RoomDetails;
  shareKey?: string | undefined;
  /** A replay clip's range (`?clip=`). */
  clip?: string | undefined;
}) {
  const t = useTranslations("room.ended");
  const format = useFormatter();
  const minutes = minutesLasted(room.startedAt, room.endedAt);
  const lasted =
    minutes === null
      ? null
      : minutes < 60
        ? t("minutes", { minutes })
        : t("hoursMinutes", { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  const endedAt = room.endedAt
    ? format.dateTime(new Date(room.endedAt), { dateStyle: "medium", timeStyle: "short" })
    : null;
  const hostHref = room.host.username ? `/u/${encodeURIComponent(room.host.username)}` : null;
  const host = (
    <span className="flex items-center gap-3">
      <Avatar id={room.host.id} name={room.host.displayName} src={room.host.avatarUrl} size="md" />
      <span className="text-left">
        <span className="block text-xs tracking-wider text-stone-500 uppercase">{t("hostedBy")}</span>
        <span className="block text-lg font-semibold">{room.host.displayName}</span>
      </span>
    </span>
  );
  return (
    <PageShell>
      {(viewer) => (
        <>
          <section
            className="rounded-[2rem] bg-white p-6 text-center shadow-sm ring-1 ring-black/5 sm:p-10"
            aria-label={t("label")}
          >
            <p className="text-sm font-semibold tracking-wider text-stone-500 uppercase">{t("kicker")}</p>
            <h1 className="mt-2 text-2xl leading-tight font-bold sm:text-3xl">{room.title}</h1>
            {room.description && <p className="mt-2 text-stone-600">{room.description}</p>}
            {room.endReason === "staff-ended" && (
              <p
                role="status"
                className="mx-auto mt-5 max-w-lg rounded-2xl bg-amber-50 px-4 py-3 text-amber-900 ring-1 ring-amber-200"
              >
                {whyEnded(t, room)}
              </p>
            )}
            <div className="mt-6 flex justify-center">
              {hostHref ? (
                <Link href={hostHref} className="rounded-2xl px-3 py-2 hover:bg-stone-50">
                  {host}
                </Link>
              ) : (
                host
              )}
            </div>
            <p className="mt-6 text-sm text-stone-600">
              {room.endReason === "staff-ended" ? "" : whyEnded(t, room)}
              {endedAt && t("endedAt", { when: endedAt })}
              {lasted && t("after", { duration: lasted })}
              {/* A sentence's full stop; Chinese uses its own. */}
              {t("stop")}
            </p>
            <div className="mt-8 flex flex-col items-center justify-center gap-3 sm:flex-row">
              <Link href="/" className="rounded-full bg-ink px-6 py-3 font-semibold text-white">
                {t("findLive")}
              </Link>
              {/* How it went: for the host and the platform's staff (the server checks it too). */}
              {viewer.status === "signed-in" &&
                (viewer.user.id === room.host.id || viewer.user.isAdmin || viewer.user.isModerator) && (
                  <RoomStatsLink
                    roomId={room.id}
                    className="rounded-full px-6 py-3 font-semibold text-ink ring-1 ring-stone-300 hover:bg-stone-50"
                  />
                )}
              {/* The host is not offered to follow themself. */}
              {hostHref && !(viewer.status === "signed-in" && viewer.user.id === room.host.id) && (
                <Link
                  href={hostHref}
                  className="rounded-full px-6 py-3 font-semibold text-ink ring-1 ring-stone-300 hover:bg-stone-50"
                >
                  {t("follow", { name: room.host.displayName.split(" ")[0] ?? room.host.displayName })}
                </Link>
              )}
            </div>
          </section>
          {viewer.status === "signed-in" && (
            <RoomReplays roomId={room.id} shareKey={shareKey} clipParam={clip} />
          )}
        </>
      )}
    </PageShell>
  );
}
