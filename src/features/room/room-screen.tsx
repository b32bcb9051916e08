"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { Member, RoomDetails } from "@/shared/protocol";
import { AppHeader } from "@/components/app-header";
import { SpeakerIcon } from "@/components/icons";
import { GuestBanner } from "@/features/accounts/guest-banner";
import { SignInCard } from "@/features/hallway/sign-in-card";
import { useCurrentUser } from "@/features/hallway/use-current-user";
import { PingPeopleButton } from "@/features/notifications/ping-people-button";
import { AudioCheckPanel } from "./audio-check-panel";
import { diagnoseAudio } from "./audio-diagnostics";
import { HandQueuePanel } from "./hand-queue-panel";
import { InvitationBanner } from "./invitation-banner";
import { MemberActionsSheet } from "./member-actions-sheet";
import { isStageFull, offeredActions } from "./member-actions";
import { MemberTile } from "./member-tile";
import { AudienceGrid } from "./audience-grid";
import { findMember } from "./room-snapshot-reducer";
import { MicrophoneProblemCard } from "./microphone-problem-card";
import { RoomControls } from "./room-controls";
import { useRoomConnection } from "./use-room-connection";
import { RoomReactions } from "./room-reactions";
import { MusicModeStrip } from "./music-mode-strip";
import { RoomFullView } from "./room-full-view";
import { RoomAbout } from "./room-about";
import { useHostChange } from "./use-host-change";
import { knownIds, listenersInOrder } from "./audience-order";
import { Banner } from "./room-banner";
import { EndedRoomCard } from "./ended-room-card";
import { ShareRoomSheet } from "./share-room-sheet";
import { ReportDialog, type ReportTarget } from "@/features/reports/report-dialog";
import { RoomMenu } from "./room-menu";

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
  const router = useRouter();
  const [userState, setUser] = useCurrentUser();
  const user = userState.status === "signed-in" ? userState.user : null;
  // Signed out: listen as a guest (the server refuses if the operator turned guests off).
  const who =
    userState.status === "signed-in" ? userState.user.id : userState.status === "signed-out" ? "guest" : null;
  const { state, connection } = useRoomConnection(roomId, who, shareKey);
  useEffect(() => {
    if (state.phase === "ended") onEnded?.();
  }, [state.phase, onEnded]);
  const newHost = useHostChange(state.snapshot);
  const snapshot = state.snapshot;
  const me = snapshot?.self ?? null;
  const stage = snapshot?.stage ?? [];
  const audience = useMemo(() => listenersInOrder(snapshot), [snapshot]);
  const audienceCount = snapshot?.counts.audience ?? 0;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [sharing, setSharing] = useState(false);
  const [reporting, setReporting] = useState<{ target: ReportTarget; subject: string } | null>(null);
  const audioCheck = useCallback(
    async () => (connection.current ? connection.current.audioCheck() : diagnoseAudio([], null, 0, false)),
    [connection],
  );
  const chooseOutput = useCallback(
    async (deviceId: string) => connection.current?.setOutputDevice(deviceId),
    [connection],
  );
  const selected = snapshot && selectedId ? findMember(snapshot, selectedId) : null;
  const selectedActions = me && selected && snapshot ? offeredActions(me, selected, snapshot) : [];
  const moderates = me?.role === "host" || me?.role === "moderator";
  const queue = snapshot?.raisedHands ?? [];
  const stageFull = snapshot ? isStageFull(snapshot) : false;
  const perform = connection.current
    ? connection.current.perform.bind(connection.current)
    : () => Promise.resolve(undefined);
  // Signed-in members may report anyone else with an account; guests report nobody (and are not reported).
  const reportable = (member: Member) =>
    Boolean(me && !me.isGuest && !member.isGuest && member.userId !== me.userId);
  const selectable = (member: Member) =>
    me && snapshot && (offeredActions(me, member, snapshot).length > 0 || reportable(member))
      ? () => setSelectedId(member.userId)
      : undefined;
  const loadMore = useCallback(() => void connection.current?.loadMoreAudience(), [connection]);

  if (userState.status === "loading") return <p className="mt-16 text-center text-stone-500">Loading…</p>;
  if (userState.status === "signed-out" && state.phase === "unauthorized")
    return (
      <div className="mx-auto max-w-md px-4">
        <AppHeader user={null} />
        <p className="mt-6 mb-4 px-1 text-stone-700">Pick a name to drop into this room.</p>
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
    <div className="mx-auto max-w-3xl px-4 pb-28">
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
        ← Hallway
      </Link>

      {state.needsTapToListen && !ended && (
        <button
          type="button"
          onClick={() => void connection.current?.tapToListen()}
          className="mt-4 flex w-full items-center justify-center gap-3 rounded-3xl bg-accent px-6 py-4 text-lg font-semibold text-white shadow-lg"
        >
          <SpeakerIcon className="h-6 w-6" /> Tap to listen
        </button>
      )}
      {state.phase === "reconnecting" && (
        <Banner tone="info">{state.reconnectReason ?? "Reconnecting… you will keep your place."}</Banner>
      )}
      {newHost && !ended && (
        <Banner tone="info">
          {newHost.userId === state.selfId
            ? "You are now the host of this room."
            : `${newHost.displayName} is now the host.`}
        </Banner>
      )}
      {state.problem && !ended && (
        <Banner tone="warn">
          {state.problem}
          {state.problemNeedsVerification && (
            <>
              {" "}
              <Link href="/settings/verification" className="font-semibold underline">
                Open Settings → Verification
              </Link>
            </>
          )}
        </Banner>
      )}
      {state.micProblem && !ended && me?.role !== "listener" && (
        <MicrophoneProblemCard
          problem={state.micProblem}
          onRetry={async () => connection.current?.retryMicrophone()}
        />
      )}
      {!ended && me?.role === "listener" && me.invitedAt !== null && (
        <InvitationBanner
          onAnswer={(accept) => void perform({ command: "room:respond-to-invitation", input: { accept } })}
        />
      )}

      <main
        className="mt-4 rounded-[2rem] bg-white p-5 shadow-sm ring-1 ring-black/5 sm:p-8"
        aria-busy={state.phase === "connecting"}
      >
        {ended ? (
          <EndedRoomCard removed={state.phase === "removed"} problem={state.problem} />
        ) : (
          <>
            {/* Phones: the room's chips wrap in a row under the title instead of a tall column beside it. */}
            <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
              <div className="min-w-0">
                <h1 className="text-2xl leading-tight font-bold sm:text-3xl">
                  {snapshot?.title ?? "Joining…"}
                </h1>
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
                    onClick={() => setSharing(true)}
                    className="rounded-full bg-ink px-3 py-1 text-sm font-semibold text-white hover:bg-black"
                  >
                    Share
                  </button>
                  <button
                    type="button"
                    onClick={() => setChecking(true)}
                    className="rounded-full px-3 py-1 text-sm font-medium text-accent ring-1 ring-accent/30 hover:bg-accent/5"
                  >
                    Audio check
                  </button>
                  {user?.username && me && !me.isGuest && (
                    <PingPeopleButton
                      username={user.username}
                      memberIds={knownIds(snapshot)}
                      ping={(ids) =>
                        connection.current?.ping(ids) ?? Promise.reject(new Error("Not connected."))
                      }
                    />
                  )}
                  {me && !me.isGuest && (
                    <RoomMenu
                      statsHref={
                        me.role === "host" ? `/rooms/${encodeURIComponent(roomId)}/stats` : undefined
                      }
                      onReport={() =>
                        setReporting({ target: { kind: "room", roomId }, subject: "this room" })
                      }
                    />
                  )}
                </div>
              )}
            </div>
            {snapshot && (
              <MusicModeStrip
                musicMode={snapshot.musicMode}
                isHost={me?.role === "host"}
                onToggle={(enabled) => void perform({ command: "room:set-music-mode", input: { enabled } })}
                onStage={me !== null && me.role !== "listener"}
                ownMusicMode={state.ownMusicMode}
                onToggleOwn={(on) => void connection.current?.setOwnMusicMode(on)}
              />
            )}
            <section aria-label="Stage" className="mt-6">
              <h2 className="mb-3 text-xs font-semibold tracking-wider text-stone-500 uppercase">On stage</h2>
              {snapshot && stage.length === 0 && (
                <p className="text-sm text-stone-500">Nobody is on stage right now.</p>
              )}
              <ul className="flex flex-wrap gap-4">
                {stage.map((member) => (
                  <MemberTile
                    key={member.userId}
                    member={member}
                    speaking={snapshot?.activeSpeakerId === member.userId && !member.muted}
                    isMe={member.userId === state.selfId}
                    size="md"
                    onSelect={selectable(member)}
                  />
                ))}
              </ul>
            </section>
            {moderates && snapshot && (
              <HandQueuePanel
                queue={queue}
                handRaisingEnabled={snapshot.handRaisingEnabled}
                canToggle={me.role === "host"}
                stageFull={stageFull}
                onInvite={(userId) => void perform({ command: "room:invite-to-speak", input: { userId } })}
                onToggle={(enabled) => void perform({ command: "room:set-hand-raising", input: { enabled } })}
              />
            )}
            <section aria-label="Listeners" className="mt-8">
              <h2
                className="mb-3 text-xs font-semibold tracking-wider text-stone-500 uppercase"
                data-testid="audience-count"
                data-count={audienceCount}
              >
                Listening ({audienceCount.toLocaleString("en-US")})
              </h2>
              {audienceCount === 0 && audience.length === 0 ? (
                <p className="text-sm text-stone-500">
                  Nobody in the audience yet.{" "}
                  <button
                    type="button"
                    onClick={() => setSharing(true)}
                    className="font-semibold text-accent hover:underline"
                  >
                    Share the link
                  </button>{" "}
                  to invite people.
                </p>
              ) : (
                <AudienceGrid
                  items={audience}
                  // People the viewer follows are shown first and may be counted in the pages too.
                  total={Math.max(audienceCount, audience.length)}
                  keyOf={(member) => member.userId}
                  renderItem={(member) => (
                    <MemberTile
                      member={member}
                      speaking={false}
                      isMe={member.userId === state.selfId}
                      size="sm"
                      onSelect={selectable(member)}
                    />
                  )}
                  onNearEnd={loadMore}
                />
              )}
            </section>
          </>
        )}
      </main>

      {sharing && (
        <ShareRoomSheet
          roomId={roomId}
          shareKey={details?.shareKey ?? null}
          canInvite={user !== null && !(me?.isGuest ?? true)}
          onClose={() => setSharing(false)}
        />
      )}
      {checking && (
        <AudioCheckPanel
          check={audioCheck}
          nameOf={(userId) => (snapshot ? (findMember(snapshot, userId)?.displayName ?? null) : null)}
          onChooseOutput={chooseOutput}
          onClose={() => setChecking(false)}
        />
      )}
      {selected && (selectedActions.length > 0 || reportable(selected)) && (
        <MemberActionsSheet
          member={selected}
          actions={selectedActions}
          onReport={
            reportable(selected)
              ? () => {
                  setSelectedId(null);
                  setReporting({
                    target: { kind: "person", userId: selected.userId, roomId },
                    subject: selected.displayName,
                  });
                }
              : undefined
          }
          onClose={() => setSelectedId(null)}
          onPick={(action) => {
            setSelectedId(null);
            void perform(action);
          }}
        />
      )}
      {reporting && (
        <ReportDialog
          target={reporting.target}
          subject={reporting.subject}
          onClose={() => setReporting(null)}
        />
      )}
      {!ended && me && <RoomReactions connection={connection} />}
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
            void perform(
              me.handRaisedAt !== null
                ? { command: "room:lower-hand", input: {} }
                : { command: "room:raise-hand", input: {} },
            )
          }
          muted={me.muted}
          isHost={me.role === "host"}
          onToggleMute={() => void connection.current?.setMuted(!me.muted)}
          onLeave={() => {
            void connection.current?.leave();
            router.push("/");
          }}
          onEnd={() => void connection.current?.endRoom()}
          memberCount={snapshot ? snapshot.counts.stage + snapshot.counts.audience : 1}
        />
      )}
    </div>
  );
}
