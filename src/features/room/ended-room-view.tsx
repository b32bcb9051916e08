"use client";
import Link from "next/link";
import { RoomStatsLink } from "@/features/room-stats/room-stats-link";
import type { RoomDetails, RoomEndReason } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";
import { PageShell } from "@/features/accounts/page-shell";
import { RoomReplays } from "@/features/replays/room-replays";

const WHY: Record<RoomEndReason, string> = {
  "host-ended": "The host ended it.",
  "host-left": "The host left with nobody on stage to take over.",
  "stage-empty": "Nobody was left on the stage.",
  empty: "Everyone left.",
  server: "It was closed by the server.",
  "staff-ended": "This room was ended by the moderators.",
  "host-suspended": "The host's account was suspended.",
};

/** Why it ended, in words; the moderators' own reason when they ended it. */
function whyEnded(room: RoomDetails): string {
  if (room.endReason === "staff-ended" && room.endNote)
    return `This room was ended by the moderators: ${room.endNote}`;
  return room.endReason ? WHY[room.endReason] : "It is over.";
}

function duration(from: string | null, to: string | null): string | null {
  if (!from || !to) return null;
  const minutes = Math.max(1, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The page of a room that is over: who hosted it, when and why it ended, and a way back. */
export function EndedRoomView({
  room,
  shareKey,
  clip,
}: {
  room: RoomDetails;
  shareKey?: string | undefined;
  clip?: string | undefined;
}) {
  const lasted = duration(room.startedAt, room.endedAt);
  const endedAt = room.endedAt
    ? new Date(room.endedAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })
    : null;
  const hostHref = room.host.username ? `/u/${encodeURIComponent(room.host.username)}` : null;
  const host = (
    <span className="flex items-center gap-3">
      <Avatar id={room.host.id} name={room.host.displayName} src={room.host.avatarUrl} size="md" />
      <span className="text-left">
        <span className="block text-xs tracking-wider text-stone-500 uppercase">Hosted by</span>
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
            aria-label="Room ended"
          >
            <p className="text-sm font-semibold tracking-wider text-stone-500 uppercase">
              This room has ended
            </p>
            <h1 className="mt-2 text-2xl leading-tight font-bold sm:text-3xl">{room.title}</h1>
            {room.description && <p className="mt-2 text-stone-600">{room.description}</p>}
            {room.endReason === "staff-ended" && (
              <p
                role="status"
                className="mx-auto mt-5 max-w-lg rounded-2xl bg-amber-50 px-4 py-3 text-amber-900 ring-1 ring-amber-200"
              >
                {whyEnded(room)}
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
              {room.endReason === "staff-ended" ? "" : whyEnded(room)}
              {endedAt && ` Ended ${endedAt}`}
              {lasted && `, after ${lasted}`}.
            </p>
            <div className="mt-8 flex flex-col items-center justify-center gap-3 sm:flex-row">
              <Link href="/" className="rounded-full bg-ink px-6 py-3 font-semibold text-white">
                Find a live room
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
                  Follow {room.host.displayName.split(" ")[0]}
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
