import type { RoomLifecycle, RoomType } from "../../src/shared/protocol";

/**
 * Who may see a scheduled room (in the Upcoming section, its interest button, its calendar file)
 * and who may start it. Pure: the shell gathers the facts, these functions decide.
 *
 * A scheduled room has no stage yet, so a social room's "followed by someone on the stage" (see
 * room-access.ts) becomes "followed by the host or a co-host": the people who will be on the
 * stage when it starts. Same direction as the live rule, so whoever sees it announced can enter.
 */
export type ScheduledRoomFacts = {
  type: RoomType;
  status: RoomLifecycle;
  hostId: string;
  coHostIds: readonly string[];
  /** Closed rooms: people the host picked (RoomAccess). */
  allowedUserIds: readonly string[];
};

/** A signed-in viewer, or null for a guest (no account). */
export type ScheduleViewer = {
  userId: string;
  /** People who follow the viewer. */
  followerIds: ReadonlySet<string>;
  /** Hosts who blocked the viewer: their rooms are hidden from them, as they are kept out of them. */
  blockedByHostIds: ReadonlySet<string>;
} | null;

export type ScheduleVisibility =
  | { visible: true; via: "host" | "co-host" | "open" | "followed-by-host" | "invited" }
  | { visible: false; reason: "blocked" | "sign-in-required" | "not-followed" | "not-invited" };

export function decideScheduledRoomVisibility(
  room: ScheduledRoomFacts,
  viewer: ScheduleViewer,
): ScheduleVisibility {
  if (viewer !== null && viewer.userId === room.hostId) return { visible: true, via: "host" };
  if (viewer !== null && room.coHostIds.includes(viewer.userId)) return { visible: true, via: "co-host" };
  if (viewer !== null && viewer.blockedByHostIds.has(room.hostId))
    return { visible: false, reason: "blocked" };
  if (room.type === "open") return { visible: true, via: "open" };
  if (viewer === null) return { visible: false, reason: "sign-in-required" };
  if (room.allowedUserIds.includes(viewer.userId)) return { visible: true, via: "invited" };
  if (room.type === "social") {
    const speakers = [room.hostId, ...room.coHostIds];
    return speakers.some((id) => viewer.followerIds.has(id))
      ? { visible: true, via: "followed-by-host" }
      : { visible: false, reason: "not-followed" };
  }
  return { visible: false, reason: "not-invited" };
}

export type ScheduleStartDecision =
  { ok: true } | { ok: false; code: "forbidden" | "invalid_state"; message: string };

/**
 * Starting (and the same rule for who sees the "Start room" button): the host or a co-host, and
 * only while the room is still scheduled. Early starts are allowed: people gather before the hour.
 */
export function decideScheduleStart(room: ScheduledRoomFacts, actorId: string): ScheduleStartDecision {
  if (actorId !== room.hostId && !room.coHostIds.includes(actorId)) {
    return { ok: false, code: "forbidden", message: "Only the host or a co-host can start this room." };
  }
  if (room.status === "live")
    return { ok: false, code: "invalid_state", message: "This room has already started." };
  if (room.status === "ended")
    return { ok: false, code: "invalid_state", message: "This room was cancelled or has ended." };
  return { ok: true };
}

/** Cancelling is the host's alone (co-hosts were invited to help run it, not to call it off). */
export function decideScheduleCancel(room: ScheduledRoomFacts, actorId: string): ScheduleStartDecision {
  if (actorId !== room.hostId)
    return { ok: false, code: "forbidden", message: "Only the host can cancel this room." };
  if (room.status !== "scheduled")
    return {
      ok: false,
      code: "invalid_state",
      message: "Only a room that has not started yet can be cancelled.",
    };
  return { ok: true };
}
