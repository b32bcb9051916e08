import { describe, expect, it } from "vitest";
import {
  decideRoomAccess,
  type RoomAccessPolicy,
  type RoomPresence,
  type RoomViewer,
} from "../../server/domain/room-access";
import type { RoomType } from "../../src/shared/protocol";

// The cast of one room: hana hosts, cora is a co-host, sam speaks; fay follows nobody but is
// followed by sam; ivy is on the closed room's allow list; bob is blocked by hana; gus is a guest.
const policy = (type: RoomType): RoomAccessPolicy => ({
  type,
  hostId: "hana",
  coHostIds: ["cora"],
  allowedUserIds: ["ivy"],
  blockedUserIds: ["bob"],
});
const members = new Set(["hana", "sam", "lou"]);
const presence: RoomPresence = { stageUserIds: ["hana", "sam"], isMember: (userId) => members.has(userId) };

const person = (userId: string, followerIds: string[] = [], extra: Partial<RoomViewer> = {}): RoomViewer => ({
  userId,
  isGuest: false,
  followerIds: new Set(followerIds),
  ...extra,
});
const guest: RoomViewer = { userId: "guest-1", isGuest: true, followerIds: new Set() };

type Row = [id: string, who: string, viewer: RoomViewer, open: string, social: string, closed: string];

// Each cell: "ok:<via>" or the refusal reason.
const table: Row[] = [
  ["VIS-1", "the host", person("hana"), "ok:host", "ok:host", "ok:host"],
  ["VIS-2", "a co-host", person("cora"), "ok:co-host", "ok:co-host", "ok:co-host"],
  ["VIS-3", "someone already in the room", person("lou"), "ok:member", "ok:member", "ok:member"],
  [
    "VIS-4",
    "a follower of someone on stage (sam follows fay)",
    person("fay", ["sam"]),
    "ok:open",
    "ok:followed",
    "not-invited",
  ],
  [
    "VIS-5",
    "a person followed only by someone off stage",
    person("zed", ["lou"]),
    "ok:open",
    "not-followed",
    "not-invited",
  ],
  ["VIS-6", "a stranger", person("zed"), "ok:open", "not-followed", "not-invited"],
  ["VIS-7", "a person on the allow list", person("ivy"), "ok:open", "ok:invited", "ok:invited"],
  [
    "VIS-8",
    "a stranger with the share link",
    person("zed", [], { hasShareKey: true }),
    "ok:open",
    "not-followed",
    "ok:share-link",
  ],
  [
    "VIS-9",
    "a person the host blocked, even if followed by a speaker",
    person("bob", ["sam"]),
    "blocked",
    "blocked",
    "blocked",
  ],
  ["VIS-10", "a guest", guest, "ok:open", "sign-in-required", "sign-in-required"],
  [
    "VIS-11",
    "a guest with the share link",
    { ...guest, hasShareKey: true },
    "ok:open",
    "sign-in-required",
    "sign-in-required",
  ],
];

const outcome = (decision: ReturnType<typeof decideRoomAccess>) =>
  decision.ok ? `ok:${decision.via}` : decision.reason;

describe("room visibility and entry (pure rule)", () => {
  for (const [id, who, viewer, open, social, closed] of table) {
    it(`[${id}] ${who}: open → ${open}, social → ${social}, closed → ${closed}`, () => {
      expect(outcome(decideRoomAccess(policy("open"), presence, viewer))).toBe(open);
      expect(outcome(decideRoomAccess(policy("social"), presence, viewer))).toBe(social);
      expect(outcome(decideRoomAccess(policy("closed"), presence, viewer))).toBe(closed);
    });
  }

  it("[VIS-12] a social room follows its stage: when the follower steps down, their followers can no longer drop in", () => {
    const fay = person("fay", ["sam"]);
    expect(decideRoomAccess(policy("social"), presence, fay).ok).toBe(true);
    const samLeftStage: RoomPresence = { ...presence, stageUserIds: ["hana"] };
    expect(outcome(decideRoomAccess(policy("social"), samLeftStage, fay))).toBe("not-followed");
  });

  it("[VIS-13] every refusal carries a message a person can read", () => {
    const refusal = decideRoomAccess(policy("closed"), presence, person("zed"));
    expect(refusal.ok).toBe(false);
    if (!refusal.ok) expect(refusal.message).toMatch(/closed room/);
  });
});
