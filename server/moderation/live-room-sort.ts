import type { AdminRoom, AdminRoomSort } from "../../src/shared/protocol";

/**
 * The console's order of live rooms: biggest first, most reported first, or oldest first. Ties go
 * to the other keys in that order, then the id, so the table never shuffles between refreshes.
 */
export function sortLiveRooms(rooms: readonly AdminRoom[], sort: AdminRoomSort): AdminRoom[] {
  const keys: ((room: AdminRoom) => number)[] = {
    size: [(r: AdminRoom) => r.counts.total, (r: AdminRoom) => r.reportsLastHour, (r: AdminRoom) => r.ageMs],
    reports: [
      (r: AdminRoom) => r.reportsLastHour,
      (r: AdminRoom) => r.counts.total,
      (r: AdminRoom) => r.ageMs,
    ],
    age: [(r: AdminRoom) => r.ageMs, (r: AdminRoom) => r.counts.total, (r: AdminRoom) => r.reportsLastHour],
  }[sort];
  return [...rooms].sort((a, b) => {
    for (const key of keys) {
      const difference = key(b) - key(a);
      if (difference !== 0) return difference;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}
