"use client";
import type { CurrentUser, RoomDetails } from "@/shared/protocol";
import { PingPeopleButton } from "@/features/notifications/ping-people-button";
import type { RoomConnection } from "./room-connection";
import type { RoomView } from "./room-snapshot-reducer";
import { knownIds } from "./audience-order";
import { RoomAbout } from "./room-about";
import { RoomMenu } from "./room-menu";

/** The room's title and its chips: how many are in, share, audio check, ping, and the ⋯ menu. */
export function RoomTitleBar({
  snapshot,
  details,
  user,
  connection,
  onShare,
  onAudioCheck,
  onReportRoom,
}: {
  snapshot: RoomView | null;
  details: RoomDetails | undefined;
  user: CurrentUser | null;
  connection: RoomConnection | null;
  onShare: () => void;
  onAudioCheck: () => void;
  onReportRoom: () => void;
}) {
  const me = snapshot?.self ?? null;
  return (
    // Phones: the room's chips wrap in a row under the title instead of a tall column beside it.
    <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
      <div className="min-w-0">
        <h1 className="text-2xl leading-tight font-bold sm:text-3xl">{snapshot?.title ?? "Joining…"}</h1>
        {details && <RoomAbout details={details} />}
      </div>
      {snapshot && (
        <div className="flex shrink-0 flex-wrap items-center gap-2 sm:mt-1 sm:justify-end">
          <span
            className="rounded-full bg-stone-100 px-3 py-1 text-sm text-stone-600"
            data-testid="member-count"
          >
            {(snapshot.counts.stage + snapshot.counts.audience).toLocaleString("en-US")} in room
          </span>
          <button
            type="button"
            onClick={onShare}
            className="rounded-full bg-ink px-3 py-1 text-sm font-semibold text-white hover:bg-black"
          >
            Share
          </button>
          <button
            type="button"
            onClick={onAudioCheck}
            className="rounded-full px-3 py-1 text-sm font-medium text-accent ring-1 ring-accent/30 hover:bg-accent/5"
          >
            Audio check
          </button>
          {user?.username && me && !me.isGuest && (
            <PingPeopleButton
              username={user.username}
              memberIds={knownIds(snapshot)}
              ping={(ids) => connection?.commands.ping(ids) ?? Promise.reject(new Error("Not connected."))}
            />
          )}
          {me && !me.isGuest && (
            <RoomMenu
              onReport={onReportRoom}
              // The host's chart of the room (co-hosts reach it by its link; staff from the console).
              statsRoomId={me.role === "host" ? snapshot.roomId : undefined}
            />
          )}
        </div>
      )}
    </div>
  );
}
