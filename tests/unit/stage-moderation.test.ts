import { describe, expect, it } from "vitest";
import { applyRoomCommand, mayPublish } from "../../server/domain/room-machine";
import type { Actor, RoomCommand, RoomState } from "../../server/domain/room-state";
import {
  accepted,
  expectRefusal,
  expectReplayable,
  gus,
  host,
  lee,
  liz,
  mia,
  run,
  sam,
  stagedRoom,
} from "./room-fixtures";

/** The staged room plus lee as a second moderator, for moderator-versus-moderator rules. */
function twoModerators(): RoomState {
  return run(
    stagedRoom(),
    [
      [mia, { type: "invite-to-speak", userId: "lee" }],
      [lee, { type: "respond-to-invitation", accept: true }],
      [mia, { type: "set-moderator", userId: "lee", moderator: true }],
    ],
    1500,
  );
}

type Refusal = { name: string; actor: Actor; command: RoomCommand; code: string; state?: () => RoomState };

function refusalTable(id: string, rows: Refusal[]): void {
  for (const { name, actor, command, code, state } of rows) {
    it(`[${id}] ${name}`, () => {
      expectRefusal((state ?? stagedRoom)(), actor, command, code);
    });
  }
}

describe("stage: microphones", () => {
  it("[STAGE-13] a speaker unmutes and mutes themself; the media layer pauses and resumes", () => {
    const state = stagedRoom();
    const unmuted = accepted(applyRoomCommand(state, sam, { type: "set-muted", muted: false }, 2000));
    expect(unmuted.events).toEqual([
      { type: "member-updated", member: { ...state.members.get("sam"), muted: false } },
    ]);
    expect(unmuted.effects).toEqual([{ type: "pause-publish", userId: "sam", paused: false }]);
    const muted = accepted(applyRoomCommand(unmuted.state, sam, { type: "set-muted", muted: true }, 2001));
    expect(muted.effects).toEqual([{ type: "pause-publish", userId: "sam", paused: true }]);
  });

  it.each([
    ["the host", host],
    ["a moderator", mia],
  ] as const)("[STAGE-14] %s mutes a speaker, who may unmute again", (_label, actor) => {
    const state = run(stagedRoom(), [[sam, { type: "set-muted", muted: false }]], 2000);
    const result = accepted(applyRoomCommand(state, actor, { type: "mute-member", userId: "sam" }, 3000));
    expect(result.events).toEqual([
      { type: "member-updated", member: { ...state.members.get("sam"), muted: true } },
    ]);
    expect(result.effects).toEqual([{ type: "pause-publish", userId: "sam", paused: true }]);
    expect(mayPublish(result.state, "sam")).toBe(true);
    accepted(applyRoomCommand(result.state, sam, { type: "set-muted", muted: false }, 3001));
  });

  it("[STAGE-14] the host mutes a moderator; muting someone already muted changes nothing", () => {
    const state = run(stagedRoom(), [[mia, { type: "set-muted", muted: false }]], 2000);
    const muted = accepted(applyRoomCommand(state, host, { type: "mute-member", userId: "mia" }, 3000));
    expect(muted.effects).toEqual([{ type: "pause-publish", userId: "mia", paused: true }]);
    const again = accepted(applyRoomCommand(muted.state, mia, { type: "mute-member", userId: "sam" }, 3001));
    expect(again.state).toBe(muted.state);
    expect(again.events).toEqual([]);
    expect(again.effects).toEqual([]);
  });

  refusalTable("STAGE-15", [
    {
      name: "a moderator cannot mute the host: forbidden",
      actor: mia,
      command: { type: "mute-member", userId: "host" },
      code: "forbidden",
    },
    {
      name: "a speaker cannot mute others: forbidden",
      actor: sam,
      command: { type: "mute-member", userId: "mia" },
      code: "forbidden",
    },
    {
      name: "a listener cannot mute anyone: forbidden",
      actor: lee,
      command: { type: "mute-member", userId: "sam" },
      code: "forbidden",
    },
    {
      name: "muting a listener (no microphone) is invalid_state",
      actor: mia,
      command: { type: "mute-member", userId: "lee" },
      code: "invalid_state",
    },
    {
      name: "muting someone not in the room is not_found",
      actor: mia,
      command: { type: "mute-member", userId: "nobody" },
      code: "not_found",
    },
    {
      name: "a listener cannot unmute: forbidden",
      actor: lee,
      command: { type: "set-muted", muted: false },
      code: "forbidden",
    },
  ]);
});

describe("stage: moving people to the audience", () => {
  it.each([
    ["the host", host],
    ["a moderator", mia],
  ] as const)(
    "[STAGE-16] %s moves a speaker to the audience: muted listener, producer closed at once",
    (_label, actor) => {
      const state = run(stagedRoom(), [[sam, { type: "set-muted", muted: false }]], 2000);
      const result = accepted(
        applyRoomCommand(state, actor, { type: "move-to-audience", userId: "sam" }, 3000),
      );
      expect(result.events).toEqual([
        { type: "member-updated", member: { ...state.members.get("sam"), role: "listener", muted: true } },
      ]);
      expect(result.effects).toEqual([{ type: "revoke-publish", userId: "sam" }]);
      expect(mayPublish(result.state, "sam")).toBe(false);
    },
  );

  it("[STAGE-17] the host moves a moderator to the audience (the moderator role goes with it)", () => {
    const result = accepted(
      applyRoomCommand(stagedRoom(), host, { type: "move-to-audience", userId: "mia" }, 3000),
    );
    expect(result.state.members.get("mia")).toMatchObject({ role: "listener", muted: true });
    expect(result.effects).toEqual([{ type: "revoke-publish", userId: "mia" }]);
  });

  refusalTable("STAGE-17", [
    {
      name: "a moderator cannot move another moderator: forbidden",
      actor: mia,
      command: { type: "move-to-audience", userId: "lee" },
      code: "forbidden",
      state: twoModerators,
    },
  ]);

  it.each([
    ["speaker", sam],
    ["moderator", mia],
  ] as const)("[STAGE-19] a %s steps down to the audience themself", (_label, actor) => {
    const result = accepted(
      applyRoomCommand(stagedRoom(), actor, { type: "move-to-audience", userId: actor.userId }, 3000),
    );
    expect(result.state.members.get(actor.userId)?.role).toBe("listener");
    expect(result.effects).toEqual([{ type: "revoke-publish", userId: actor.userId }]);
  });

  refusalTable("STAGE-18", [
    {
      name: "a moderator cannot move the host: forbidden",
      actor: mia,
      command: { type: "move-to-audience", userId: "host" },
      code: "forbidden",
    },
    {
      name: "the host cannot step down without handing over: forbidden",
      actor: host,
      command: { type: "move-to-audience", userId: "host" },
      code: "forbidden",
    },
  ]);

  refusalTable("STAGE-20", [
    {
      name: "a speaker cannot move others: forbidden",
      actor: sam,
      command: { type: "move-to-audience", userId: "mia" },
      code: "forbidden",
    },
    {
      name: "a listener cannot move others: forbidden",
      actor: lee,
      command: { type: "move-to-audience", userId: "sam" },
      code: "forbidden",
    },
    {
      name: "moving a listener is invalid_state",
      actor: mia,
      command: { type: "move-to-audience", userId: "liz" },
      code: "invalid_state",
    },
    {
      name: "a listener stepping down is invalid_state",
      actor: lee,
      command: { type: "move-to-audience", userId: "lee" },
      code: "invalid_state",
    },
    {
      name: "moving someone not in the room is not_found",
      actor: mia,
      command: { type: "move-to-audience", userId: "nobody" },
      code: "not_found",
    },
  ]);
});

describe("stage: moderators", () => {
  it.each([
    ["the host", host],
    ["a moderator", mia],
  ] as const)("[STAGE-21] %s makes a speaker a moderator; publish rights are unchanged", (_label, actor) => {
    const state = stagedRoom();
    const result = accepted(
      applyRoomCommand(state, actor, { type: "set-moderator", userId: "sam", moderator: true }, 3000),
    );
    expect(result.events).toEqual([
      { type: "member-updated", member: { ...state.members.get("sam"), role: "moderator" } },
    ]);
    expect(result.effects).toEqual([]);
  });

  it("[STAGE-22] only the host turns a moderator back into a speaker", () => {
    const state = stagedRoom();
    const result = accepted(
      applyRoomCommand(state, host, { type: "set-moderator", userId: "mia", moderator: false }, 3000),
    );
    expect(result.events).toEqual([
      { type: "member-updated", member: { ...state.members.get("mia"), role: "speaker" } },
    ]);
    expect(result.effects).toEqual([]);
  });

  refusalTable("STAGE-22", [
    {
      name: "a moderator cannot remove another moderator: forbidden",
      actor: mia,
      command: { type: "set-moderator", userId: "lee", moderator: false },
      code: "forbidden",
      state: twoModerators,
    },
    {
      name: "a moderator cannot demote themself: forbidden",
      actor: mia,
      command: { type: "set-moderator", userId: "mia", moderator: false },
      code: "forbidden",
    },
  ]);

  refusalTable("STAGE-23", [
    {
      name: "a moderator cannot demote the host: forbidden",
      actor: mia,
      command: { type: "set-moderator", userId: "host", moderator: true },
      code: "forbidden",
    },
    {
      name: "the host cannot demote themself: forbidden",
      actor: host,
      command: { type: "set-moderator", userId: "host", moderator: false },
      code: "forbidden",
    },
    {
      name: "a speaker cannot make moderators: forbidden",
      actor: sam,
      command: { type: "set-moderator", userId: "sam", moderator: true },
      code: "forbidden",
    },
    {
      name: "a listener cannot be made a moderator: invalid_state",
      actor: host,
      command: { type: "set-moderator", userId: "lee", moderator: true },
      code: "invalid_state",
    },
    {
      name: "making a moderator a moderator again is invalid_state",
      actor: host,
      command: { type: "set-moderator", userId: "mia", moderator: true },
      code: "invalid_state",
    },
    {
      name: "demoting a speaker who is not a moderator is invalid_state",
      actor: host,
      command: { type: "set-moderator", userId: "sam", moderator: false },
      code: "invalid_state",
    },
    {
      name: "promoting someone not in the room is not_found",
      actor: mia,
      command: { type: "set-moderator", userId: "nobody", moderator: true },
      code: "not_found",
    },
  ]);
});

describe("stage: handing the room over", () => {
  it("[STAGE-24] the host hands over to a moderator: old host's update, then hostId, then the new host's", () => {
    const state = stagedRoom();
    const result = accepted(applyRoomCommand(state, host, { type: "transfer-host", userId: "mia" }, 3000));
    expect(result.events).toEqual([
      { type: "member-updated", member: { ...state.members.get("host"), role: "moderator" } },
      { type: "host-changed", hostId: "mia" },
      { type: "member-updated", member: { ...state.members.get("mia"), role: "host" } },
    ]);
    expect(result.effects).toEqual([]);
    expect(result.state.hostId).toBe("mia");
    expect(result.state.version).toBe(state.version + 3);
    expectReplayable(state, result);
    // The new host has the host's powers, the old one a moderator's.
    accepted(applyRoomCommand(result.state, mia, { type: "end" }, 3001));
    expectRefusal(result.state, host, { type: "end" }, "forbidden");
  });

  refusalTable("STAGE-25", [
    {
      name: "a moderator cannot hand the room over: forbidden",
      actor: mia,
      command: { type: "transfer-host", userId: "mia" },
      code: "forbidden",
    },
    {
      name: "handing over to a speaker is invalid_state",
      actor: host,
      command: { type: "transfer-host", userId: "sam" },
      code: "invalid_state",
    },
    {
      name: "handing over to a listener is invalid_state",
      actor: host,
      command: { type: "transfer-host", userId: "lee" },
      code: "invalid_state",
    },
    {
      name: "handing over to oneself is invalid_state",
      actor: host,
      command: { type: "transfer-host", userId: "host" },
      code: "invalid_state",
    },
    {
      name: "handing over to someone not in the room is not_found",
      actor: host,
      command: { type: "transfer-host", userId: "nobody" },
      code: "not_found",
    },
  ]);
});

describe("stage: removing people", () => {
  it("[STAGE-26] a moderator removes a speaker: removed event, media closed, socket told why; they may come back", () => {
    const state = run(stagedRoom(), [[sam, { type: "set-muted", muted: false }]], 2000);
    const result = accepted(
      applyRoomCommand(state, mia, { type: "remove-member", userId: "sam", block: "none" }, 3000),
    );
    expect(result.events).toEqual([
      { type: "member-removed", userId: "sam", reason: "removed-by-moderator" },
    ]);
    expect(result.effects).toEqual([
      { type: "revoke-publish", userId: "sam" },
      { type: "close-member-media", userId: "sam" },
      { type: "disconnect-member", userId: "sam", reason: "removed-by-moderator", blocked: "none" },
    ]);
    expect(result.state.members.get("sam")).toBeUndefined();
    expect(result.state.blockedUserIds).toEqual([]);
    expectReplayable(state, result);
    const back = accepted(applyRoomCommand(result.state, sam, { type: "join" }, 3001));
    expect(back.state.members.get("sam")?.role).toBe("listener");
  });

  it("[STAGE-27] removing with a room block refuses a later join with forbidden; hand goes with them", () => {
    const state = run(stagedRoom(), [[lee, { type: "raise-hand" }]], 2000);
    const result = accepted(
      applyRoomCommand(state, host, { type: "remove-member", userId: "lee", block: "room" }, 3000),
    );
    expect(result.events).toEqual([{ type: "member-removed", userId: "lee", reason: "removed-by-host" }]);
    expect(result.effects).toEqual([
      { type: "revoke-publish", userId: "lee" },
      { type: "close-member-media", userId: "lee" },
      { type: "disconnect-member", userId: "lee", reason: "removed-by-host", blocked: "room" },
      { type: "ban-from-room", userId: "lee" },
    ]);
    expect(result.state.blockedUserIds).toEqual(["lee"]);
    expect(result.state.handQueue).toEqual([]);
    expectRefusal(result.state, lee, { type: "join" }, "forbidden");
  });

  it("[STAGE-28] the host removing with a host-rooms block also asks the shell to persist it for the host", () => {
    const result = accepted(
      applyRoomCommand(
        stagedRoom(),
        host,
        { type: "remove-member", userId: "liz", block: "host-rooms" },
        3000,
      ),
    );
    expect(result.effects).toEqual([
      { type: "revoke-publish", userId: "liz" },
      { type: "close-member-media", userId: "liz" },
      { type: "disconnect-member", userId: "liz", reason: "removed-by-host", blocked: "host-rooms" },
      { type: "block-user-for-host", hostId: "host", userId: "liz" },
    ]);
    expect(result.state.blockedUserIds).toEqual(["liz"]);
    expectRefusal(result.state, liz, { type: "join" }, "forbidden");
  });

  it("[STAGE-28] a guest removed for good is kept out of this room's session, but nothing is stored for them (no account)", () => {
    for (const [actor, block] of [
      [mia, "room"],
      [host, "host-rooms"],
    ] as const) {
      const result = accepted(
        applyRoomCommand(stagedRoom(), actor, { type: "remove-member", userId: "gus", block }, 3000),
      );
      expect(result.effects.map((effect) => effect.type)).toEqual([
        "revoke-publish",
        "close-member-media",
        "disconnect-member",
      ]);
      expect(result.state.blockedUserIds).toEqual(["gus"]);
      expectRefusal(result.state, gus, { type: "join" }, "forbidden");
    }
  });

  it("[STAGE-28] the host removes a moderator", () => {
    const result = accepted(
      applyRoomCommand(stagedRoom(), host, { type: "remove-member", userId: "mia", block: "none" }, 3000),
    );
    expect(result.state.members.get("mia")).toBeUndefined();
  });

  refusalTable("STAGE-29", [
    {
      name: "a moderator cannot remove the host: forbidden",
      actor: mia,
      command: { type: "remove-member", userId: "host", block: "room" },
      code: "forbidden",
    },
    {
      name: "the host cannot remove themself: forbidden",
      actor: host,
      command: { type: "remove-member", userId: "host", block: "none" },
      code: "forbidden",
    },
    {
      name: "a moderator cannot remove another moderator: forbidden",
      actor: mia,
      command: { type: "remove-member", userId: "lee", block: "none" },
      code: "forbidden",
      state: twoModerators,
    },
    {
      name: "a speaker cannot remove anyone: forbidden",
      actor: sam,
      command: { type: "remove-member", userId: "lee", block: "none" },
      code: "forbidden",
    },
    {
      name: "a listener cannot remove anyone: forbidden",
      actor: liz,
      command: { type: "remove-member", userId: "lee", block: "none" },
      code: "forbidden",
    },
    {
      name: "a moderator cannot remove themself (leave instead): invalid_state",
      actor: mia,
      command: { type: "remove-member", userId: "mia", block: "none" },
      code: "invalid_state",
    },
    {
      name: "removing someone not in the room is not_found",
      actor: mia,
      command: { type: "remove-member", userId: "nobody", block: "room" },
      code: "not_found",
    },
  ]);
});
