import type {
  BlockScope,
  ErrorCode,
  Member,
  RemovalReason,
  Role,
  RoomEndReason,
} from "../../src/shared/protocol";
import { Map as ImmutableMap } from "immutable";

/**
 * Who is acting: the server fills this in from the authenticated session, never from input.
 * `isGuest` is required rather than optional so that no call site can forget it and let a guest
 * through by default.
 */
export type Actor = {
  userId: string;
  displayName: string;
  isGuest: boolean;
  avatarUrl?: string | null;
  /** Staff verified their real name (shown as a badge; never a permission in the machine). */
  realNameVerified?: boolean;
};

/**
 * Members keyed by user id, in a persistent (structure-sharing) map: a join or a role change makes
 * the next state in O(log n) instead of copying every member, which at 8,000 people cost ~8 ms of
 * CPU per join (bench:storm, docs/BENCHMARKS.md).
 */
export type MemberMap = ImmutableMap<string, Member>;

export const noMembers: MemberMap = ImmutableMap<string, Member>();

/** The pure state of one live room. */
export type RoomState = {
  roomId: string;
  title: string;
  status: "live" | "ended";
  /** Exactly one host while live. They may be absent from `members` (not joined yet); their seat stays reserved. */
  hostId: string;
  /** Grows by one with each event; clients use it to order deltas. */
  version: number;
  members: MemberMap;
  /**
   * The members on stage (host, moderators, speakers), the same objects as in `members`, kept in
   * step by RoomChange so that stage questions (seats left, who holds the floor) never walk the
   * audience.
   */
  stage: MemberMap;
  /** User ids of raised hands in raise order; always exactly the listeners whose `handRaisedAt` is set. */
  handQueue: readonly string[];
  handRaisingEnabled: boolean;
  /**
   * Music mode (the host's switch): speakers' microphones open without echo cancellation, noise
   * suppression and auto gain, and send stereo Opus at a high bitrate. Off by default.
   */
  musicMode: boolean;
  /** The host is recording the stage's audio; everyone in the room (and everyone joining) sees it. */
  recording: boolean;
  /** Most people on stage (host, moderators, speakers) at once. */
  stageLimit: number;
  /** Most people in the room at once; newcomers past it are refused with room_full (the host never is). */
  memberLimit: number;
  /** Users refused on join: removed with a block here, or pre-loaded by the shell from the host's blocks. */
  blockedUserIds: readonly string[];
  /** Named by the host when scheduling: they join straight onto the stage as moderators. */
  coHostIds: readonly string[];
  /**
   * The host has been in the room at least once. Until then an empty room is one nobody has
   * opened yet, not one everybody left, so the last listener leaving does not end it.
   */
  hostArrived: boolean;
};

export type RoomCommand =
  | { type: "join" }
  | { type: "leave" }
  | { type: "set-muted"; muted: boolean }
  | { type: "end" }
  | { type: "raise-hand" }
  | { type: "lower-hand" }
  | { type: "set-hand-raising"; enabled: boolean }
  | { type: "set-music-mode"; enabled: boolean }
  | { type: "set-recording"; enabled: boolean }
  | { type: "invite-to-speak"; userId: string }
  | { type: "respond-to-invitation"; accept: boolean }
  | { type: "mute-member"; userId: string }
  | { type: "move-to-audience"; userId: string }
  | { type: "set-moderator"; userId: string; moderator: boolean }
  | { type: "transfer-host"; userId: string }
  | { type: "remove-member"; userId: string; block: BlockScope };

/** Why the machine itself ended a room; "server" shutdowns happen in the shell, not here. */
export type MachineEndReason = Exclude<RoomEndReason, "server">;

/**
 * What happened, to be broadcast to every member. Applied one by one to the previous view, they
 * rebuild the next one: see `roomSnapshotFields`. Every event bumps the version by one except
 * audience churn (`audience-joined`, `audience-left`): a listener arriving or leaving is the bulk
 * of a big room's traffic, so the shell sends those in coalesced batches instead of one by one.
 */
export type RoomEvent =
  /** Someone arrived straight onto the stage (the host, a co-host). */
  | { type: "member-joined"; member: Member }
  /** A listener arrived. */
  | { type: "audience-joined"; member: Member }
  /** A listener left by themselves (removals stay `member-removed`, with their reason). */
  | { type: "audience-left"; userId: string }
  | { type: "member-updated"; member: Member }
  | { type: "member-left"; userId: string }
  | { type: "member-removed"; userId: string; reason: RemovalReason }
  | { type: "host-changed"; hostId: string }
  | { type: "settings-updated"; handRaisingEnabled: boolean }
  | { type: "music-mode-changed"; musicMode: boolean }
  | { type: "recording-changed"; recording: boolean }
  /** `note`: the moderators' reason when platform staff ended it (`staff-ended`). */
  | { type: "room-ended"; reason: MachineEndReason; note?: string };

/**
 * What the shell must do outside the machine. The media layer only ever hears the first five: it
 * never learns about roles, only who may publish and whose media to close.
 */
export type RoomEffect =
  | { type: "allow-publish"; userId: string; paused: boolean }
  | { type: "revoke-publish"; userId: string }
  | { type: "pause-publish"; userId: string; paused: boolean }
  | { type: "close-member-media"; userId: string }
  | { type: "close-room-media" }
  /** Tell the removed person's socket why (room:removed) and detach it from the room. */
  | { type: "disconnect-member"; userId: string; reason: RemovalReason; blocked: BlockScope }
  /** Persist a block that outlives this room: the shell pre-loads it into later rooms of this host. */
  | { type: "block-user-for-host"; hostId: string; userId: string }
  /** Persist a removal "for good" from this room, so it outlives a restart. */
  | { type: "ban-from-room"; userId: string }
  /** Start or stop recording the stage (the shell's recorder; the machine only decides who may). */
  | { type: "start-recording" }
  | { type: "stop-recording" };

/** Audience churn: unversioned, batched by the shell. */
export function isAudienceChurn(
  event: RoomEvent,
): event is Extract<RoomEvent, { type: "audience-joined" | "audience-left" }> {
  return event.type === "audience-joined" || event.type === "audience-left";
}

/** The person an event is about, if it is about one person. */
export function subjectOf(event: RoomEvent): string | null {
  switch (event.type) {
    case "member-joined":
    case "member-updated":
    case "audience-joined":
      return event.member.userId;
    case "member-left":
    case "member-removed":
    case "audience-left":
      return event.userId;
    default:
      return null;
  }
}

export type Refusal = {
  code: Extract<ErrorCode, "forbidden" | "invalid_state" | "not_found" | "room_full">;
  message: string;
};

export type ApplyResult =
  { ok: true; state: RoomState; events: RoomEvent[]; effects: RoomEffect[] } | { ok: false; error: Refusal };

/** Roles whose microphones may reach the room. */
export const STAGE_ROLES: ReadonlySet<Role> = new Set<Role>(["host", "moderator", "speaker"]);

export function isOnStage(member: Member): boolean {
  return STAGE_ROLES.has(member.role);
}

/** Roles that may invite, mute, move and remove others. */
export function canModerate(member: Member): boolean {
  return member.role === "host" || member.role === "moderator";
}

/**
 * Seats taken on stage. An absent host still holds a seat, so the stage can never fill up behind
 * their back and leave no room for them when they (re)join.
 */
export function stageCount(state: RoomState): number {
  return state.members.has(state.hostId) ? state.stage.size : state.stage.size + 1;
}

/** Earliest arrival first; ties (same millisecond) broken by user id so every ordering is deterministic. */
export function byArrival(a: Member, b: Member): number {
  return a.joinedAt - b.joinedAt || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
}

export const DEFAULT_STAGE_LIMIT = 20;
/** Clubhouse's cap on one room; ROOM_MAX_MEMBERS overrides it. */
export const DEFAULT_MEMBER_LIMIT = 8_000;

/**
 * A fresh live room with nobody in it yet; the host is whoever created it. `blockedUserIds` are
 * the host's permanent blocks, loaded by the shell. Throws on a stage limit below one, which is a
 * programming error (the host alone needs a seat), not a user's mistake.
 */
export function createRoomState(input: {
  roomId: string;
  title: string;
  hostId: string;
  stageLimit?: number;
  memberLimit?: number;
  blockedUserIds?: readonly string[];
  coHostIds?: readonly string[];
}): RoomState {
  const stageLimit = input.stageLimit ?? DEFAULT_STAGE_LIMIT;
  if (!Number.isInteger(stageLimit) || stageLimit < 1)
    throw new RangeError(`stageLimit must be a positive integer, got ${stageLimit}`);
  const memberLimit = input.memberLimit ?? DEFAULT_MEMBER_LIMIT;
  if (!Number.isInteger(memberLimit) || memberLimit < 1)
    throw new RangeError(`memberLimit must be a positive integer, got ${memberLimit}`);
  // The host can never be locked out of their own room, whatever the stored list says.
  const blockedUserIds = [...new Set(input.blockedUserIds ?? [])].filter((userId) => userId !== input.hostId);
  return {
    roomId: input.roomId,
    title: input.title,
    hostId: input.hostId,
    status: "live",
    version: 0,
    members: noMembers,
    stage: noMembers,
    handQueue: [],
    handRaisingEnabled: true,
    musicMode: false,
    recording: false,
    stageLimit,
    memberLimit,
    blockedUserIds,
    coHostIds: [...new Set(input.coHostIds ?? [])].filter((userId) => userId !== input.hostId),
    hostArrived: false,
  };
}
