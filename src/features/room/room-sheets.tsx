"use client";
import { useCallback } from "react";
import type { Member } from "@/shared/protocol";
import { ReportDialog, type ReportTarget } from "@/features/reports/report-dialog";
import { AudioCheckPanel } from "./audio-check-panel";
import { diagnoseAudio } from "./audio-diagnostics";
import { MemberActionsSheet } from "./member-actions-sheet";
import { offeredActions } from "./member-actions";
import type { RoomConnection } from "./room-connection";
import { findMember, type RoomView } from "./room-snapshot-reducer";
import { ShareRoomSheet } from "./share-room-sheet";

/** Which sheet or dialog is open over the room (one at a time). */
export type RoomSheet =
  | { kind: "share" }
  | { kind: "audio-check" }
  | { kind: "member"; userId: string }
  | { kind: "report"; target: ReportTarget; subject: string }
  | null;

/** Signed-in members may report anyone else with an account; guests report nobody (and are not reported). */
export function isReportable(me: Member | null, member: Member): boolean {
  return Boolean(me && !me.isGuest && !member.isGuest && member.userId !== me.userId);
}

/** The sheets and dialogs of the room: share, audio check, a member's actions, report. */
export function RoomSheets({
  sheet,
  setSheet,
  roomId,
  shareKey,
  canInvite,
  snapshot,
  connection,
}: {
  sheet: RoomSheet;
  setSheet: (sheet: RoomSheet) => void;
  roomId: string;
  shareKey: string | null;
  canInvite: boolean;
  snapshot: RoomView | null;
  connection: RoomConnection | null;
}) {
  const me = snapshot?.self ?? null;
  const close = useCallback(() => setSheet(null), [setSheet]);
  const audioCheck = useCallback(
    async () => (connection ? connection.audioCheck() : diagnoseAudio([], null, 0, false)),
    [connection],
  );
  const chooseOutput = useCallback(
    async (deviceId: string) => connection?.setOutputDevice(deviceId),
    [connection],
  );
  if (sheet === null) return null;
  if (sheet.kind === "share")
    return <ShareRoomSheet roomId={roomId} shareKey={shareKey} canInvite={canInvite} onClose={close} />;
  if (sheet.kind === "audio-check")
    return (
      <AudioCheckPanel
        check={audioCheck}
        nameOf={(userId) => (snapshot ? (findMember(snapshot, userId)?.displayName ?? null) : null)}
        onChooseOutput={chooseOutput}
        onClose={close}
      />
    );
  if (sheet.kind === "report")
    return <ReportDialog target={sheet.target} subject={sheet.subject} onClose={close} />;
  const member = snapshot ? findMember(snapshot, sheet.userId) : null;
  const actions = me && member && snapshot ? offeredActions(me, member, snapshot) : [];
  if (!member || (actions.length === 0 && !isReportable(me, member))) return null;
  return (
    <MemberActionsSheet
      member={member}
      actions={actions}
      onReport={
        isReportable(me, member)
          ? () =>
              setSheet({
                kind: "report",
                target: { kind: "person", userId: member.userId, roomId },
                subject: member.displayName,
              })
          : undefined
      }
      onClose={close}
      onPick={(action) => {
        close();
        void connection?.commands.perform(action);
      }}
    />
  );
}
