import { describe, expect, it } from "vitest";
import {
  decideScheduleCancel,
  decideScheduledRoomVisibility,
  decideScheduleStart,
  type ScheduledRoomFacts,
  type ScheduleViewer,
} from "../../server/domain/schedule-visibility";

const room = (
  type: ScheduledRoomFacts["type"],
  status: ScheduledRoomFacts["status"] = "scheduled",
): ScheduledRoomFacts => ({
  type,
  status,
  hostId: "host",
  coHostIds: ["cohost"],
  allowedUserIds: ["picked"],
});

const viewer = (
  userId: string,
  options: { followedBy?: string[]; blockedBy?: string[] } = {},
): ScheduleViewer => ({
  userId,
  followerIds: new Set(options.followedBy ?? []),
  blockedByHostIds: new Set(options.blockedBy ?? []),
});

const guest: ScheduleViewer = null;
const host = viewer("host");
const cohost = viewer("cohost");
const followedByHost = viewer("fan", { followedBy: ["host"] });
const followedByCohost = viewer("fan2", { followedBy: ["cohost"] });
const picked = viewer("picked");
const stranger = viewer("stranger", { followedBy: ["someone-else"] });
const blockedFollower = viewer("blocked", { followedBy: ["host"], blockedBy: ["host"] });

/** [who, open, social, closed]: what each viewer sees in each room type. */
const table: [string, ScheduleViewer, boolean, boolean, boolean][] = [
  ["guest", guest, true, false, false],
  ["host", host, true, true, true],
  ["co-host", cohost, true, true, true],
  ["someone the host follows", followedByHost, true, true, false],
  ["someone a co-host follows", followedByCohost, true, true, false],
  ["person the host picked", picked, true, true, true],
  ["stranger", stranger, true, false, false],
  ["follower the host blocked", blockedFollower, false, false, false],
];

describe("[SCHED-VIS] who sees a scheduled room", () => {
  it.each(table)("[SCHED-VIS-1] %s: open %s, social %s, closed %s", (_who, who, open, social, closed) => {
    expect(decideScheduledRoomVisibility(room("open"), who).visible).toBe(open);
    expect(decideScheduledRoomVisibility(room("social"), who).visible).toBe(social);
    expect(decideScheduledRoomVisibility(room("closed"), who).visible).toBe(closed);
  });

  it("[SCHED-VIS-2] refusals say why", () => {
    expect(decideScheduledRoomVisibility(room("social"), guest)).toEqual({
      visible: false,
      reason: "sign-in-required",
    });
    expect(decideScheduledRoomVisibility(room("social"), stranger)).toEqual({
      visible: false,
      reason: "not-followed",
    });
    expect(decideScheduledRoomVisibility(room("closed"), followedByHost)).toEqual({
      visible: false,
      reason: "not-invited",
    });
    expect(decideScheduledRoomVisibility(room("open"), blockedFollower)).toEqual({
      visible: false,
      reason: "blocked",
    });
  });

  it("[SCHED-VIS-3] a block by someone other than the host does not hide the room", () => {
    expect(decideScheduledRoomVisibility(room("open"), viewer("x", { blockedBy: ["cohost"] })).visible).toBe(
      true,
    );
  });
});

describe("[SCHED-START] who starts or cancels a scheduled room", () => {
  it.each([
    ["host", "scheduled", { ok: true }],
    ["cohost", "scheduled", { ok: true }],
    ["picked", "scheduled", { ok: false, code: "forbidden" }],
    ["stranger", "scheduled", { ok: false, code: "forbidden" }],
    ["host", "live", { ok: false, code: "invalid_state" }],
    ["cohost", "ended", { ok: false, code: "invalid_state" }],
    ["stranger", "live", { ok: false, code: "forbidden" }],
  ] as const)("[SCHED-START-1] %s starting a %s room", (actor, status, expected) => {
    expect(decideScheduleStart(room("open", status), actor)).toMatchObject(expected);
  });

  it.each([
    ["host", "scheduled", { ok: true }],
    ["cohost", "scheduled", { ok: false, code: "forbidden" }],
    ["stranger", "scheduled", { ok: false, code: "forbidden" }],
    ["host", "live", { ok: false, code: "invalid_state" }],
    ["host", "ended", { ok: false, code: "invalid_state" }],
  ] as const)("[SCHED-CANCEL-1] %s cancelling a %s room", (actor, status, expected) => {
    expect(decideScheduleCancel(room("closed", status), actor)).toMatchObject(expected);
  });
});
