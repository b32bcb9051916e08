import { afterEach, describe, expect, it, vi } from "vitest";
import type { Member } from "@/shared/protocol";
import type { RoomView } from "@/features/room/room-snapshot-reducer";
import { roomChanges, SpeakerThrottle } from "@/features/a11y/room-announcements";

function member(userId: string, patch: Partial<Member> = {}): Member {
  return {
    userId,
    displayName: userId.toUpperCase(),
    avatarUrl: null,
    role: "speaker",
    muted: false,
    joinedAt: 1,
    handRaisedAt: null,
    invitedAt: null,
    isGuest: false,
    ...patch,
  };
}

function view(patch: Partial<RoomView> & { self: Member }): RoomView {
  return {
    roomId: "r1",
    title: "Room",
    status: "live",
    hostId: "host",
    version: 1,
    stage: [member("host", { role: "host" })],
    selfId: patch.self.userId,
    raisedHands: [],
    counts: { stage: 1, audience: 1, hands: 0 },
    handRaisingEnabled: true,
    musicMode: false,
    recording: false,
    stageLimit: 10,
    producers: [],
    activeSpeakerId: null,
    audience: [],
    audienceCursor: null,
    audienceEnd: null,
    followed: [],
    ...patch,
  };
}

describe("[A11Y-4] what the room's live region says when the room changes", () => {
  const me = member("me", { role: "listener" });

  it("says nothing on the first view, and the hand, invitation, stage and microphone of the listener", () => {
    expect(roomChanges(null, view({ self: me })).announcements).toEqual([]);
    const raised = view({ self: { ...me, handRaisedAt: 5 } });
    expect(roomChanges(view({ self: me }), raised).announcements).toEqual([{ key: "yourHandRaised" }]);
    const invited = view({ self: { ...me, handRaisedAt: 5, invitedAt: 6 } });
    expect(roomChanges(raised, invited).announcements).toEqual([{ key: "youAreInvited" }]);
    const onStage = view({ self: { ...me, role: "speaker", muted: true } });
    expect(roomChanges(invited, onStage).announcements).toEqual([{ key: "youAreOnStage" }]);
    const unmuted = view({ self: { ...me, role: "speaker", muted: false } });
    expect(roomChanges(onStage, unmuted).announcements).toEqual([{ key: "youUnmuted" }]);
    expect(roomChanges(unmuted, onStage).announcements).toEqual([{ key: "youMuted" }]);
    expect(roomChanges(raised, view({ self: me })).announcements).toEqual([{ key: "yourHandLowered" }]);
  });

  it("names other speakers muting and new hands in a moderator's queue", () => {
    const host = member("host", { role: "host" });
    const before = view({ self: host, stage: [host, member("sam")] });
    const after = view({
      self: host,
      stage: [host, member("sam", { muted: true })],
      raisedHands: [member("lee", { role: "listener", handRaisedAt: 9 })],
    });
    expect(roomChanges(before, after).announcements).toEqual([
      { key: "memberMuted", name: "SAM" },
      { key: "memberRaisedHand", name: "LEE" },
    ]);
  });

  it("reports a new active speaker by name, and none while the speaker stays the same", () => {
    const before = view({ self: me, stage: [member("host", { role: "host" }), member("sam")] });
    const speaking = { ...before, activeSpeakerId: "sam" };
    expect(roomChanges(before, speaking).speaker).toBe("SAM");
    expect(roomChanges(speaking, { ...speaking, version: 2 }).speaker).toBeUndefined();
    expect(roomChanges(speaking, { ...speaking, activeSpeakerId: null }).speaker).toBeNull();
  });
});

describe("[A11Y-5] speaker announcements are throttled", () => {
  afterEach(() => vi.useRealTimers());

  it("says the first at once, then at most one (the latest) per interval, never the same name twice in a row", () => {
    vi.useFakeTimers();
    const said: string[] = [];
    const throttle = new SpeakerThrottle((name) => said.push(name), 4000);
    throttle.speaker("Ana");
    expect(said).toEqual(["Ana"]);
    throttle.speaker("Ben");
    throttle.speaker("Cy");
    throttle.speaker("Ben");
    vi.advanceTimersByTime(3900);
    expect(said).toEqual(["Ana"]);
    vi.advanceTimersByTime(200);
    expect(said).toEqual(["Ana", "Ben"]);
    vi.advanceTimersByTime(5000);
    throttle.speaker("Ben");
    expect(said).toEqual(["Ana", "Ben"]);
    throttle.stop();
  });
});
