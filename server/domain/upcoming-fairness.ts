/**
 * The Upcoming list's fairness rule. Pure.
 *
 * Upcoming shows the soonest announcements, but a list of 50 "soonest" would belong to whoever
 * announces most: one person with many rooms just ahead would push everyone else's out. So each
 * host gets at most `perHost` places, their soonest rooms, and the list stays in time order: a
 * host's fourth room never takes the place of another host's first, however soon it is.
 *
 * The rooms given must already be the ones the viewer may see: a room they cannot see never
 * takes a place (nor counts against its host's share). The viewer's own rooms are not held to
 * the share: nobody is crowded out of their own list by themselves, and a host sees everything
 * they announced (at most SCHEDULED_ROOMS_PER_USER).
 */
export type UpcomingCandidate = { id: string; hostId: string; scheduledFor: Date };

/**
 * Soonest first (ties by id, so the order is stable), at most `perHost` per host except the
 * viewer (`viewerId`, null for a guest), at most `limit` in all.
 */
export function fairUpcoming<T extends UpcomingCandidate>(
  rooms: readonly T[],
  options: { perHost: number; limit: number; viewerId: string | null },
): T[] {
  const inTimeOrder = [...rooms].sort(
    (a, b) => a.scheduledFor.getTime() - b.scheduledFor.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const placesTaken = new Map<string, number>();
  const chosen: T[] = [];
  for (const room of inTimeOrder) {
    if (chosen.length >= options.limit) break;
    const taken = placesTaken.get(room.hostId) ?? 0;
    if (taken >= options.perHost && room.hostId !== options.viewerId) continue;
    placesTaken.set(room.hostId, taken + 1);
    chosen.push(room);
  }
  return chosen;
}
