import type { Member, RoomSnapshot, ServerEventPayload } from "@/shared/protocol";

/** A room delta as the client receives it. */
export type RoomDelta =
  | { type: "member-joined"; payload: ServerEventPayload<"room:member-joined"> }
  | { type: "member-updated"; payload: ServerEventPayload<"room:member-updated"> }
  | { type: "member-left"; payload: ServerEventPayload<"room:member-left"> }
  | { type: "member-removed"; payload: ServerEventPayload<"room:member-removed"> }
  | { type: "host-changed"; payload: ServerEventPayload<"room:host-changed"> }
  | { type: "settings-updated"; payload: ServerEventPayload<"room:settings-updated"> }
  | { type: "ended"; payload: ServerEventPayload<"room:ended"> };

export type DeltaResult = { snapshot: RoomSnapshot; gap: boolean };

function upsert(members: Member[], member: Member): Member[] {
  const index = members.findIndex((m) => m.userId === member.userId);
  if (index === -1) return [...members, member];
  return members.map((m, i) => (i === index ? member : m));
}

/** Keeps the hand queue in raise order: a newly raised hand goes to the back, a lowered one leaves. */
function queueAfter(queue: string[], member: Member | null, userId: string): string[] {
  const without = queue.filter((id) => id !== userId);
  if (!member || member.handRaisedAt === null) return without;
  return queue.includes(userId) ? queue : [...without, userId];
}

function removeMember(snapshot: RoomSnapshot, userId: string): Pick<RoomSnapshot, "members" | "handQueue"> {
  return { members: snapshot.members.filter((m) => m.userId !== userId), handQueue: queueAfter(snapshot.handQueue, null, userId) };
}

/**
 * Applies one versioned delta. Old or repeated versions are dropped (no double-apply after a
 * reconnect); a version that skips ahead reports a gap, and the caller rejoins for a fresh snapshot.
 */
export function applyDelta(snapshot: RoomSnapshot, delta: RoomDelta): DeltaResult {
  const version = delta.payload.version;
  if (version <= snapshot.version) return { snapshot, gap: false };
  if (version !== snapshot.version + 1) return { snapshot, gap: true };
  const next = { ...snapshot, version };
  switch (delta.type) {
    case "member-joined":
    case "member-updated": {
      const { member } = delta.payload;
      return { snapshot: { ...next, members: upsert(snapshot.members, member), handQueue: queueAfter(snapshot.handQueue, member, member.userId) }, gap: false };
    }
    case "member-left":
    case "member-removed":
      return { snapshot: { ...next, ...removeMember(snapshot, delta.payload.userId) }, gap: false };
    case "host-changed":
      return { snapshot: { ...next, hostId: delta.payload.hostId }, gap: false };
    case "settings-updated":
      return { snapshot: { ...next, handRaisingEnabled: delta.payload.handRaisingEnabled }, gap: false };
    case "ended":
      return { snapshot: { ...next, status: "ended" }, gap: false };
  }
}
