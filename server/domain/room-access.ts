import type { RoomType } from "../../src/shared/protocol";

/**
 * Who may enter (and so see in the hallway) a room. Pure: the shell gathers the facts (the
 * room's stage, the viewer's followers, a share key from the link) and this decides.
 *
 * - open: anyone, guests included.
 * - social: signed-in people followed by someone on the stage right now (Clubhouse's rule).
 * - closed: only people the host lets in, by picking them or by the share link.
 *
 * In every type the host and co-hosts always get in, and people the host has blocked never do
 * (a profile block keeps that person out of every room the blocker hosts, listening included,
 * because a host who blocked someone should not have to find them in the audience). Someone
 * already in the room stays entitled to it: a social room does not throw out a listener when the
 * speaker who follows them steps down.
 */
export type RoomAccessPolicy = {
  type: RoomType;
  hostId: string;
  coHostIds: readonly string[];
  /** Closed rooms: people let in by the host or by the link. */
  allowedUserIds: readonly string[];
  /** The host's blocks and this room's bans. */
  blockedUserIds: readonly string[];
};

/** The room as it is right now. */
export type RoomPresence = {
  stageUserIds: readonly string[];
  /** Asked rather than listed: a room of thousands is not copied into a list for each decision. */
  isMember: (userId: string) => boolean;
};

export type RoomViewer = {
  userId: string;
  isGuest: boolean;
  /** People who follow the viewer (a social room asks whether one of them is on the stage). */
  followerIds: ReadonlySet<string>;
  /** The viewer opened the closed room's share link with the right key. */
  hasShareKey?: boolean;
};

export type AccessRefusalReason = "blocked" | "sign-in-required" | "not-followed" | "not-invited";

export type AccessDecision =
  | { ok: true; via: "host" | "co-host" | "member" | "open" | "followed" | "invited" | "share-link" }
  | { ok: false; reason: AccessRefusalReason; message: string };

const REFUSALS: Record<AccessRefusalReason, string> = {
  blocked: "You cannot join this room: its host blocked you or removed you from it.",
  "sign-in-required": "Sign in to join this room: only open rooms take guests.",
  "not-followed": "This is a social room: only people followed by someone on the stage can join.",
  "not-invited": "This is a closed room: only people the host invites can join.",
};

const refuse = (reason: AccessRefusalReason): AccessDecision => ({
  ok: false,
  reason,
  message: REFUSALS[reason],
});

export function decideRoomAccess(
  policy: RoomAccessPolicy,
  presence: RoomPresence,
  viewer: RoomViewer,
): AccessDecision {
  if (viewer.userId === policy.hostId) return { ok: true, via: "host" };
  if (policy.coHostIds.includes(viewer.userId)) return { ok: true, via: "co-host" };
  if (policy.blockedUserIds.includes(viewer.userId)) return refuse("blocked");
  if (presence.isMember(viewer.userId)) return { ok: true, via: "member" };
  if (policy.type === "open") return { ok: true, via: "open" };
  if (viewer.isGuest) return refuse("sign-in-required");
  if (policy.type === "social") {
    if (presence.stageUserIds.some((id) => viewer.followerIds.has(id))) return { ok: true, via: "followed" };
    if (policy.allowedUserIds.includes(viewer.userId)) return { ok: true, via: "invited" };
    return refuse("not-followed");
  }
  if (policy.allowedUserIds.includes(viewer.userId)) return { ok: true, via: "invited" };
  if (viewer.hasShareKey === true) return { ok: true, via: "share-link" };
  return refuse("not-invited");
}
