import type { AudiencePage, Member, RoomCounts, RoomSnapshot } from "../../src/shared/protocol";
import { decodeCursor, encodeCursor } from "./audience-cursor";
import type { AudienceIndex } from "./audience-index";
import { byArrival, canModerate, type RoomState } from "./room-state";

/** The snapshot a member gets on joining; the service adds `producers` and `activeSpeakerId`. */
export type RoomViewFields = Omit<RoomSnapshot, "producers" | "activeSpeakerId">;

export function roomCounts(state: RoomState, index: AudienceIndex): RoomCounts {
  return { stage: state.stage.size, audience: index.audienceCount, hands: state.handQueue.length };
}

function membersOf(state: RoomState, userIds: readonly string[]): Member[] {
  return userIds.flatMap((userId) => state.members.get(userId) ?? []);
}

/**
 * One page of the audience after `cursor` (undefined: the first page). A cursor that does not
 * decode is `null` here, for the shell to refuse as invalid_input: a bad cursor is the caller's
 * mistake, never a silent restart from the top.
 */
export function audiencePage(
  state: RoomState,
  index: AudienceIndex,
  cursor: string | undefined,
  limit: number,
): AudiencePage | null {
  const after = cursor === undefined ? null : decodeCursor(cursor);
  if (after === null && cursor !== undefined) return null;
  const page = index.page(after, limit);
  return {
    members: membersOf(state, page.userIds),
    nextCursor: page.more && page.last ? encodeCursor(page.last) : null,
  };
}

/**
 * The bounded view of the room for one member: the whole stage (small by rule), the first page
 * of the audience, up to a page of listeners they follow, their own seat, and exact counts. The
 * hand queue is for those who take questions (hosts, moderators); others see only their own hand.
 */
export function roomViewFor(
  state: RoomState,
  index: AudienceIndex,
  viewer: { userId: string; followingIds: readonly string[] },
  pageSize: number,
): RoomViewFields {
  const self = state.members.get(viewer.userId) ?? null;
  const stage = [...state.stage.values()].sort(byArrival);
  const followedAudience = viewer.followingIds
    .filter((userId) => index.hasListener(userId))
    .slice(0, pageSize)
    .flatMap((userId) => state.members.get(userId) ?? [])
    .sort(byArrival);
  const moderates = self !== null && canModerate(self);
  const raisedHands = moderates
    ? membersOf(state, state.handQueue)
    : self?.handRaisedAt != null
      ? [self]
      : [];
  return {
    roomId: state.roomId,
    title: state.title,
    status: state.status,
    hostId: state.hostId,
    version: state.version,
    stage,
    audience: audiencePage(state, index, undefined, pageSize) ?? { members: [], nextCursor: null },
    followedAudience,
    self,
    raisedHands,
    counts: roomCounts(state, index),
    handRaisingEnabled: state.handRaisingEnabled,
    musicMode: state.musicMode,
    recording: state.recording,
    stageLimit: state.stageLimit,
  };
}
