import { describe, expect, it } from "vitest";
import { applyRoomCommand, createRoomState, mayPublish } from "../../server/domain/room-machine";
import type { Actor, ApplyResult, RoomCommand, RoomState } from "../../server/domain/room-state";
import { plainState } from "./room-fixtures";

const host: Actor = { userId: "host", displayName: "Hana Host", isGuest: false };
const ana: Actor = { userId: "ana", displayName: "Ana", isGuest: false };
const ben: Actor = { userId: "ben", displayName: "Ben", isGuest: false };

function fresh(): RoomState {
  return createRoomState({ roomId: "r1", title: "Morning show", hostId: host.userId });
}

/** Applies commands in order, failing the test if any is refused. */
function run(state: RoomState, steps: [Actor, RoomCommand][]): RoomState {
  let current = state;
  steps.forEach(([actor, command], index) => {
    const result = applyRoomCommand(current, actor, command, 1000 + index);
    if (!result.ok) throw new Error(`step ${index} refused: ${result.error.message}`);
    current = result.state;
  });
  return current;
}

function refused(result: ApplyResult): { code: string } {
  if (result.ok) throw new Error("expected a refusal");
  return result.error;
}

describe("room machine: joining", () => {
  it("[ROOM-1] the creator joins as host, muted, and is allowed to publish", () => {
    const result = applyRoomCommand(fresh(), host, { type: "join" }, 5);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state.members.get("host")).toMatchObject({ role: "host", muted: true, joinedAt: 5 });
    expect(result.effects).toEqual([{ type: "allow-publish", userId: "host", paused: true }]);
    expect(result.events).toEqual([{ type: "member-joined", member: result.state.members.get("host") }]);
    expect(result.state.version).toBe(1);
    expect(mayPublish(result.state, "host")).toBe(true);
  });

  it("[ROOM-2] anyone else joins as a listener with no publish right", () => {
    const state = run(fresh(), [[host, { type: "join" }]]);
    const result = applyRoomCommand(state, ana, { type: "join" }, 9);
    expect(result.ok && result.state.members.get("ana")?.role).toBe("listener");
    expect(result.ok && result.effects).toEqual([]);
    expect(result.ok && mayPublish(result.state, "ana")).toBe(false);
  });

  it("[ROOM-3] joining again (reconnect) keeps role and state and emits no event", () => {
    const state = run(fresh(), [
      [host, { type: "join" }],
      [host, { type: "set-muted", muted: false }],
    ]);
    const result = applyRoomCommand(state, host, { type: "join" }, 50);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.events).toEqual([]);
    expect(result.state).toBe(state);
    expect(result.state.members.get("host")?.muted).toBe(false);
    // The media layer forgot the old connection: publishing is re-allowed for the new one.
    expect(result.effects).toEqual([{ type: "allow-publish", userId: "host", paused: false }]);
  });
});

describe("room machine: microphone", () => {
  it("[ROOM-4] a host unmutes and mutes; each change pauses or resumes their audio", () => {
    const joined = run(fresh(), [[host, { type: "join" }]]);
    const unmuted = applyRoomCommand(joined, host, { type: "set-muted", muted: false }, 2);
    expect(unmuted.ok && unmuted.effects).toEqual([{ type: "pause-publish", userId: "host", paused: false }]);
    expect(unmuted.ok && unmuted.state.members.get("host")?.muted).toBe(false);
    if (!unmuted.ok) return;
    const muted = applyRoomCommand(unmuted.state, host, { type: "set-muted", muted: true }, 3);
    expect(muted.ok && muted.effects).toEqual([{ type: "pause-publish", userId: "host", paused: true }]);
    expect(muted.ok && muted.state.version).toBe(3);
  });

  it("[ROOM-5] setting the mute state it already has changes nothing", () => {
    const joined = run(fresh(), [[host, { type: "join" }]]);
    const result = applyRoomCommand(joined, host, { type: "set-muted", muted: true }, 2);
    expect(result.ok && result.state).toBe(joined);
    expect(result.ok && result.events).toEqual([]);
  });

  it("[ROOM-6] a listener cannot unmute: forbidden", () => {
    const state = run(fresh(), [
      [host, { type: "join" }],
      [ana, { type: "join" }],
    ]);
    expect(refused(applyRoomCommand(state, ana, { type: "set-muted", muted: false }, 3)).code).toBe(
      "forbidden",
    );
  });

  it("[ROOM-7] someone not in the room cannot mute or leave: invalid_state", () => {
    const state = run(fresh(), [[host, { type: "join" }]]);
    expect(refused(applyRoomCommand(state, ben, { type: "set-muted", muted: true }, 3)).code).toBe(
      "invalid_state",
    );
    expect(refused(applyRoomCommand(state, ben, { type: "leave" }, 3)).code).toBe("invalid_state");
  });
});

describe("room machine: leaving and ending", () => {
  it("[ROOM-8] leaving removes the member and closes their media", () => {
    const state = run(fresh(), [
      [host, { type: "join" }],
      [ana, { type: "join" }],
    ]);
    const result = applyRoomCommand(state, ana, { type: "leave" }, 4);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state.members.get("ana")).toBeUndefined();
    expect(result.events).toEqual([{ type: "audience-left", userId: "ana" }]);
    expect(result.effects).toEqual([
      { type: "revoke-publish", userId: "ana" },
      { type: "close-member-media", userId: "ana" },
    ]);
  });

  it("[ROOM-9] only the host can end the room", () => {
    const state = run(fresh(), [
      [host, { type: "join" }],
      [ana, { type: "join" }],
    ]);
    expect(refused(applyRoomCommand(state, ana, { type: "end" }, 4)).code).toBe("forbidden");
    const ended = applyRoomCommand(state, host, { type: "end" }, 4);
    expect(ended.ok && ended.state.status).toBe("ended");
    expect(ended.ok && ended.effects).toEqual([{ type: "close-room-media" }]);
  });

  it("[ROOM-10] an ended room refuses every command and nobody may publish", () => {
    const ended = run(fresh(), [
      [host, { type: "join" }],
      [host, { type: "end" }],
    ]);
    for (const command of [
      { type: "join" },
      { type: "leave" },
      { type: "set-muted", muted: false },
      { type: "end" },
    ] as const) {
      expect(refused(applyRoomCommand(ended, host, command, 9)).code).toBe("invalid_state");
    }
    expect(mayPublish(ended, "host")).toBe(false);
  });

  it("[ROOM-11] refusals never change the state", () => {
    const state = run(fresh(), [
      [host, { type: "join" }],
      [ana, { type: "join" }],
    ]);
    const snapshot = plainState(state);
    applyRoomCommand(state, ana, { type: "end" }, 5);
    applyRoomCommand(state, ana, { type: "set-muted", muted: false }, 5);
    expect(plainState(state)).toEqual(snapshot);
  });

  it("[ROOM-12] versions grow by exactly one per versioned event; listeners arriving and leaving are unversioned churn", () => {
    const state = run(fresh(), [
      [host, { type: "join" }],
      [ana, { type: "join" }],
      [ben, { type: "join" }],
      [ana, { type: "leave" }],
      [host, { type: "set-muted", muted: false }],
    ]);
    // host joins (1), ana and ben join and ana leaves (audience churn: 0), host unmutes (1).
    expect(state.version).toBe(2);
  });
});
