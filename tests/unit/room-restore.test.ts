import { describe, expect, it } from "vitest";
import { applyRoomCommand, mayPublish } from "../../server/domain/room-machine";
import { restoreRoomState, type RestoredMember } from "../../server/domain/room-restore";

const stored = (userId: string, role: RestoredMember["role"], joinedAt: number): RestoredMember => ({
  userId,
  displayName: userId.toUpperCase(),
  role,
  joinedAt,
});

describe("room restore after a server restart", () => {
  it("[RESTORE-1] members come back with their roles, muted, with nothing short-lived carried over", () => {
    const state = restoreRoomState({
      roomId: "r",
      title: "T",
      hostId: "h",
      version: 1_700_000_000_000,
      members: [
        stored("h", "host", 1),
        stored("m", "moderator", 2),
        stored("s", "speaker", 3),
        stored("l", "listener", 4),
      ],
    });
    expect(
      [...state.members.values()].map((m) => [m.userId, m.role, m.muted, m.handRaisedAt, m.invitedAt]),
    ).toEqual([
      ["h", "host", true, null, null],
      ["m", "moderator", true, null, null],
      ["s", "speaker", true, null, null],
      ["l", "listener", true, null, null],
    ]);
    expect(state.version).toBe(1_700_000_000_000);
    expect(state.handQueue).toEqual([]);
  });

  it("[RESTORE-4] the host's settings come back as stored (hand raising off, music mode on); absent, the defaults", () => {
    const base = { roomId: "r", title: "T", hostId: "h", version: 1, members: [stored("h", "host", 1)] };
    const restored = restoreRoomState({ ...base, settings: { handRaisingEnabled: false, musicMode: true } });
    expect([restored.handRaisingEnabled, restored.musicMode]).toEqual([false, true]);
    const fresh = restoreRoomState(base);
    expect([fresh.handRaisingEnabled, fresh.musicMode]).toEqual([true, false]);
  });

  it("[RESTORE-2] a returning member keeps their role and gets their publish right back, muted", () => {
    const state = restoreRoomState({
      roomId: "r",
      title: "T",
      hostId: "h",
      version: 10,
      members: [stored("h", "host", 1), stored("s", "speaker", 2)],
    });
    const result = applyRoomCommand(
      state,
      { userId: "s", displayName: "S", isGuest: false },
      { type: "join" },
      20,
    );
    expect(result.ok && result.effects).toEqual([{ type: "allow-publish", userId: "s", paused: true }]);
    expect(mayPublish(state, "s")).toBe(true);
  });

  it("[RESTORE-3] stored rows that break the invariants are repaired: one host, stage within the limit, blocked users out", () => {
    const state = restoreRoomState({
      roomId: "r",
      title: "T",
      hostId: "h",
      stageLimit: 3,
      blockedUserIds: ["x"],
      version: 1,
      members: [
        stored("old-host", "host", 1),
        stored("h", "listener", 2),
        stored("a", "speaker", 3),
        stored("b", "speaker", 4),
        stored("x", "speaker", 0),
      ],
    });
    const roles = Object.fromEntries([...state.members.values()].map((m) => [m.userId, m.role]));
    expect(roles).toEqual({ "old-host": "moderator", h: "host", a: "speaker", b: "listener" });
    expect([...state.members.values()].filter((m) => m.role === "host")).toHaveLength(1);
  });
});
