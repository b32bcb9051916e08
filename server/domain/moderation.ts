import type { BlockScope, Member, RemovalReason } from "../../src/shared/protocol";
import { RoomChange, refuse, targetMissing, unchanged } from "./room-change";
import { canModerate, type ApplyResult, type RoomState } from "./room-state";

/**
 * What hosts and moderators may do to others. The ranking is strict: nobody acts on the host, only
 * the host acts on a moderator (move, demote, remove), and moderators act on speakers and listeners.
 * Permission is checked before the target is looked up, so people without the right learn nothing.
 */

/**
 * Sends someone on stage back to the audience; their producer is closed at once (revoke-publish),
 * not merely paused. A speaker or moderator may also step down themself.
 */
export function moveToAudience(state: RoomState, self: Member, userId: string): ApplyResult {
  const stepDown = userId === self.userId;
  if (!stepDown && !canModerate(self))
    return refuse("forbidden", "Only the host and moderators can move people to the audience.");
  const target = state.members.get(userId);
  if (!target) return targetMissing();
  if (target.role === "host") {
    return refuse(
      "forbidden",
      stepDown
        ? "The host cannot step down; hand the room to a moderator first."
        : "Nobody can move the host to the audience.",
    );
  }
  if (!stepDown && target.role === "moderator" && self.role !== "host") {
    return refuse("forbidden", "Only the host can move a moderator to the audience.");
  }
  if (target.role === "listener")
    return refuse(
      "invalid_state",
      `${stepDown ? "You are" : `${target.displayName} is`} already in the audience.`,
    );
  return new RoomChange(state)
    .updateMember({ ...target, role: "listener", muted: true })
    .effect({ type: "revoke-publish", userId: target.userId })
    .commit();
}

/** Promotes a speaker to moderator (host or moderator), or demotes a moderator to speaker (host only). */
export function setModerator(
  state: RoomState,
  self: Member,
  userId: string,
  moderator: boolean,
): ApplyResult {
  if (!canModerate(self)) return refuse("forbidden", "Only the host and moderators can make moderators.");
  if (!moderator && self.role !== "host") return refuse("forbidden", "Only the host can remove a moderator.");
  const target = state.members.get(userId);
  if (!target) return targetMissing();
  if (target.role === "host") return refuse("forbidden", "Nobody can demote the host.");
  if (moderator && target.role !== "speaker") {
    return refuse(
      "invalid_state",
      target.role === "moderator"
        ? `${target.displayName} is already a moderator.`
        : `Only speakers can become moderators; invite ${target.displayName} to speak first.`,
    );
  }
  if (!moderator && target.role !== "moderator")
    return refuse("invalid_state", `${target.displayName} is not a moderator.`);
  // Both roles are on stage, so publish rights do not change: no effect.
  return new RoomChange(state)
    .updateMember({ ...target, role: moderator ? "moderator" : "speaker" })
    .commit();
}

/** The host hands the room to a moderator and stays on as a moderator. */
export function transferHost(state: RoomState, self: Member, userId: string): ApplyResult {
  if (self.role !== "host") return refuse("forbidden", "Only the host can hand the room over.");
  const target = state.members.get(userId);
  if (!target) return targetMissing();
  if (target.role !== "moderator") {
    return refuse(
      "invalid_state",
      target.userId === self.userId
        ? "You are already the host."
        : `Make ${target.displayName} a moderator before handing the room over.`,
    );
  }
  // Old host first, then hostId, then the new host: at every step of a client's replay there is at
  // most one host member and it is the room's hostId.
  return new RoomChange(state)
    .updateMember({ ...self, role: "moderator" })
    .setHost(target.userId)
    .updateMember({ ...target, role: "host" })
    .commit();
}

/**
 * Takes someone out of the room, optionally for good. The shell closes their media, tells their
 * socket why, detaches it, and (for "host-rooms") persists the block for the host's later rooms.
 */
export function removeMember(state: RoomState, self: Member, userId: string, block: BlockScope): ApplyResult {
  if (!canModerate(self)) return refuse("forbidden", "Only the host and moderators can remove people.");
  // A block from every room of the host is written on the host's own profile (and ends follows
  // both ways): a choice only the host may make for themself.
  if (block === "host-rooms" && self.role !== "host")
    return refuse("forbidden", "Only the host can block someone from all of their rooms.");
  const target = state.members.get(userId);
  if (!target) return targetMissing();
  if (target.role === "host") return refuse("forbidden", "Nobody can remove the host.");
  if (target.userId === self.userId)
    return refuse("invalid_state", "You cannot remove yourself; leave the room instead.");
  if (target.role === "moderator" && self.role !== "host")
    return refuse("forbidden", "Only the host can remove a moderator.");
  const reason: RemovalReason = self.role === "host" ? "removed-by-host" : "removed-by-moderator";
  const change = new RoomChange(state)
    .dropMember({ type: "member-removed", userId, reason })
    .effect(
      { type: "revoke-publish", userId },
      { type: "close-member-media", userId },
      { type: "disconnect-member", userId, reason, blocked: block },
    );
  if (block !== "none") change.block(userId);
  // Only accounts are remembered: a guest's id dies with their connection (the next one is a new
  // guest), and the stores keep ids of real people only.
  if (block === "room" && !target.isGuest) change.effect({ type: "ban-from-room", userId });
  if (block === "host-rooms" && !target.isGuest)
    change.effect({ type: "block-user-for-host", hostId: state.hostId, userId });
  return change.commit();
}

/**
 * The host blocked someone on their profile while this room is live: from now on they are kept
 * out, and if they are here they are taken out as by the host's "remove and block from my rooms".
 * The block is already stored (it was made on the profile), so no block effect. The host can
 * never be locked out of their own room.
 */
export function blockForHost(state: RoomState, userId: string): ApplyResult {
  if (state.status === "ended") return refuse("invalid_state", "This room has ended.");
  if (userId === state.hostId || state.blockedUserIds.includes(userId)) return unchanged(state);
  const change = new RoomChange(state).block(userId);
  if (!state.members.has(userId)) return change.commit();
  const reason: RemovalReason = "removed-by-host";
  return change
    .dropMember({ type: "member-removed", userId, reason })
    .effect(
      { type: "revoke-publish", userId },
      { type: "close-member-media", userId },
      { type: "disconnect-member", userId, reason, blocked: "host-rooms" },
    )
    .commit();
}
