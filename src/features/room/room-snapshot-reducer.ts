import type { Member, RoomSnapshot, ServerEventPayload } from "@/shared/protocol";

/** A room delta as the client receives it. */
export type RoomDelta =
  | { type: "member-joined"; payload: ServerEventPayload<"room:member-joined"> }
  | { type: "member-updated"; payload: ServerEventPayload<"room:member-updated"> }
  | { type: "member-left"; payload: ServerEventPayload<"room:member-left"> }
  | { type: "ended"; payload: ServerEventPayload<"room:ended"> };

export type DeltaResult = { snapshot: RoomSnapshot; gap: boolean };

function upsert(members: Member[], member: Member): Member[] {
  const index = members.findIndex((m) => m.userId === member.userId);
  if (index === -1) return [...members, member];
  return members.map((m, i) => (i === index ? member : m));
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
    case "member-updated":
      return { snapshot: { ...next, members: upsert(snapshot.members, delta.payload.member) }, gap: false };
    case "member-left":
      return { snapshot: { ...next, members: snapshot.members.filter((m) => m.userId !== delta.payload.userId) }, gap: false };
    case "ended":
      return { snapshot: { ...next, status: "ended" }, gap: false };
  }
}
