import type { Member } from "../../src/shared/protocol";
import { RoomChange, refuse, unchanged } from "./room-change";
import { byArrival, isOnStage, stageCount, type Actor, type ApplyResult, type RoomState } from "./room-state";

/** Enter the room, or re-enter it after a reconnect. */
export function join(state: RoomState, actor: Actor, now: number): ApplyResult {
  const self = state.members.get(actor.userId);
  // A rejoin (reconnect, second tab) keeps the member's role and mute state. The media layer
  // forgot the old connection, so a stage member's publish right is granted again.
  if (self) {
    return unchanged(
      state,
      isOnStage(self) ? [{ type: "allow-publish", userId: self.userId, paused: self.muted }] : [],
    );
  }
  if (state.blockedUserIds.includes(actor.userId))
    return refuse("forbidden", "You were removed from this room and cannot rejoin it.");
  // A full room still lets its host in (it is their room); everyone else waits for a free place.
  const present = state.members.size;
  if (present >= state.memberLimit && actor.userId !== state.hostId) {
    return refuse(
      "room_full",
      `This room is full (${present.toLocaleString("en-US")} of ${state.memberLimit.toLocaleString("en-US")} people). Try again when someone leaves.`,
    );
  }
  const member: Member = {
    userId: actor.userId,
    displayName: actor.displayName,
    avatarUrl: actor.avatarUrl ?? null,
    ...(actor.realNameVerified ? { realNameVerified: true } : {}),
    role: roleOnArrival(state, actor),
    muted: true,
    joinedAt: now,
    handRaisedAt: null,
    invitedAt: null,
    isGuest: actor.isGuest,
  };
  const change = new RoomChange(state).addMember(member);
  // Publishing starts paused while muted, so not one packet leaves before the person unmutes.
  if (isOnStage(member))
    change.effect({ type: "allow-publish", userId: member.userId, paused: member.muted });
  return change.commit();
}

/** The host takes their seat; a co-host takes a moderator's seat while the stage has one free; everyone else listens. */
function roleOnArrival(state: RoomState, actor: Actor): Member["role"] {
  if (actor.userId === state.hostId) return "host";
  if (!actor.isGuest && state.coHostIds.includes(actor.userId) && stageCount(state) < state.stageLimit)
    return "moderator";
  return "listener";
}

/**
 * Leave the room. When the host leaves, the room must not be left without one: the
 * longest-serving moderator takes over, else the longest-serving speaker; with nobody on stage
 * there is nobody to run the room, so it ends.
 */
export function leave(state: RoomState, self: Member): ApplyResult {
  const change = new RoomChange(state)
    .dropMember({ type: "member-left", userId: self.userId })
    .effect(
      { type: "revoke-publish", userId: self.userId },
      { type: "close-member-media", userId: self.userId },
    );
  if (self.userId === state.hostId) return handOverOrEnd(change);
  // The last person out turns off the lights (unless the host has yet to open the room at all).
  if (change.current.members.size === 0 && state.hostArrived) {
    return change.end("empty").effect({ type: "close-room-media" }).commit();
  }
  return change.commit();
}

/**
 * The shell's timers end a room nobody runs any more: the stage stayed empty for the grace period
 * (everyone on it dropped, or the host never came). Ending twice is refused like any command on
 * an ended room.
 */
export function expire(state: RoomState, reason: "stage-empty" | "host-suspended"): ApplyResult {
  if (state.status === "ended") return refuse("invalid_state", "This room has ended.");
  return new RoomChange(state).end(reason).effect({ type: "close-room-media" }).commit();
}

/** Platform staff end the room from outside it (they are no member): with their reason for everyone. */
export function endByStaff(state: RoomState, note: string): ApplyResult {
  if (state.status === "ended") return refuse("invalid_state", "This room has already ended.");
  return new RoomChange(state).end("staff-ended", note).effect({ type: "close-room-media" }).commit();
}

/** Picks the next host after the host is gone: the room either continues under them or ends. */
function handOverOrEnd(change: RoomChange): ApplyResult {
  const successor = longestServing(change.current, "moderator") ?? longestServing(change.current, "speaker");
  if (!successor) return change.end("host-left").effect({ type: "close-room-media" }).commit();
  // host-changed before the successor's update, so a client replaying deltas never sees a host
  // member whose id differs from the room's hostId. Their publish right is unchanged.
  return change
    .setHost(successor.userId)
    .updateMember({ ...successor, role: "host" })
    .commit();
}

/** The earliest joiner still in `role`: "longest-serving" is counted from joining the room. */
function longestServing(state: RoomState, role: "moderator" | "speaker"): Member | undefined {
  return [...state.stage.values()].filter((member) => member.role === role).sort(byArrival)[0];
}

export function end(state: RoomState, self: Member): ApplyResult {
  if (self.role !== "host") return refuse("forbidden", "Only the host can end the room.");
  return new RoomChange(state).end("host-ended").effect({ type: "close-room-media" }).commit();
}
