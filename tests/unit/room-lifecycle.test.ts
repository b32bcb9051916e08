import { describe, expect, it } from "vitest";
import { roomSnapshotSchema } from "../../src/shared/protocol";
import {
  applyRoomCommand,
  createRoomState,
  mayPublish,
  roomSnapshotFields,
} from "../../server/domain/room-machine";
import type { Actor, RoomCommand } from "../../server/domain/room-state";
import { AudienceIndex } from "../../server/domain/audience-index";
import { roomViewFor } from "../../server/domain/room-view";
import {
  accepted,
  expectRefusal,
  expectReplayable,
  fresh,
  host,
  lee,
  liz,
  mia,
  run,
  sam,
  stagedRoom,
} from "./room-fixtures";

/** One of every command, for rules that hold whatever is asked. */
const everyCommand: RoomCommand[] = [
  { type: "join" },
  { type: "leave" },
  { type: "set-muted", muted: false },
  { type: "end" },
  { type: "raise-hand" },
  { type: "lower-hand" },
  { type: "set-hand-raising", enabled: false },
  { type: "invite-to-speak", userId: "lee" },
  { type: "respond-to-invitation", accept: true },
  { type: "mute-member", userId: "sam" },
  { type: "move-to-audience", userId: "sam" },
  { type: "set-moderator", userId: "sam", moderator: true },
  { type: "transfer-host", userId: "mia" },
  { type: "remove-member", userId: "lee", block: "room" },
];

describe("room lifecycle: blocks loaded at creation", () => {
  it("[STAGE-30] users the shell pre-loads as blocked are refused on join with forbidden", () => {
    const state = fresh({ blockedUserIds: ["lee", "lee"] });
    expect(state.blockedUserIds).toEqual(["lee"]);
    expectRefusal(state, lee, { type: "join" }, "forbidden");
    accepted(applyRoomCommand(state, liz, { type: "join" }, 1));
  });

  it("[STAGE-30] the host can never be blocked from their own room", () => {
    const state = fresh({ blockedUserIds: ["host"] });
    expect(state.blockedUserIds).toEqual([]);
    accepted(applyRoomCommand(state, host, { type: "join" }, 1));
  });

  it("[STAGE-30] a stage limit below one is a programming error", () => {
    expect(() => createRoomState({ roomId: "r", title: "t", hostId: "h", stageLimit: 0 })).toThrow(
      RangeError,
    );
    expect(() => createRoomState({ roomId: "r", title: "t", hostId: "h", stageLimit: 1.5 })).toThrow(
      RangeError,
    );
  });
});

describe("room lifecycle: the host leaving", () => {
  it("[STAGE-31] the longest-serving moderator becomes host, and everyone is told", () => {
    // lee joined after mia but becomes a moderator too; mia has served longer.
    const state = run(
      stagedRoom(),
      [
        [mia, { type: "invite-to-speak", userId: "lee" }],
        [lee, { type: "respond-to-invitation", accept: true }],
        [mia, { type: "set-moderator", userId: "lee", moderator: true }],
      ],
      2000,
    );
    const result = accepted(applyRoomCommand(state, host, { type: "leave" }, 3000));
    expect(result.events).toEqual([
      { type: "member-left", userId: "host" },
      { type: "host-changed", hostId: "mia" },
      { type: "member-updated", member: { ...state.members.get("mia"), role: "host" } },
    ]);
    expect(result.effects).toEqual([
      { type: "revoke-publish", userId: "host" },
      { type: "close-member-media", userId: "host" },
    ]);
    expect(result.state.hostId).toBe("mia");
    expect(result.state.status).toBe("live");
    expectReplayable(state, result);
  });

  it("[STAGE-32] with no moderator, the longest-serving speaker becomes host", () => {
    const state = run(
      stagedRoom(),
      [
        [host, { type: "move-to-audience", userId: "mia" }],
        [host, { type: "invite-to-speak", userId: "liz" }],
        [liz, { type: "respond-to-invitation", accept: true }],
      ],
      2000,
    );
    const result = accepted(applyRoomCommand(state, host, { type: "leave" }, 3000));
    expect(result.state.hostId).toBe("sam");
    expect(result.state.members.get("sam")?.role).toBe("host");
    expect(result.state.members.get("liz")?.role).toBe("speaker");
  });

  it("[STAGE-33] with nobody on stage the room ends with reason host-left", () => {
    const state = run(fresh(), [
      [host, { type: "join" }],
      [lee, { type: "join" }],
    ]);
    const result = accepted(applyRoomCommand(state, host, { type: "leave" }, 3000));
    expect(result.events).toEqual([
      { type: "member-left", userId: "host" },
      { type: "room-ended", reason: "host-left" },
    ]);
    expect(result.effects).toEqual([
      { type: "revoke-publish", userId: "host" },
      { type: "close-member-media", userId: "host" },
      { type: "close-room-media" },
    ]);
    expect(result.state.status).toBe("ended");
    expectReplayable(state, result);
  });

  it("[STAGE-39] a former host who comes back after a handover is an ordinary listener", () => {
    const state = run(stagedRoom(), [[host, { type: "leave" }]], 2000);
    const back = accepted(applyRoomCommand(state, host, { type: "join" }, 3000));
    expect(back.state.members.get("host")?.role).toBe("listener");
    expect(back.effects).toEqual([]);
    expect(mayPublish(back.state, "host")).toBe(false);
  });
});

describe("room lifecycle: leaving and ending", () => {
  it("[STAGE-34] leaving takes a raised hand out of the queue and drops a pending invitation", () => {
    const state = run(
      stagedRoom(),
      [
        [lee, { type: "raise-hand" }],
        [liz, { type: "raise-hand" }],
        [mia, { type: "invite-to-speak", userId: "lee" }],
      ],
      2000,
    );
    const result = accepted(applyRoomCommand(state, lee, { type: "leave" }, 3000));
    expect(result.state.handQueue).toEqual(["liz"]);
    expect(result.events).toEqual([{ type: "audience-left", userId: "lee" }]);
    // Rejoining starts clean: no hand, no invitation.
    const back = accepted(applyRoomCommand(result.state, lee, { type: "join" }, 3001));
    expect(back.state.members.get("lee")).toMatchObject({
      handRaisedAt: null,
      invitedAt: null,
      role: "listener",
    });
    expectRefusal(back.state, lee, { type: "respond-to-invitation", accept: true }, "invalid_state");
  });

  it.each([
    ["a moderator", mia],
    ["a speaker", sam],
    ["a listener", lee],
  ] as const)("[STAGE-35] %s cannot end the room: forbidden", (_label, actor) => {
    expectRefusal(stagedRoom(), actor, { type: "end" }, "forbidden");
  });

  it("[STAGE-35] the host ends the room: room-ended host-ended, all media closed", () => {
    const result = accepted(applyRoomCommand(stagedRoom(), host, { type: "end" }, 3000));
    expect(result.events).toEqual([{ type: "room-ended", reason: "host-ended" }]);
    expect(result.effects).toEqual([{ type: "close-room-media" }]);
  });

  const ended = () => run(stagedRoom(), [[host, { type: "end" }]], 2000);
  it.each(everyCommand)("[STAGE-36] an ended room refuses $type with invalid_state", (command) => {
    for (const actor of [host, mia, lee] satisfies Actor[])
      expectRefusal(ended(), actor, command, "invalid_state");
  });

  const outsider: Actor = { userId: "olga", displayName: "Olga Outsider", isGuest: false };
  it.each(everyCommand.filter((command) => command.type !== "join"))(
    "[STAGE-37] someone not in the room is refused $type with invalid_state",
    (command) => {
      expectRefusal(stagedRoom(), outsider, command, "invalid_state");
    },
  );
});

describe("room lifecycle: snapshots", () => {
  it("[STAGE-38] the snapshot fields validate against the protocol schema and list members by arrival", () => {
    const state = run(stagedRoom(), [[liz, { type: "raise-hand" }]], 2000);
    const fields = roomSnapshotFields(state);
    expect(fields.members.map((m) => m.userId)).toEqual(["host", "mia", "sam", "lee", "liz", "gus"]);
    expect(fields).toMatchObject({
      handQueue: ["liz"],
      handRaisingEnabled: true,
      stageLimit: 20,
      hostId: "host",
      version: state.version,
    });
    // What a member gets on joining is the bounded view of the same state, and it is protocol-valid.
    const view = roomViewFor(state, AudienceIndex.of(state), { userId: "liz", followingIds: ["lee"] }, 50);
    expect(roomSnapshotSchema.safeParse({ ...view, producers: [], activeSpeakerId: null }).success).toBe(
      true,
    );
    expect(view.stage.map((m) => m.userId)).toEqual(["host", "mia", "sam"]);
    expect(view.audience.members.map((m) => m.userId)).toEqual(["lee", "liz", "gus"]);
    expect(view.followedAudience.map((m) => m.userId)).toEqual(["lee"]);
    expect(view.raisedHands.map((m) => m.userId)).toEqual(["liz"]);
    expect(view.counts).toEqual({ stage: 3, audience: 3, hands: 1 });
    expect(fields).not.toHaveProperty("blockedUserIds");
  });

  it("[STAGE-38] a client replaying every delta from the empty room rebuilds the snapshot exactly", () => {
    let state = fresh({ stageLimit: 5 });
    const steps: [Actor, RoomCommand][] = [
      [host, { type: "join" }],
      [mia, { type: "join" }],
      [lee, { type: "join" }],
      [lee, { type: "raise-hand" }],
      [host, { type: "invite-to-speak", userId: "mia" }],
      [mia, { type: "respond-to-invitation", accept: true }],
      [host, { type: "set-moderator", userId: "mia", moderator: true }],
      [host, { type: "set-hand-raising", enabled: false }],
      [host, { type: "transfer-host", userId: "mia" }],
      [mia, { type: "remove-member", userId: "lee", block: "room" }],
      [mia, { type: "leave" }],
    ];
    steps.forEach(([actor, command], index) => {
      const result = accepted(applyRoomCommand(state, actor, command, 100 + index));
      expectReplayable(state, result);
      state = result.state;
    });
    expect(state.hostId).toBe("host");
    // 16 events, two of them listeners arriving (audience churn, unversioned).
    expect(state.version).toBe(14);
  });
});
