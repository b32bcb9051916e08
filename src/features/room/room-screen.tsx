"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { Member, RoomDetails } from "@/shared/protocol";
import { AppHeader } from "@/components/app-header";
import { GuestBanner } from "@/features/accounts/guest-banner";
import { SignInCard } from "@/features/hallway/sign-in-card";
import { useCurrentUser } from "@/features/hallway/use-current-user";
import { offeredActions } from "./member-actions";
import { RoomControls } from "./room-controls";
import { useRoomConnection } from "./use-room-connection";
import { RoomReactions } from "./room-reactions";
import { RoomChat } from "@/features/chat/room-chat";
import { MusicModeStrip } from "./music-mode-strip";
import { RecordedRoomNotice, RecordingStrip } from "@/features/recording/recording-strip";
import { RoomFullView } from "./room-full-view";
import { useHostChange } from "./use-host-change";
import { listenersInOrder } from "./audience-order";
import { EndedRoomCard } from "./ended-room-card";
import { RoomNotices } from "./room-notices";
import { RoomTitleBar } from "./room-title-bar";
import { RoomPeople } from "./room-people";
import { RoomSheets, isReportable, type RoomSheet } from "./room-sheets";
import type { StageAction } from "./stage-actions";
import { RoomAnnouncer } from "@/features/a11y/room-announcer";

/** The live room. `onEnded` hands over to the ended-room page (which says who hosted it). */
export function RoomScreen({
  roomId,
  shareKey,
  details,
  onEnded,
}: {
  roomId: string;
  shareKey?: string | undefined;
  details?: RoomDetails;
  onEnded?: () => void;
}) {
  const t = useTranslations("room");
  const router = useRouter();
  const [userState, setUser] = useCurrentUser();
  const user = userState.status === "signed-in" ? userState.user : null;
  // Signed out: listen as a guest (the server refuses if the operator turned guests off).
  const who =
    userState.status === "signed-in" ? userState.user.id : userState.status === "signed-out" ? "guest" : null;
  const { state, connection, live } = useRoomConnection(roomId, who, shareKey);
  useEffect(() => {
    if (state.phase === "ended") onEnded?.();
  }, [state.phase, onEnded]);
  const newHost = useHostChange(state.snapshot);
  const snapshot = state.snapshot;
  const me = snapshot?.self ?? null;
  const audience = useMemo(() => listenersInOrder(snapshot), [snapshot]);
  const [sheet, setSheet] = useState<RoomSheet>(null);
  const perform = useCallback((action: StageAction) => void live?.commands.perform(action), [live]);
  const selectable = (member: Member) =>
    me && snapshot && (offeredActions(me, member, snapshot).length > 0 || isReportable(me, member))
      ? () => setSheet({ kind: "member", userId: member.userId })
      : undefined;
  const loadMore = useCallback(() => void connection.current?.loadMoreAudience(), [connection]);
  const share = useCallback(() => setSheet({ kind: "share" }), []);

  if (userState.status === "loading")
    return <p className="mt-16 text-center text-stone-500">{t("loading")}</p>;
  if (userState.status === "signed-out" && state.phase === "unauthorized")
    return (
      <div className="mx-auto max-w-md px-4">
        <AppHeader user={null} />
        <p className="mt-6 mb-4 px-1 text-stone-700">{t("pickName")}</p>
        <SignInCard onSignedIn={setUser} />
      </div>
    );

  if (state.phase === "full") {
    return (
      <div className="mx-auto max-w-3xl px-4 pb-28">
        <AppHeader user={user} />
        <RoomFullView message={state.problem} />
      </div>
    );
  }

  const ended = state.phase === "ended" || state.phase === "removed";
  return (
    <div className={`mx-auto max-w-3xl px-4 pb-28 ${ended ? "" : "lg:max-w-6xl"}`}>
      <AppHeader user={user} />
      {me?.isGuest && (
        <div className="mb-3">
          <GuestBanner returnTo={`/rooms/${roomId}`} />
        </div>
      )}
      <Link
        href="/"
        className="inline-flex items-center gap-1 px-1 text-sm font-medium text-stone-600 hover:text-ink"
      >
        {t("hallwayLink")}
      </Link>

      {!ended && <RoomNotices state={state} connection={live} newHost={newHost} />}
      {!ended && <RoomAnnouncer snapshot={snapshot} />}

      <div className="lg:grid lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start lg:gap-6">
        <main
          className="mt-4 rounded-[2rem] bg-white p-5 shadow-sm ring-1 ring-black/5 sm:p-8"
          aria-busy={state.phase === "connecting"}
        >
          {ended ? (
            <EndedRoomCard removed={state.phase === "removed"} problem={state.problem} />
          ) : (
            <>
              <RoomTitleBar
                snapshot={snapshot}
                details={details}
                user={user}
                connection={live}
                onShare={share}
                onAudioCheck={() => setSheet({ kind: "audio-check" })}
                onReportRoom={() =>
                  setSheet({ kind: "report", target: { kind: "room", roomId }, subject: t("thisRoom") })
                }
              />
              {!snapshot && details?.recording && <RecordedRoomNotice />}
              {snapshot && (
                <RecordingStrip
                  recording={snapshot.recording}
                  isHost={me?.role === "host"}
                  onToggle={(enabled) => perform({ command: "room:set-recording", input: { enabled } })}
                />
              )}
              {snapshot && (
                <MusicModeStrip
                  musicMode={snapshot.musicMode}
                  isHost={me?.role === "host"}
                  onToggle={(enabled) => perform({ command: "room:set-music-mode", input: { enabled } })}
                  onStage={me !== null && me.role !== "listener"}
                  ownMusicMode={state.ownMusicMode}
                  onToggleOwn={(on) => void live?.mic.setOwnMusicMode(on)}
                />
              )}
              <RoomPeople
                snapshot={snapshot}
                selfId={state.selfId}
                audience={audience}
                selectable={selectable}
                perform={perform}
                onShare={share}
                onNearEnd={loadMore}
              />
            </>
          )}
        </main>
        {!ended && me && live && (
          <RoomChat
            connection={live}
            roomId={roomId}
            selfId={state.selfId}
            role={me.role}
            hostId={snapshot?.hostId ?? null}
          />
        )}
      </div>

      <RoomSheets
        sheet={sheet}
        setSheet={setSheet}
        roomId={roomId}
        shareKey={details?.shareKey ?? null}
        canInvite={user !== null && !(me?.isGuest ?? true)}
        snapshot={snapshot}
        connection={live}
      />
      {!ended && me && live && <RoomReactions connection={live} />}
      {!ended && me && (
        <RoomControls
          onStage={me.role !== "listener"}
          hand={
            me.role === "listener" && !me.isGuest && snapshot?.handRaisingEnabled
              ? me.handRaisedAt !== null
                ? "raised"
                : "down"
              : null
          }
          onToggleHand={() =>
            perform(
              me.handRaisedAt !== null
                ? { command: "room:lower-hand", input: {} }
                : { command: "room:raise-hand", input: {} },
            )
          }
          muted={me.muted}
          isHost={me.role === "host"}
          onToggleMute={() => void live?.mic.setMuted(!me.muted)}
          onLeave={() => {
            void connection.current?.leave();
            router.push("/");
          }}
          onEnd={() => void live?.commands.endRoom()}
          memberCount={snapshot ? snapshot.counts.stage + snapshot.counts.audience : 1}
        />
      )}
    </div>
  );
}
