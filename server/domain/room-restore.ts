import type { Member, Role } from "../../src/shared/protocol";
import { createRoomState, isOnStage, noMembers, type RoomState } from "./room-state";

/** A member as the database remembers them across a restart. */
export type RestoredMember = {
  userId: string;
  displayName: string;
  avatarUrl?: string | null;
  realNameVerified?: boolean;
  role: Role;
  joinedAt: number;
};

/**
 * Rebuilds a live room after a server restart from what was stored: who was in it and in which
 * role, and the settings the host chose (hand raising, music mode). Everything short-lived (mute,
 * hands, invitations) starts fresh: everyone comes back muted. The invariants hold whatever the stored rows say: exactly the stored host is host
 * (anyone else marked host becomes a moderator), and a stage over the limit sends the latest
 * arrivals back to the audience. `version` is the first version of this incarnation; the shell
 * passes the current time so versions never go backwards across restarts.
 */
export function restoreRoomState(input: {
  roomId: string;
  title: string;
  hostId: string;
  stageLimit?: number;
  memberLimit?: number;
  blockedUserIds?: readonly string[];
  coHostIds?: readonly string[];
  version: number;
  members: readonly RestoredMember[];
  settings?: { handRaisingEnabled: boolean; musicMode: boolean };
}): RoomState {
  const base = createRoomState(input);
  const blocked = new Set(base.blockedUserIds);
  const kept: Member[] = [];
  let stageSeats = 0;
  // Earliest arrivals keep their stage seats if the limit shrank; ties broken by id (deterministic).
  const byArrivalOrder = [...input.members].sort(
    (a, b) => a.joinedAt - b.joinedAt || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
  );
  for (const stored of byArrivalOrder) {
    if (blocked.has(stored.userId)) continue;
    let role: Role =
      stored.userId === base.hostId ? "host" : stored.role === "host" ? "moderator" : stored.role;
    const member = toMember(stored, role);
    if (isOnStage(member) && role !== "host" && stageSeats + 1 >= base.stageLimit)
      role = "listener"; // one seat stays the host's
    else if (isOnStage(member) && role !== "host") stageSeats++;
    kept.push({ ...member, role });
  }
  const members = noMembers.withMutations((map) => {
    for (const member of kept) map.set(member.userId, member);
  });
  // A room that was live before the restart had been opened: its last person leaving ends it.
  return {
    ...base,
    version: input.version,
    ...(input.settings ?? {}),
    members,
    stage: members.filter(isOnStage),
    hostArrived: true,
  };
}

function toMember(stored: RestoredMember, role: Role): Member {
  return {
    userId: stored.userId,
    displayName: stored.displayName,
    avatarUrl: stored.avatarUrl ?? null,
    ...(stored.realNameVerified ? { realNameVerified: true } : {}),
    role,
    muted: true,
    joinedAt: stored.joinedAt,
    handRaisedAt: null,
    invitedAt: null,
    isGuest: false,
  };
}
