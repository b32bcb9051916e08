import { describe, expect, it } from "vitest";
import { applyRoomCommand, createRoomState, expire } from "../../server/domain/room-machine";
import type { Actor } from "../../server/domain/room-state";
import { restoreRoomState } from "../../server/domain/room-restore";
import { accepted, expectReplayable, fresh, host, lee, liz, run, sam } from "./room-fixtures";

const cora: Actor = { userId: "cora", displayName: "Cora Co-host", isGuest: false };

describe("room lifecycle: how rooms end by themselves", () => {
  it("[LIFE-1] listeners leaving do not end a room while its host still holds a seat (e.g. reconnecting)", () => {
    const state = run(fresh(), [
      [host, { type: "join" }],
      [lee, { type: "join" }],
      [liz, { type: "join" }],
      [liz, { type: "leave" }],
    ]);
    const result = accepted(applyRoomCommand(state, lee, { type: "leave" }, 3000));
    expect(result.state.status).toBe("live");
    expect([...result.state.members.keys()]).toEqual(["host"]);
  });

  it("[LIFE-2] when listeners are the last ones out after the host left the building, the room ends as empty", () => {
    // Restored after a restart: the host was a member, so the room counts as opened.
    const restored = restoreRoomState({
      roomId: "r1",
      title: "t",
      hostId: "host",
      version: 100,
      members: [{ userId: "lee", displayName: "Lee", role: "listener", joinedAt: 1 }],
    });
    const result = accepted(applyRoomCommand(restored, lee, { type: "leave" }, 2000));
    expect(result.events).toEqual([
      { type: "audience-left", userId: "lee" },
      { type: "room-ended", reason: "empty" },
    ]);
    expect(result.effects).toContainEqual({ type: "close-room-media" });
    expectReplayable(restored, result);
  });

  it("[LIFE-3] a room nobody has opened yet does not end when an early listener leaves", () => {
    const state = run(fresh(), [[lee, { type: "join" }]]);
    const result = accepted(applyRoomCommand(state, lee, { type: "leave" }, 2000));
    expect(result.state.status).toBe("live");
    expect(result.events).toEqual([{ type: "audience-left", userId: "lee" }]);
  });

  it("[LIFE-4] the shell's empty-stage timer ends a live room with reason stage-empty, once", () => {
    const state = run(fresh(), [
      [host, { type: "join" }],
      [lee, { type: "join" }],
    ]);
    const result = accepted(expire(state, "stage-empty"));
    expect(result.events).toEqual([{ type: "room-ended", reason: "stage-empty" }]);
    expect(result.effects).toEqual([{ type: "close-room-media" }]);
    expectReplayable(state, result);
    expect(expire(result.state, "stage-empty").ok).toBe(false);
  });

  it("[LIFE-5] a co-host named when scheduling joins on stage as a moderator, muted, with the right to publish", () => {
    const state = createRoomState({ roomId: "r1", title: "t", hostId: "host", coHostIds: ["cora", "host"] });
    expect(state.coHostIds).toEqual(["cora"]);
    const result = accepted(applyRoomCommand(state, cora, { type: "join" }, 1000));
    expect(result.state.members.get("cora")).toMatchObject({ role: "moderator", muted: true });
    expect(result.effects).toEqual([{ type: "allow-publish", userId: "cora", paused: true }]);
  });

  it("[LIFE-6] a co-host arriving at a full stage listens instead (the limit holds)", () => {
    const state = run(
      createRoomState({ roomId: "r1", title: "t", hostId: "host", coHostIds: ["cora"], stageLimit: 2 }),
      [
        [host, { type: "join" }],
        [sam, { type: "join" }],
        [host, { type: "invite-to-speak", userId: "sam" }],
        [sam, { type: "respond-to-invitation", accept: true }],
      ],
    );
    const result = accepted(applyRoomCommand(state, cora, { type: "join" }, 5000));
    expect(result.state.members.get("cora")?.role).toBe("listener");
  });
});
