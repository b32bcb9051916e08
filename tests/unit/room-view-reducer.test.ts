import { describe, expect, it } from "vitest";
import type { Member, RoomSnapshot } from "../../src/shared/protocol";
import {
  applyAudienceBatch,
  applyAudiencePage,
  applyDelta,
  viewFromSnapshot,
} from "../../src/features/room/room-snapshot-reducer";

const member = (userId: string, joinedAt: number, role: Member["role"] = "listener"): Member => ({
  userId,
  displayName: userId,
  avatarUrl: null,
  role,
  muted: true,
  joinedAt,
  handRaisedAt: null,
  invitedAt: null,
  isGuest: false,
});
const counts = { stage: 1, audience: 4, hands: 0 };

/** A page that has loaded the first two of four listeners (a and b; c and d come with the next page). */
function partlyLoaded() {
  const snapshot: RoomSnapshot = {
    roomId: "r1",
    title: "t",
    status: "live",
    hostId: "host",
    version: 10,
    stage: [member("host", 0, "host")],
    audience: { members: [member("a", 1), member("b", 2)], nextCursor: "next" },
    followedAudience: [],
    self: member("a", 1),
    raisedHands: [],
    counts,
    handRaisingEnabled: true,
    musicMode: false,
    recording: false,
    stageLimit: 20,
    producers: [],
    activeSpeakerId: null,
  };
  return viewFromSnapshot(snapshot, "a");
}

describe("[PRESENCE-VIEW] the room page's audience list: every listener once, wherever they come from", () => {
  it("[PRESENCE-VIEW-1] an arrival past what is loaded waits for its page; a departure leaves at once; counts follow the server", () => {
    const view = applyAudienceBatch(partlyLoaded(), {
      joined: [member("e", 9)],
      left: ["b"],
      counts: { ...counts, audience: 4 },
      truncated: false,
    }).view;
    expect(view.audience.map((m) => m.userId)).toEqual(["a"]);
    const paged = applyAudiencePage(
      view,
      { members: [member("c", 3), member("d", 4)], nextCursor: "more", counts },
      false,
    );
    expect(paged.audience.map((m) => m.userId)).toEqual(["a", "c", "d"]);
    const last = applyAudiencePage(paged, { members: [member("e", 9)], nextCursor: null, counts }, false);
    expect(last.audience.map((m) => m.userId)).toEqual(["a", "c", "d", "e"]);
    // Fully loaded: the next arrival is appended at once.
    const complete = applyAudienceBatch(last, {
      joined: [member("f", 10)],
      left: [],
      counts,
      truncated: false,
    }).view;
    expect(complete.audience.map((m) => m.userId).at(-1)).toBe("f");
  });

  it("[PRESENCE-VIEW-2] someone sent back to the audience lands in order if within what is loaded; otherwise their page brings them", () => {
    const back = applyDelta(partlyLoaded(), {
      type: "member-updated",
      payload: { version: 11, member: member("early", 1.5), counts },
    }).view;
    expect(back.audience.map((m) => m.userId)).toEqual(["a", "early", "b"]);
    const late = applyDelta(back, {
      type: "member-updated",
      payload: { version: 12, member: member("late", 50), counts },
    }).view;
    expect(late.audience.map((m) => m.userId)).toEqual(["a", "early", "b"]);
    const onStage = applyDelta(late, {
      type: "member-updated",
      payload: { version: 13, member: member("b", 2, "speaker"), counts },
    }).view;
    expect(onStage.audience.map((m) => m.userId)).toEqual(["a", "early"]);
    expect(onStage.stage.map((m) => m.userId)).toEqual(["host", "b"]);
  });

  it("[PRESENCE-VIEW-3] a truncated batch asks for the first page again", () => {
    expect(
      applyAudienceBatch(partlyLoaded(), { joined: [], left: [], counts, truncated: true }).refetch,
    ).toBe(true);
  });
});
