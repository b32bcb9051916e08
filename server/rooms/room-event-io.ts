import type { RoomCounts } from "../../src/shared/protocol";
import type { RoomEffect, RoomEvent, RoomState } from "../domain/room-state";
import type { AudienceWriter } from "./audience-writer";
import type { RoomBroadcaster, RoomCommandWrites, RoomStore } from "./room-ports";

type Write = (writes: RoomCommandWrites) => Promise<void>;

/**
 * Writes what must survive a restart, before the new state is committed, in one transaction (so a
 * failed write leaves the room as it was, in memory and in storage): roles, hosts, departures
 * from the stage, the room's end, and the bans and blocks the command's effects ask for. Audience
 * churn is not written here: `queueAudienceRows` hands it to the write-behind writer after the
 * commit. The queued audience rows of the people concerned are written first, so a role never
 * reorders behind an older queued arrival; those rows describe changes committed earlier, so
 * writing them is right even if this command then fails. Guests have no account: nothing of
 * theirs is stored.
 */
export async function persistRoomCommand(
  store: Pick<RoomStore, "inTransaction">,
  writer: AudienceWriter,
  roomId: string,
  result: { events: readonly RoomEvent[]; effects: readonly RoomEffect[] },
  before: RoomState,
  at: Date,
): Promise<void> {
  const isGuest = (userId: string) => before.members.get(userId)?.isGuest === true;
  const writes: Write[] = [];
  const people = new Set<string>();
  let roomEnded = false;
  for (const event of result.events) {
    switch (event.type) {
      case "member-joined":
      case "member-updated": {
        const { userId, role, isGuest: guest } = event.member;
        if (guest) break;
        people.add(userId);
        writes.push((tx) => tx.saveMemberRole(roomId, userId, role, at));
        break;
      }
      case "member-left":
      case "member-removed": {
        const { userId } = event;
        if (isGuest(userId)) break;
        people.add(userId);
        writes.push((tx) => tx.markMemberLeft(roomId, userId, at));
        break;
      }
      case "audience-joined":
      case "audience-left":
        break; // write-behind: see queueAudienceRows
      case "host-changed": {
        const { hostId } = event;
        writes.push((tx) => tx.saveRoomHost(roomId, hostId));
        break;
      }
      case "settings-updated": {
        const { handRaisingEnabled } = event;
        writes.push((tx) => tx.saveRoomSettings(roomId, { handRaisingEnabled }));
        break;
      }
      case "music-mode-changed": {
        const { musicMode } = event;
        writes.push((tx) => tx.saveRoomSettings(roomId, { musicMode }));
        break;
      }
      case "recording-changed":
        break; // a recording does not outlive its process (marked failed at restart)
      case "room-ended": {
        const { reason, note } = event;
        roomEnded = true;
        writes.push((tx) => tx.markRoomEnded(roomId, at, reason, note ?? null));
        break;
      }
    }
  }
  for (const effect of result.effects) {
    if (effect.type === "ban-from-room") {
      const { userId } = effect;
      writes.push((tx) => tx.banFromRoom(roomId, userId));
    }
    if (effect.type === "block-user-for-host") {
      const { hostId, userId } = effect;
      writes.push((tx) => tx.blockUserForHost(hostId, userId));
    }
  }
  if (writes.length === 0) return;
  if (roomEnded) await writer.flush();
  else for (const userId of people) await writer.flushUser(userId);
  await store.inTransaction(async (tx) => {
    for (const write of writes) await write(tx);
  });
}

/** After a commit: listeners' arrivals and departures go to the write-behind writer. */
export function queueAudienceRows(
  writer: AudienceWriter,
  events: RoomEvent[],
  before: RoomState,
  at: Date,
): void {
  for (const event of events) {
    if (event.type === "audience-joined" && !event.member.isGuest)
      writer.record({ userId: event.member.userId, change: "joined", at });
    if (event.type === "audience-left" && before.members.get(event.userId)?.isGuest === false)
      writer.record({ userId: event.userId, change: "left", at });
  }
}

/**
 * Sends one versioned machine event to the room as its protocol event, stamped with its version
 * and the room's counts. Audience churn never comes here (it is batched).
 */
export function broadcastRoomEvent(
  broadcaster: RoomBroadcaster,
  roomId: string,
  event: Exclude<RoomEvent, { type: "audience-joined" | "audience-left" }>,
  version: number,
  counts: RoomCounts,
): void {
  switch (event.type) {
    case "member-joined":
      return broadcaster.toRoom(roomId, "room:member-joined", { version, member: event.member, counts });
    case "member-updated":
      return broadcaster.toRoom(roomId, "room:member-updated", { version, member: event.member, counts });
    case "member-left":
      return broadcaster.toRoom(roomId, "room:member-left", { version, userId: event.userId, counts });
    case "member-removed":
      return broadcaster.toRoom(roomId, "room:member-removed", {
        version,
        userId: event.userId,
        reason: event.reason,
        counts,
      });
    case "host-changed":
      return broadcaster.toRoom(roomId, "room:host-changed", { version, hostId: event.hostId });
    case "settings-updated":
      return broadcaster.toRoom(roomId, "room:settings-updated", {
        version,
        handRaisingEnabled: event.handRaisingEnabled,
      });
    case "music-mode-changed":
      return broadcaster.toRoom(roomId, "room:music-mode-changed", { version, musicMode: event.musicMode });
    case "recording-changed":
      return broadcaster.toRoom(roomId, "room:recording-changed", { version, recording: event.recording });
    case "room-ended":
      return broadcaster.toRoom(
        roomId,
        "room:ended",
        event.note === undefined
          ? { version, reason: event.reason }
          : { version, reason: event.reason, note: event.note },
      );
  }
}
