import type { RoomCounts } from "../../src/shared/protocol";
import type { RoomEvent, RoomState } from "../domain/room-state";
import type { AudienceWriter } from "./audience-writer";
import type { RoomBroadcaster, RoomStore } from "./room-ports";

/**
 * Writes what must survive a restart, before the new state is committed (so a failed write leaves
 * the room as it was): roles, hosts, departures from the stage, the room's end. Audience churn is
 * not written here: `queueAudienceRows` hands it to the write-behind writer after the commit. A
 * write about a person first writes their queued audience row, so the two never reorder. Guests
 * have no account, so nothing of theirs is stored.
 */
export async function persistRoomEvents(
  store: RoomStore,
  writer: AudienceWriter,
  roomId: string,
  events: RoomEvent[],
  before: RoomState,
  at: Date,
): Promise<void> {
  const isGuest = (userId: string) => before.members.get(userId)?.isGuest === true;
  for (const event of events) {
    switch (event.type) {
      case "member-joined":
      case "member-updated":
        if (event.member.isGuest) break;
        await writer.flushUser(event.member.userId);
        await store.saveMemberRole(roomId, event.member.userId, event.member.role, at);
        break;
      case "member-left":
      case "member-removed":
        if (isGuest(event.userId)) break;
        await writer.flushUser(event.userId);
        await store.markMemberLeft(roomId, event.userId, at);
        break;
      case "audience-joined":
      case "audience-left":
        break; // write-behind: see queueAudienceRows
      case "host-changed":
        await store.saveRoomHost(roomId, event.hostId);
        break;
      case "settings-updated":
        break; // lives as long as the room; nothing to keep
      case "room-ended":
        await writer.flush();
        await store.markRoomEnded(roomId, at, event.reason);
        break;
    }
  }
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
    case "room-ended":
      return broadcaster.toRoom(roomId, "room:ended", { version, reason: event.reason });
  }
}
