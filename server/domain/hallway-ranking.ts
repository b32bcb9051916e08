import type { HallwayQuery } from "../../src/shared/protocol";

/** What ranking and search need of a live room. */
export type RankableRoom = {
  id: string;
  title: string;
  description: string;
  topics: readonly string[];
  language: string;
  stageUserIds: readonly string[];
  memberCount: number;
  startedAt: number;
};

/**
 * Orders the hallway for one viewer: rooms with more people the viewer follows on stage first
 * (someone you follow is talking: that is why you open the app), then bigger rooms (where the
 * conversation is), then newer ones; the id breaks ties so the order is stable between refreshes.
 */
export function rankRooms<R extends RankableRoom>(
  rooms: readonly R[],
  followingIds: ReadonlySet<string>,
): (R & { followedSpeakerCount: number })[] {
  return rooms
    .map((room) => ({
      ...room,
      followedSpeakerCount: room.stageUserIds.filter((id) => followingIds.has(id)).length,
    }))
    .sort(
      (a, b) =>
        b.followedSpeakerCount - a.followedSpeakerCount ||
        b.memberCount - a.memberCount ||
        b.startedAt - a.startedAt ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

/** Free text matches title, description or a topic (case-insensitive); topic and language must match exactly. */
export function matchesHallwayQuery(room: RankableRoom, query: HallwayQuery): boolean {
  if (query.topic !== undefined && !room.topics.includes(query.topic)) return false;
  if (query.language !== undefined && room.language !== query.language) return false;
  const text = query.q?.trim().toLowerCase();
  if (!text) return true;
  return (
    room.title.toLowerCase().includes(text) ||
    room.description.toLowerCase().includes(text) ||
    room.topics.some((topic) => topic.includes(text))
  );
}

/** Tags (or languages) by how many rooms use them, most used first, then alphabetically. */
export function mostUsed(values: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([value]) => value);
}
