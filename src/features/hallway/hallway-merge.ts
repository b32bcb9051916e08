import type { Hallway, HallwayCardPush, HallwayRoom } from "@/shared/protocol";

/**
 * The server's ranking (server/domain/hallway-ranking.ts), applied on the client to cards that
 * arrived pushed: followed people on stage first, then bigger rooms, then newer, then the id.
 */
function rank(a: HallwayRoom, b: HallwayRoom): number {
  return (
    b.followedSpeakerCount - a.followedSpeakerCount ||
    b.speakerCount + b.listenerCount - (a.speakerCount + a.listenerCount) ||
    Date.parse(b.startedAt) - Date.parse(a.startedAt) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * Folds a pushed card into this viewer's hallway. A room already listed is updated in place and
 * the list re-ranked. A room not listed returns null: it may not match this viewer's search or
 * filters (which only the server applies), so the caller refetches instead of guessing.
 */
export function mergeCard(hallway: Hallway, pushed: HallwayCardPush): Hallway | null {
  if (!hallway.rooms.some((room) => room.id === pushed.id)) return null;
  const following = new Set(hallway.followingIds);
  const { stageUserIds, ...card } = pushed;
  const room: HallwayRoom = {
    ...card,
    followedSpeakerCount: stageUserIds.filter((id) => following.has(id)).length,
  };
  return { ...hallway, rooms: hallway.rooms.map((r) => (r.id === room.id ? room : r)).sort(rank) };
}

export function removeRoom(hallway: Hallway, roomId: string): Hallway {
  return hallway.rooms.some((room) => room.id === roomId)
    ? { ...hallway, rooms: hallway.rooms.filter((room) => room.id !== roomId) }
    : hallway;
}
