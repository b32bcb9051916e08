import type { AudiencePage, Member, RoomCounts, RoomSnapshot, ServerEventPayload } from "@/shared/protocol";

/**
 * What the room page knows of a room: the whole stage, the part of the audience loaded so far
 * (in join order, up to `audienceCursor`), the listeners this person follows, their own seat, the
 * hand queue (moderators) and the server's exact counts. Built from the join snapshot, then kept
 * up to date by versioned deltas, audience batches and pages.
 */
export type RoomView = Omit<RoomSnapshot, "audience" | "followedAudience" | "self"> & {
  selfId: string;
  self: Member | null;
  /** Listeners loaded so far, in (joinedAt, userId) order. */
  audience: Member[];
  /** Where the next page starts; null once the loaded audience reaches its end. */
  audienceCursor: string | null;
  /** The key of the last member of the last page loaded: everyone up to it is in `audience`. */
  audienceEnd: { joinedAt: number; userId: string } | null;
  /** Listeners this person follows (shown first); kept apart from the paged list. */
  followed: Member[];
};

/** A versioned room delta as the client receives it. */
export type RoomDelta =
  | { type: "member-joined"; payload: ServerEventPayload<"room:member-joined"> }
  | { type: "member-updated"; payload: ServerEventPayload<"room:member-updated"> }
  | { type: "member-left"; payload: ServerEventPayload<"room:member-left"> }
  | { type: "member-removed"; payload: ServerEventPayload<"room:member-removed"> }
  | { type: "host-changed"; payload: ServerEventPayload<"room:host-changed"> }
  | { type: "settings-updated"; payload: ServerEventPayload<"room:settings-updated"> }
  | { type: "music-mode-changed"; payload: ServerEventPayload<"room:music-mode-changed"> }
  | { type: "recording-changed"; payload: ServerEventPayload<"room:recording-changed"> }
  | { type: "ended"; payload: ServerEventPayload<"room:ended"> };

export type DeltaResult = { view: RoomView; gap: boolean };

export function viewFromSnapshot(snapshot: RoomSnapshot, selfId: string): RoomView {
  const { audience, followedAudience, ...rest } = snapshot;
  return {
    ...rest,
    selfId,
    audience: audience.members,
    audienceCursor: audience.nextCursor,
    audienceEnd: endOf(audience.members),
    followed: followedAudience,
  };
}

function endOf(members: Member[]): RoomView["audienceEnd"] {
  const last = members.at(-1);
  return last ? { joinedAt: last.joinedAt, userId: last.userId } : null;
}

function byArrival(a: Pick<Member, "joinedAt" | "userId">, b: Pick<Member, "joinedAt" | "userId">): number {
  return a.joinedAt - b.joinedAt || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
}

function without(members: Member[], userId: string): Member[] {
  return members.some((m) => m.userId === userId) ? members.filter((m) => m.userId !== userId) : members;
}

function insertSorted(members: Member[], member: Member): Member[] {
  const rest = without(members, member.userId);
  const at = rest.findIndex((m) => byArrival(member, m) < 0);
  return at === -1 ? [...rest, member] : [...rest.slice(0, at), member, ...rest.slice(at)];
}

/**
 * Whether a listener belongs in the loaded part of the audience: when everything is loaded, or
 * when they sort before the last loaded member. Anyone later comes with a later page, so nobody
 * shows twice and nobody is skipped.
 */
function withinLoaded(view: RoomView, member: Member): boolean {
  return (
    view.audienceCursor === null || (view.audienceEnd !== null && byArrival(member, view.audienceEnd) <= 0)
  );
}

export function moderates(view: RoomView): boolean {
  return view.self?.role === "host" || view.self?.role === "moderator";
}

function handsAfter(view: RoomView, member: Member | null, userId: string): Member[] {
  const rest = without(view.raisedHands, userId);
  if (!member || member.handRaisedAt === null || member.role !== "listener") return rest;
  // Only hosts and moderators keep the whole queue; everyone else, their own hand.
  if (!moderates(view) && member.userId !== view.selfId) return rest;
  const index = view.raisedHands.findIndex((m) => m.userId === userId);
  return index === -1 ? [...rest, member] : view.raisedHands.map((m) => (m.userId === userId ? member : m));
}

/** Puts one person where their latest state says: on stage, in the loaded audience, or nowhere yet. */
function place(view: RoomView, member: Member): RoomView {
  const self = member.userId === view.selfId ? member : view.self;
  const next = { ...view, self };
  const listener = member.role === "listener";
  const wasFollowed = view.followed.some((m) => m.userId === member.userId);
  return {
    ...next,
    stage: listener ? without(view.stage, member.userId) : insertSorted(view.stage, member),
    audience:
      listener && withinLoaded(view, member)
        ? insertSorted(view.audience, member)
        : without(view.audience, member.userId),
    followed:
      listener && wasFollowed ? insertSorted(view.followed, member) : without(view.followed, member.userId),
    raisedHands: handsAfter(next, member, member.userId),
  };
}

function drop(view: RoomView, userId: string): RoomView {
  return {
    ...view,
    self: userId === view.selfId ? null : view.self,
    stage: without(view.stage, userId),
    audience: without(view.audience, userId),
    followed: without(view.followed, userId),
    raisedHands: without(view.raisedHands, userId),
  };
}

/**
 * Applies one versioned delta. Old or repeated versions are dropped (no double-apply after a
 * reconnect); a version that skips ahead reports a gap, and the caller rejoins for a fresh snapshot.
 */
export function applyDelta(view: RoomView, delta: RoomDelta): DeltaResult {
  const version = delta.payload.version;
  if (version <= view.version) return { view, gap: false };
  if (version !== view.version + 1) return { view, gap: true };
  const next = { ...view, version };
  switch (delta.type) {
    case "member-joined":
    case "member-updated":
      return { view: { ...place(next, delta.payload.member), counts: delta.payload.counts }, gap: false };
    case "member-left":
    case "member-removed":
      return { view: { ...drop(next, delta.payload.userId), counts: delta.payload.counts }, gap: false };
    case "host-changed":
      return { view: { ...next, hostId: delta.payload.hostId }, gap: false };
    case "settings-updated":
      return { view: { ...next, handRaisingEnabled: delta.payload.handRaisingEnabled }, gap: false };
    case "music-mode-changed":
      return { view: { ...next, musicMode: delta.payload.musicMode }, gap: false };
    case "recording-changed":
      return { view: { ...next, recording: delta.payload.recording }, gap: false };
    case "ended":
      return { view: { ...next, status: "ended" }, gap: false };
  }
}

/**
 * Applies a coalesced audience batch. Arrivals sort last, so they join the list only when it is
 * fully loaded (otherwise a later page brings them). `refetch` asks the caller to reload the
 * first page: the batch was truncated, so some changes are not in it.
 */
export function applyAudienceBatch(
  view: RoomView,
  batch: ServerEventPayload<"room:audience-changed">,
): { view: RoomView; refetch: boolean } {
  let next: RoomView = { ...view, counts: batch.counts };
  for (const userId of batch.left) next = drop(next, userId);
  for (const member of batch.joined) next = place(next, member);
  return { view: next, refetch: batch.truncated };
}

/** Appends a page loaded after the current cursor (or replaces the list with a first page). */
export function applyAudiencePage(
  view: RoomView,
  page: AudiencePage & { counts: RoomCounts },
  first: boolean,
): RoomView {
  let audience = first ? [] : view.audience;
  for (const member of page.members)
    audience = audience.some((m) => m.userId === member.userId) ? audience : [...audience, member];
  const end = endOf(page.members) ?? (first ? null : view.audienceEnd);
  return { ...view, audience, audienceCursor: page.nextCursor, audienceEnd: end, counts: page.counts };
}

/** Anyone this page knows of, wherever they sit. */
export function findMember(view: RoomView, userId: string): Member | null {
  if (view.self?.userId === userId) return view.self;
  return (
    [view.stage, view.followed, view.audience, view.raisedHands].flatMap((list) =>
      list.filter((m) => m.userId === userId),
    )[0] ?? null
  );
}
