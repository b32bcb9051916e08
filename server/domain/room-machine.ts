import type { Member } from "../../src/shared/protocol";
import {
  isOnStage,
  type Actor,
  type ApplyResult,
  type RoomCommand,
  type RoomEffect,
  type RoomEvent,
  type RoomState,
} from "./room-state";

/** A fresh live room with nobody in it yet; the host is whoever created it. */
export function createRoomState(input: { roomId: string; title: string; hostId: string }): RoomState {
  return { ...input, status: "live", version: 0, members: {} };
}

function refuse(code: "forbidden" | "invalid_state" | "not_found", message: string): ApplyResult {
  return { ok: false, error: { code, message } };
}

function withMember(state: RoomState, member: Member): RoomState["members"] {
  return { ...state.members, [member.userId]: member };
}

function withoutMember(state: RoomState, userId: string): RoomState["members"] {
  const { [userId]: _removed, ...rest } = state.members;
  return rest;
}

/**
 * The room's single decision point: applies one command from one actor at time `now` and returns
 * the next state with the events to broadcast and the effects to carry out, or a refusal that
 * changes nothing. Pure: no I/O, no clock, no randomness.
 */
export function applyRoomCommand(state: RoomState, actor: Actor, command: RoomCommand, now: number): ApplyResult {
  if (state.status === "ended") return refuse("invalid_state", "This room has ended.");
  const self = state.members[actor.userId];

  switch (command.type) {
    case "join": {
      // A rejoin (reconnect, second tab) keeps the member's role and mute state.
      if (self) {
        const effects: RoomEffect[] = isOnStage(self) ? [{ type: "allow-publish", userId: self.userId, paused: self.muted }] : [];
        return { ok: true, state, events: [], effects };
      }
      const member: Member = {
        userId: actor.userId,
        displayName: actor.displayName,
        role: actor.userId === state.hostId ? "host" : "listener",
        muted: true,
        joinedAt: now,
        handRaisedAt: null,
      };
      // Publishing starts paused while muted, so not one packet leaves before the person unmutes.
      const effects: RoomEffect[] = isOnStage(member) ? [{ type: "allow-publish", userId: member.userId, paused: member.muted }] : [];
      return commit(state, { ...state, members: withMember(state, member) }, [{ type: "member-joined", member }], effects);
    }

    case "leave": {
      if (!self) return refuse("invalid_state", "You are not in this room.");
      return commit(
        state,
        { ...state, members: withoutMember(state, actor.userId) },
        [{ type: "member-left", userId: actor.userId }],
        [{ type: "revoke-publish", userId: actor.userId }, { type: "close-member-media", userId: actor.userId }],
      );
    }

    case "set-muted": {
      if (!self) return refuse("invalid_state", "You are not in this room.");
      if (!isOnStage(self)) return refuse("forbidden", "Only people on stage have a microphone to unmute.");
      if (self.muted === command.muted) return { ok: true, state, events: [], effects: [] };
      const member: Member = { ...self, muted: command.muted };
      return commit(
        state,
        { ...state, members: withMember(state, member) },
        [{ type: "member-updated", member }],
        [{ type: "pause-publish", userId: self.userId, paused: command.muted }],
      );
    }

    case "end": {
      if (actor.userId !== state.hostId) return refuse("forbidden", "Only the host can end the room.");
      return commit(state, { ...state, status: "ended" }, [{ type: "room-ended", reason: "host-ended" }], [
        { type: "close-room-media" },
      ]);
    }
  }
}

/** Stamps the version: one step per event, so clients can order and de-duplicate deltas. */
function commit(before: RoomState, after: RoomState, events: RoomEvent[], effects: RoomEffect[]): ApplyResult {
  return { ok: true, state: { ...after, version: before.version + events.length }, events, effects };
}

/** Whether the room currently lets this user publish audio (the media layer's gate is set from this). */
export function mayPublish(state: RoomState, userId: string): boolean {
  const member = state.members[userId];
  return state.status === "live" && member !== undefined && isOnStage(member);
}
