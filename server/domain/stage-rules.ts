import type { Member } from "../../src/shared/protocol";
import { RoomChange, refuse, targetMissing, unchanged } from "./room-change";
import { canModerate, isOnStage, stageCount, type ApplyResult, type RoomState } from "./room-state";

/**
 * How people get on stage and use their microphone. After LiveKit's rule, it takes two sides: a
 * host or moderator invites (often in answer to a raised hand) and the listener accepts. So nobody
 * is put on air without consenting, and nobody can put themself on air.
 */

/** A speaker (or host, moderator) mutes or unmutes their own microphone. */
export function setMuted(state: RoomState, self: Member, muted: boolean): ApplyResult {
  if (!isOnStage(self)) return refuse("forbidden", "Only people on stage have a microphone to unmute.");
  if (self.muted === muted) return unchanged(state);
  return new RoomChange(state)
    .updateMember({ ...self, muted })
    .effect({ type: "pause-publish", userId: self.userId, paused: muted })
    .commit();
}

/** A listener asks to speak: the hand joins the back of the queue, stamped so hosts see the wait. */
export function raiseHand(state: RoomState, self: Member, now: number): ApplyResult {
  if (self.role !== "listener")
    return refuse("forbidden", "You are already on stage; only listeners raise a hand.");
  if (!state.handRaisingEnabled) return refuse("invalid_state", "The host has turned hand raising off.");
  if (self.handRaisedAt !== null) return refuse("invalid_state", "Your hand is already raised.");
  return new RoomChange(state).updateMember({ ...self, handRaisedAt: now }).commit();
}

/** A listener changes their mind; the rest of the queue keeps its order. */
export function lowerHand(state: RoomState, self: Member): ApplyResult {
  if (self.handRaisedAt === null) return refuse("invalid_state", "Your hand is not raised.");
  return new RoomChange(state).updateMember({ ...self, handRaisedAt: null }).commit();
}

/** Host only: the room's music mode; switching to the mode it is already in changes nothing. */
export function setMusicMode(state: RoomState, self: Member, enabled: boolean): ApplyResult {
  if (self.role !== "host") return refuse("forbidden", "Only the host can turn music mode on or off.");
  if (state.musicMode === enabled) return unchanged(state);
  return new RoomChange(state).setMusicMode(enabled).commit();
}

/** Host only. Turning it off lowers every raised hand, so nobody waits in a queue nobody serves. */
export function setHandRaising(state: RoomState, self: Member, enabled: boolean): ApplyResult {
  if (self.role !== "host") return refuse("forbidden", "Only the host can turn hand raising on or off.");
  if (state.handRaisingEnabled === enabled) return unchanged(state);
  const change = new RoomChange(state);
  // Hands come down before the setting changes, so every intermediate state a client replays is
  // one the server could have been in (never "off" with hands still up).
  if (!enabled) {
    for (const userId of state.handQueue) {
      const member = state.members.get(userId);
      if (member) change.updateMember({ ...member, handRaisedAt: null });
    }
  }
  return change.setHandRaising(enabled).commit();
}

/**
 * A host or moderator asks a listener on stage. This only records the invitation: nothing is
 * published until the listener accepts. Guests can never be asked.
 */
export function inviteToSpeak(state: RoomState, self: Member, userId: string, now: number): ApplyResult {
  if (!canModerate(self))
    return refuse("forbidden", "Only the host and moderators can invite people to speak.");
  const target = state.members.get(userId);
  if (!target) return targetMissing();
  if (target.isGuest) return refuse("forbidden", "Guests can listen but cannot be invited to speak.");
  if (target.role !== "listener")
    return refuse("invalid_state", `${target.displayName} is already on stage.`);
  if (target.invitedAt !== null)
    return refuse("invalid_state", `${target.displayName} already has an invitation to answer.`);
  const full = stageFull(state);
  if (full) return full;
  return new RoomChange(state).updateMember({ ...target, invitedAt: now }).commit();
}

/**
 * The invited listener answers. Accepting puts them on stage muted, with the hand lowered, and
 * lets the media layer accept their microphone (paused, so nothing airs before they unmute).
 */
export function respondToInvitation(state: RoomState, self: Member, accept: boolean): ApplyResult {
  if (self.invitedAt === null) return refuse("invalid_state", "You have no invitation to speak.");
  if (!accept) return new RoomChange(state).updateMember({ ...self, invitedAt: null }).commit();
  // The stage may have filled up between the invitation and the answer.
  const full = stageFull(state);
  if (full) return full;
  return new RoomChange(state)
    .updateMember({ ...self, role: "speaker", muted: true, handRaisedAt: null, invitedAt: null })
    .effect({ type: "allow-publish", userId: self.userId, paused: true })
    .commit();
}

/** A host or moderator silences someone on stage; that person may unmute again. */
export function muteMember(state: RoomState, self: Member, userId: string): ApplyResult {
  if (!canModerate(self)) return refuse("forbidden", "Only the host and moderators can mute others.");
  const target = state.members.get(userId);
  if (!target) return targetMissing();
  if (target.role === "host" && self.role !== "host")
    return refuse("forbidden", "A moderator cannot mute the host.");
  if (!isOnStage(target)) return refuse("invalid_state", `${target.displayName} is not on stage.`);
  if (target.muted) return unchanged(state);
  return new RoomChange(state)
    .updateMember({ ...target, muted: true })
    .effect({ type: "pause-publish", userId: target.userId, paused: true })
    .commit();
}

function stageFull(state: RoomState): ApplyResult | null {
  const taken = stageCount(state);
  return taken >= state.stageLimit
    ? refuse("invalid_state", `The stage is full (${taken} of ${state.stageLimit}).`)
    : null;
}
