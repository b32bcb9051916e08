import type { Actor, RoomCommand } from "../domain/room-state";
import type { RoomModerationEntry } from "./room-ports";

/**
 * The audit-log entry for a moderation command that went through (mute, move, remove, block,
 * end), or null for every other command. A pure mapping, kept apart from the service so the list
 * of what gets audited reads in one place.
 */
export function moderationEntryFor(
  actor: Actor,
  roomId: string,
  command: RoomCommand,
): RoomModerationEntry | null {
  const base = { actorId: actor.userId, roomId };
  switch (command.type) {
    case "mute-member":
      return { ...base, action: "room.mute", targetUserId: command.userId };
    case "move-to-audience":
      return { ...base, action: "room.move_to_audience", targetUserId: command.userId };
    case "remove-member":
      return command.block === "none"
        ? { ...base, action: "room.remove", targetUserId: command.userId }
        : { ...base, action: "room.block", targetUserId: command.userId, details: { scope: command.block } };
    case "end":
      return { ...base, action: "room.end", targetUserId: null };
    default:
      return null;
  }
}
