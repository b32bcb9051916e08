import type { RoomEvent, RoomState } from "../domain/room-state";
import type { RoomBroadcaster, RoomStore } from "./room-ports";

/**
 * Writes what must survive a restart, before the new state is committed (so a failed write leaves
 * the room as it was). Guests have no account, so nothing of theirs is stored.
 */
export async function persistRoomEvents(store: RoomStore, roomId: string, events: RoomEvent[], before: RoomState, at: Date): Promise<void> {
  const isGuest = (userId: string) => before.members[userId]?.isGuest === true;
  for (const event of events) {
    switch (event.type) {
      case "member-joined":
      case "member-updated":
        if (!event.member.isGuest) await store.saveMemberRole(roomId, event.member.userId, event.member.role, at);
        break;
      case "member-left":
      case "member-removed":
        if (!isGuest(event.userId)) await store.markMemberLeft(roomId, event.userId, at);
        break;
      case "host-changed":
        await store.saveRoomHost(roomId, event.hostId);
        break;
      case "settings-updated":
        break; // lives as long as the room; nothing to keep
      case "room-ended":
        await store.markRoomEnded(roomId, at, event.reason);
        break;
    }
  }
}

/** Sends one machine event to the room as its protocol event, stamped with its version. */
export function broadcastRoomEvent(broadcaster: RoomBroadcaster, roomId: string, event: RoomEvent, version: number): void {
  switch (event.type) {
    case "member-joined":
      return broadcaster.toRoom(roomId, "room:member-joined", { version, member: event.member });
    case "member-updated":
      return broadcaster.toRoom(roomId, "room:member-updated", { version, member: event.member });
    case "member-left":
      return broadcaster.toRoom(roomId, "room:member-left", { version, userId: event.userId });
    case "member-removed":
      return broadcaster.toRoom(roomId, "room:member-removed", { version, userId: event.userId, reason: event.reason });
    case "host-changed":
      return broadcaster.toRoom(roomId, "room:host-changed", { version, hostId: event.hostId });
    case "settings-updated":
      return broadcaster.toRoom(roomId, "room:settings-updated", { version, handRaisingEnabled: event.handRaisingEnabled });
    case "room-ended":
      return broadcaster.toRoom(roomId, "room:ended", { version, reason: event.reason });
  }
}
