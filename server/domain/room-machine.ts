import type { Member } from "../../src/shared/protocol";
import { end, join, leave } from "./membership";
import { moveToAudience, removeMember, setModerator, transferHost } from "./moderation";
import { setRecording } from "./recording-rules";
import { refuse } from "./room-change";
import {
  byArrival,
  isOnStage,
  type Actor,
  type ApplyResult,
  type RoomCommand,
  type RoomState,
} from "./room-state";
import {
  inviteToSpeak,
  lowerHand,
  muteMember,
  raiseHand,
  respondToInvitation,
  setHandRaising,
  setMusicMode,
  setMuted,
} from "./stage-rules";

export { createRoomState } from "./room-state";
export { endByStaff, expire } from "./membership";
export { blockForHost } from "./moderation";

/**
 * The room's single decision point: applies one command from one actor at time `now` and returns
 * the next state with the events to broadcast and the effects to carry out, or a refusal that
 * changes nothing. Pure: no I/O, no clock, no randomness.
 *
 * Checks common to every command live here, in this order: the room is live; the actor is in it
 * (except to join); the actor is not a guest (except to join or leave). Each rule file then checks
 * the actor's role, then the target, then the room's current state.
 */
export function applyRoomCommand(
  state: RoomState,
  actor: Actor,
  command: RoomCommand,
  now: number,
): ApplyResult {
  if (state.status === "ended") return refuse("invalid_state", "This room has ended.");
  if (command.type === "join") return join(state, actor, now);

  const self = state.members.get(actor.userId);
  if (!self) return refuse("invalid_state", "You are not in this room.");
  if (command.type === "leave") return leave(state, self);
  // Guests may only listen and leave; checked on both the session and the stored member, so a
  // guest flag on either side is enough to hold them back.
  if (actor.isGuest || self.isGuest)
    return refuse("forbidden", "Guests can listen and leave; sign in to take part.");

  switch (command.type) {
    case "set-muted":
      return setMuted(state, self, command.muted);
    case "end":
      return end(state, self);
    case "raise-hand":
      return raiseHand(state, self, now);
    case "lower-hand":
      return lowerHand(state, self);
    case "set-hand-raising":
      return setHandRaising(state, self, command.enabled);
    case "set-music-mode":
      return setMusicMode(state, self, command.enabled);
    case "set-recording":
      return setRecording(state, self, command.enabled);
    case "invite-to-speak":
      return inviteToSpeak(state, self, command.userId, now);
    case "respond-to-invitation":
      return respondToInvitation(state, self, command.accept);
    case "mute-member":
      return muteMember(state, self, command.userId);
    case "move-to-audience":
      return moveToAudience(state, self, command.userId);
    case "set-moderator":
      return setModerator(state, self, command.userId, command.moderator);
    case "transfer-host":
      return transferHost(state, self, command.userId);
    case "remove-member":
      return removeMember(state, self, command.userId, command.block);
  }
}

/** Whether the room currently lets this user publish audio (the media layer's gate is set from this). */
export function mayPublish(state: RoomState, userId: string): boolean {
  const member = state.members.get(userId);
  return state.status === "live" && member !== undefined && isOnStage(member);
}

/**
 * The whole room as the server knows it (every member): what replaying every event rebuilds, and
 * what tests and diagnostics inspect. Never sent as is: a member's join answer is the bounded
 * view of `room-view.ts`.
 */
export type RoomSnapshotFields = {
  roomId: string;
  title: string;
  status: RoomState["status"];
  hostId: string;
  version: number;
  members: Member[];
  handQueue: string[];
  handRaisingEnabled: boolean;
  stageLimit: number;
};

/**
 * The whole room. Members are listed by arrival (ties by id) so every view has the same order;
 * blocked users are server-side only and not part of it.
 */
export function roomSnapshotFields(state: RoomState): RoomSnapshotFields {
  const members = [...state.members.values()].sort(byArrival);
  return {
    roomId: state.roomId,
    title: state.title,
    status: state.status,
    hostId: state.hostId,
    version: state.version,
    members,
    handQueue: [...state.handQueue],
    handRaisingEnabled: state.handRaisingEnabled,
    stageLimit: state.stageLimit,
  };
}
