import type { Member } from "@/shared/protocol";
import type { RoomView } from "./room-snapshot-reducer";

/**
 * The audience as listed: listeners this person follows first, then everyone loaded so far in
 * join order (each person once, and this person's own seat always, even before its page loads).
 */
export function listenersInOrder(view: RoomView | null): Member[] {
  if (!view) return [];
  const first = view.followed;
  const shown = new Set(first.map((m) => m.userId));
  const self =
    view.self?.role === "listener" &&
    !shown.has(view.self.userId) &&
    !view.audience.some((m) => m.userId === view.selfId)
      ? [view.self]
      : [];
  for (const m of self) shown.add(m.userId);
  return [...first, ...self, ...view.audience.filter((m) => !shown.has(m.userId))];
}

/** Everyone this page knows is in the room (the ping sheet greys them out). */
export function knownIds(view: RoomView): string[] {
  return [...view.stage, ...view.followed, ...view.audience].map((m) => m.userId);
}
