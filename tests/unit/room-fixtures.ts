import { expect } from "vitest";
import {
  applyRoomCommand,
  createRoomState,
  roomSnapshotFields,
  type RoomSnapshotFields,
} from "../../server/domain/room-machine";
import {
  isAudienceChurn,
  type Actor,
  type ApplyResult,
  type RoomCommand,
  type RoomEffect,
  type RoomEvent,
  type RoomState,
} from "../../server/domain/room-state";

export const host: Actor = { userId: "host", displayName: "Hana Host", isGuest: false };
export const mia: Actor = { userId: "mia", displayName: "Mia Moderator", isGuest: false };
export const sam: Actor = { userId: "sam", displayName: "Sam Speaker", isGuest: false };
export const lee: Actor = { userId: "lee", displayName: "Lee Listener", isGuest: false };
export const liz: Actor = { userId: "liz", displayName: "Liz Listener", isGuest: false };
export const gus: Actor = { userId: "gus", displayName: "Gus Guest", isGuest: true };

export function fresh(
  options: { stageLimit?: number; memberLimit?: number; blockedUserIds?: string[] } = {},
): RoomState {
  return createRoomState({ roomId: "r1", title: "Morning show", hostId: host.userId, ...options });
}

export type Step = [Actor, RoomCommand];

/** Applies commands in order (the i-th at time 1000 + i), failing the test if any is refused. */
export function run(state: RoomState, steps: Step[], startAt = 1000): RoomState {
  let current = state;
  steps.forEach(([actor, command], index) => {
    const result = applyRoomCommand(current, actor, command, startAt + index);
    if (!result.ok)
      throw new Error(`step ${index} (${actor.userId} ${command.type}) refused: ${result.error.message}`);
    current = result.state;
  });
  return current;
}

export type Success = Extract<ApplyResult, { ok: true }>;

export function accepted(result: ApplyResult): Success {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result;
}

/**
 * A deep copy of the state as plain data (the member maps as objects), to compare against later:
 * a change to any member, map or list in between shows up as a difference.
 */
export function plainState(state: RoomState): unknown {
  return structuredClone({ ...state, members: state.members.toObject(), stage: state.stage.toObject() });
}

/** Applies a command that must be refused with `code`, and checks the refusal left the state untouched. */
export function expectRefusal(state: RoomState, actor: Actor, command: RoomCommand, code: string): string {
  const before = plainState(state);
  const result = applyRoomCommand(state, actor, command, 9999);
  if (result.ok) throw new Error(`expected ${code}, but ${actor.userId} ${command.type} succeeded`);
  expect(result.error.code).toBe(code);
  expect(plainState(state)).toEqual(before);
  return result.error.message;
}

/** Everyone joins at 1000..1005 in this order: host, mia, sam, lee, liz, gus. */
export const everyoneJoins: Step[] = [host, mia, sam, lee, liz, gus].map((actor) => [
  actor,
  { type: "join" },
]);

/**
 * The usual cast: host on stage, mia a moderator, sam a speaker, lee and liz listeners, gus a guest.
 * Every step is a real command, so the fixture itself exercises the paths it sets up.
 */
export function stagedRoom(options: { stageLimit?: number } = {}): RoomState {
  return run(fresh(options), [
    ...everyoneJoins,
    [host, { type: "invite-to-speak", userId: "mia" }],
    [mia, { type: "respond-to-invitation", accept: true }],
    [host, { type: "set-moderator", userId: "mia", moderator: true }],
    [mia, { type: "invite-to-speak", userId: "sam" }],
    [sam, { type: "respond-to-invitation", accept: true }],
  ]);
}

/**
 * A client's view, rebuilt from deltas alone (audience churn included, as its batches deliver it;
 * only versioned events bump the version), exactly as a browser must do it: upsert members,
 * keep the hand queue in step with `handRaisedAt`, and take hostId, settings and status from
 * their own events. Tests compare it to `roomSnapshotFields` of the server state.
 */
export function replay(snapshot: RoomSnapshotFields, events: readonly RoomEvent[]): RoomSnapshotFields {
  let view = snapshot;
  for (const event of events) {
    if (!isAudienceChurn(event)) view = { ...view, version: view.version + 1 };
    switch (event.type) {
      case "audience-joined":
      case "member-joined":
      case "member-updated": {
        const { member } = event;
        const others = view.members.filter((m) => m.userId !== member.userId);
        const members =
          others.length === view.members.length
            ? [...view.members, member]
            : view.members.map((m) => (m.userId === member.userId ? member : m));
        const queued = view.handQueue.includes(member.userId);
        const handQueue =
          member.handRaisedAt !== null && !queued
            ? [...view.handQueue, member.userId]
            : member.handRaisedAt === null && queued
              ? view.handQueue.filter((id) => id !== member.userId)
              : view.handQueue;
        view = { ...view, members, handQueue };
        break;
      }
      case "audience-left":
      case "member-left":
      case "member-removed":
        view = {
          ...view,
          members: view.members.filter((m) => m.userId !== event.userId),
          handQueue: view.handQueue.filter((id) => id !== event.userId),
        };
        break;
      case "host-changed":
        view = { ...view, hostId: event.hostId };
        break;
      case "settings-updated":
        view = { ...view, handRaisingEnabled: event.handRaisingEnabled };
        break;
      case "room-ended":
        view = { ...view, status: "ended" };
        break;
    }
  }
  return view;
}

/** Members in a stable order, so a replayed view and a server snapshot can be compared with toEqual. */
export function normalised(view: RoomSnapshotFields): RoomSnapshotFields {
  return {
    ...view,
    members: [...view.members].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0)),
  };
}

/** Checks that the events of `result` take a client from `before` to exactly the new state. */
export function expectReplayable(before: RoomState, result: Success): void {
  expect(normalised(replay(roomSnapshotFields(before), result.events))).toEqual(
    normalised(roomSnapshotFields(result.state)),
  );
}

export type { RoomEffect, RoomEvent };
