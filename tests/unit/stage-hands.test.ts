import { describe, expect, it } from "vitest";
import { applyRoomCommand, mayPublish } from "../../server/domain/room-machine";
import { stageCount, type Actor, type RoomCommand } from "../../server/domain/room-state";
import {
  accepted,
  expectRefusal,
  expectReplayable,
  fresh,
  gus,
  host,
  lee,
  liz,
  mia,
  run,
  sam,
  stagedRoom,
} from "./room-fixtures";

describe("stage: guests", () => {
  it("[STAGE-1] a guest joins as a listener flagged as a guest, with no publish right, and may leave", () => {
    const state = run(fresh(), [[host, { type: "join" }]]);
    const joined = accepted(applyRoomCommand(state, gus, { type: "join" }, 7));
    expect(joined.state.members.get("gus")).toEqual({
      userId: "gus",
      displayName: "Gus Guest",
      avatarUrl: null,
      role: "listener",
      muted: true,
      joinedAt: 7,
      handRaisedAt: null,
      invitedAt: null,
      isGuest: true,
    });
    expect(joined.effects).toEqual([]);
    expect(mayPublish(joined.state, "gus")).toBe(false);
    const left = accepted(applyRoomCommand(joined.state, gus, { type: "leave" }, 8));
    expect(left.events).toEqual([{ type: "audience-left", userId: "gus" }]);
  });

  const guestCommands: RoomCommand[] = [
    { type: "raise-hand" },
    { type: "lower-hand" },
    { type: "set-muted", muted: false },
    { type: "respond-to-invitation", accept: true },
    { type: "invite-to-speak", userId: "lee" },
    { type: "mute-member", userId: "sam" },
    { type: "move-to-audience", userId: "gus" },
    { type: "set-moderator", userId: "sam", moderator: true },
    { type: "transfer-host", userId: "mia" },
    { type: "remove-member", userId: "lee", block: "none" },
    { type: "set-hand-raising", enabled: false },
    { type: "end" },
  ];
  it.each(guestCommands)("[STAGE-2] a guest can only listen and leave: $type is forbidden", (command) => {
    expectRefusal(stagedRoom(), gus, command, "forbidden");
  });

  it("[STAGE-2] a guest can never be invited to speak, not even by the host", () => {
    expectRefusal(stagedRoom(), host, { type: "invite-to-speak", userId: "gus" }, "forbidden");
  });
});

describe("stage: raised hands", () => {
  it("[STAGE-3] a listener raises a hand: stamped with the time and queued in raise order", () => {
    const state = stagedRoom();
    const first = accepted(applyRoomCommand(state, liz, { type: "raise-hand" }, 2000));
    expect(first.events).toEqual([
      { type: "member-updated", member: { ...state.members.get("liz"), handRaisedAt: 2000 } },
    ]);
    expect(first.effects).toEqual([]);
    const second = accepted(applyRoomCommand(first.state, lee, { type: "raise-hand" }, 2001));
    expect(second.state.handQueue).toEqual(["liz", "lee"]);
    expect(second.state.members.get("lee")?.handRaisedAt).toBe(2001);
    expect(second.state.version).toBe(state.version + 2);
    expectReplayable(first.state, second);
  });

  it("[STAGE-4] a listener lowers their hand and leaves the queue; the others keep their order", () => {
    const state = run(stagedRoom(), [
      [lee, { type: "raise-hand" }],
      [liz, { type: "raise-hand" }],
    ]);
    const lowered = accepted(applyRoomCommand(state, lee, { type: "lower-hand" }, 3000));
    expect(lowered.state.handQueue).toEqual(["liz"]);
    expect(lowered.events).toEqual([
      { type: "member-updated", member: { ...state.members.get("lee"), handRaisedAt: null } },
    ]);
    expect(lowered.effects).toEqual([]);
  });

  const handRefusals: {
    name: string;
    setup: [Actor, RoomCommand][];
    actor: Actor;
    command: RoomCommand;
    code: string;
  }[] = [
    {
      name: "raising a hand twice is invalid_state",
      setup: [[lee, { type: "raise-hand" }]],
      actor: lee,
      command: { type: "raise-hand" },
      code: "invalid_state",
    },
    {
      name: "lowering a hand that is not raised is invalid_state",
      setup: [],
      actor: lee,
      command: { type: "lower-hand" },
      code: "invalid_state",
    },
    {
      name: "a speaker cannot raise a hand (already on stage): forbidden",
      setup: [],
      actor: sam,
      command: { type: "raise-hand" },
      code: "forbidden",
    },
    {
      name: "the host cannot raise a hand: forbidden",
      setup: [],
      actor: host,
      command: { type: "raise-hand" },
      code: "forbidden",
    },
    {
      name: "raising a hand while hand raising is off is invalid_state",
      setup: [[host, { type: "set-hand-raising", enabled: false }]],
      actor: lee,
      command: { type: "raise-hand" },
      code: "invalid_state",
    },
  ];
  for (const { name, setup, actor, command, code } of handRefusals) {
    it(`[STAGE-5] ${name}`, () => {
      expectRefusal(run(stagedRoom(), setup, 2000), actor, command, code);
    });
  }

  it("[STAGE-6] the host turns hand raising off: every hand comes down (queue order), then the setting changes", () => {
    const state = run(
      stagedRoom(),
      [
        [liz, { type: "raise-hand" }],
        [lee, { type: "raise-hand" }],
      ],
      2000,
    );
    const off = accepted(applyRoomCommand(state, host, { type: "set-hand-raising", enabled: false }, 3000));
    expect(off.events).toEqual([
      { type: "member-updated", member: { ...state.members.get("liz"), handRaisedAt: null } },
      { type: "member-updated", member: { ...state.members.get("lee"), handRaisedAt: null } },
      { type: "settings-updated", handRaisingEnabled: false },
    ]);
    expect(off.effects).toEqual([]);
    expect(off.state.handQueue).toEqual([]);
    expect(off.state.handRaisingEnabled).toBe(false);
    expect(off.state.version).toBe(state.version + 3);
    expectReplayable(state, off);
    const on = accepted(applyRoomCommand(off.state, host, { type: "set-hand-raising", enabled: true }, 3001));
    expect(on.events).toEqual([{ type: "settings-updated", handRaisingEnabled: true }]);
    expect(accepted(applyRoomCommand(on.state, lee, { type: "raise-hand" }, 3002)).state.handQueue).toEqual([
      "lee",
    ]);
  });

  it("[STAGE-6] setting hand raising to what it already is changes nothing", () => {
    const state = stagedRoom();
    const result = accepted(applyRoomCommand(state, host, { type: "set-hand-raising", enabled: true }, 3000));
    expect(result.state).toBe(state);
    expect(result.events).toEqual([]);
  });

  it.each([
    ["a moderator", mia],
    ["a speaker", sam],
    ["a listener", lee],
  ] as const)("[STAGE-6] %s cannot switch hand raising: forbidden", (_label, actor) => {
    expectRefusal(stagedRoom(), actor, { type: "set-hand-raising", enabled: false }, "forbidden");
  });
});

describe("stage: invitations to speak", () => {
  it.each([
    ["the host", host],
    ["a moderator", mia],
  ] as const)(
    "[STAGE-7] %s invites a listener: a pending invitation, but no publish right yet",
    (_label, actor) => {
      const state = stagedRoom();
      const result = accepted(
        applyRoomCommand(state, actor, { type: "invite-to-speak", userId: "lee" }, 4000),
      );
      expect(result.events).toEqual([
        { type: "member-updated", member: { ...state.members.get("lee"), invitedAt: 4000 } },
      ]);
      expect(result.effects).toEqual([]);
      expect(result.state.members.get("lee")?.role).toBe("listener");
      expect(mayPublish(result.state, "lee")).toBe(false);
    },
  );

  const inviteRefusals: {
    name: string;
    actor: Actor;
    userId: string;
    code: string;
    setup?: [Actor, RoomCommand][];
  }[] = [
    { name: "a listener cannot invite anyone: forbidden", actor: lee, userId: "liz", code: "forbidden" },
    { name: "a listener cannot promote themself: forbidden", actor: lee, userId: "lee", code: "forbidden" },
    { name: "a speaker cannot invite: forbidden", actor: sam, userId: "lee", code: "forbidden" },
    {
      name: "inviting someone already on stage is invalid_state",
      actor: mia,
      userId: "sam",
      code: "invalid_state",
    },
    {
      name: "inviting someone not in the room is not_found",
      actor: mia,
      userId: "nobody",
      code: "not_found",
    },
    {
      name: "inviting someone with a pending invitation is invalid_state",
      actor: mia,
      userId: "lee",
      code: "invalid_state",
      setup: [[host, { type: "invite-to-speak", userId: "lee" }]],
    },
  ];
  for (const { name, actor, userId, code, setup } of inviteRefusals) {
    it(`[STAGE-8] ${name}`, () => {
      expectRefusal(run(stagedRoom(), setup ?? [], 4000), actor, { type: "invite-to-speak", userId }, code);
    });
  }

  it("[STAGE-9] accepting puts the listener on stage muted, lowers and dequeues the hand, and allows publishing paused", () => {
    const state = run(
      stagedRoom(),
      [
        [lee, { type: "raise-hand" }],
        [liz, { type: "raise-hand" }],
        [mia, { type: "invite-to-speak", userId: "lee" }],
      ],
      4000,
    );
    const result = accepted(
      applyRoomCommand(state, lee, { type: "respond-to-invitation", accept: true }, 5000),
    );
    expect(result.events).toEqual([
      {
        type: "member-updated",
        member: {
          ...state.members.get("lee"),
          role: "speaker",
          muted: true,
          handRaisedAt: null,
          invitedAt: null,
        },
      },
    ]);
    expect(result.effects).toEqual([{ type: "allow-publish", userId: "lee", paused: true }]);
    expect(result.state.handQueue).toEqual(["liz"]);
    expect(mayPublish(result.state, "lee")).toBe(true);
    expectReplayable(state, result);
  });

  it("[STAGE-10] declining clears the invitation only: still a listener, hand still up, nothing published", () => {
    const state = run(
      stagedRoom(),
      [
        [lee, { type: "raise-hand" }],
        [mia, { type: "invite-to-speak", userId: "lee" }],
      ],
      4000,
    );
    const result = accepted(
      applyRoomCommand(state, lee, { type: "respond-to-invitation", accept: false }, 5000),
    );
    expect(result.events).toEqual([
      { type: "member-updated", member: { ...state.members.get("lee"), invitedAt: null } },
    ]);
    expect(result.effects).toEqual([]);
    expect(result.state.handQueue).toEqual(["lee"]);
    // Declined people can be asked again later.
    accepted(applyRoomCommand(result.state, mia, { type: "invite-to-speak", userId: "lee" }, 5001));
  });

  it("[STAGE-11] answering without an invitation is invalid_state: a raised hand alone never puts anyone on stage", () => {
    const state = run(stagedRoom(), [[lee, { type: "raise-hand" }]], 4000);
    expectRefusal(state, lee, { type: "respond-to-invitation", accept: true }, "invalid_state");
    expectRefusal(state, sam, { type: "respond-to-invitation", accept: true }, "invalid_state");
  });
});

describe("stage: stage limit", () => {
  it("[STAGE-12] the default stage holds 20 people", () => {
    expect(fresh().stageLimit).toBe(20);
  });

  it("[STAGE-12] inviting while the stage is full is invalid_state with the numbers in the message", () => {
    // host + mia + sam fill a stage of 3.
    const state = stagedRoom({ stageLimit: 3 });
    expect(expectRefusal(state, host, { type: "invite-to-speak", userId: "lee" }, "invalid_state")).toBe(
      "The stage is full (3 of 3).",
    );
  });

  it("[STAGE-12] accepting after the stage filled up meanwhile is invalid_state, and the invitation stays", () => {
    const state = run(
      stagedRoom({ stageLimit: 4 }),
      [
        [host, { type: "invite-to-speak", userId: "lee" }],
        [host, { type: "invite-to-speak", userId: "liz" }],
        [lee, { type: "respond-to-invitation", accept: true }],
      ],
      4000,
    );
    expect(expectRefusal(state, liz, { type: "respond-to-invitation", accept: true }, "invalid_state")).toBe(
      "The stage is full (4 of 4).",
    );
    expect(state.members.get("liz")?.invitedAt).toBe(4001);
  });

  it("[STAGE-12] an absent host still holds a seat, so the stage can never fill up without room for them", () => {
    const empty = fresh({ stageLimit: 2 });
    expect(stageCount(empty)).toBe(1);
    expect(stageCount(run(empty, [[host, { type: "join" }]]))).toBe(1);
  });
});
