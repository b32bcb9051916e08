import { describe, expect, it } from "vitest";
import {
  matchesHallwayQuery,
  mostUsed,
  rankRooms,
  type RankableRoom,
} from "../../server/domain/hallway-ranking";

const room = (id: string, over: Partial<RankableRoom> = {}): RankableRoom => ({
  id,
  title: `Room ${id}`,
  description: "",
  topics: [],
  language: "en",
  stageUserIds: [],
  memberCount: 1,
  startedAt: 0,
  ...over,
});

describe("hallway ranking", () => {
  it("[RANK-1] rooms with people the viewer follows on stage come first, more followed first", () => {
    const rooms = [
      room("big", { memberCount: 500, stageUserIds: ["x"] }),
      room("one-friend", { memberCount: 3, stageUserIds: ["ann", "x"] }),
      room("two-friends", { memberCount: 2, stageUserIds: ["ann", "ben"] }),
    ];
    const ranked = rankRooms(rooms, new Set(["ann", "ben"]));
    expect(ranked.map((r) => r.id)).toEqual(["two-friends", "one-friend", "big"]);
    expect(ranked.map((r) => r.followedSpeakerCount)).toEqual([2, 1, 0]);
  });

  it("[RANK-2] among equals, bigger rooms first, then newer, then by id (stable between refreshes)", () => {
    const rooms = [
      room("b", { memberCount: 5, startedAt: 10 }),
      room("a", { memberCount: 5, startedAt: 10 }),
      room("new", { memberCount: 5, startedAt: 20 }),
      room("huge", { memberCount: 50, startedAt: 1 }),
    ];
    expect(rankRooms(rooms, new Set()).map((r) => r.id)).toEqual(["huge", "new", "a", "b"]);
  });

  it("[RANK-3] following someone who is only listening does not lift a room", () => {
    const rooms = [
      room("listening", { memberCount: 2, stageUserIds: ["x"] }),
      room("bigger", { memberCount: 3 }),
    ];
    expect(rankRooms(rooms, new Set(["y"])).map((r) => r.id)).toEqual(["bigger", "listening"]);
  });
});

describe("hallway search and filters", () => {
  const jazz = room("jazz", {
    title: "Late night Jazz",
    description: "Standards and stories",
    topics: ["music", "jazz"],
    language: "fr",
  });

  it("[SEARCH-1] free text matches title, description or topic, case-insensitively", () => {
    expect(matchesHallwayQuery(jazz, { q: "JAZZ" })).toBe(true);
    expect(matchesHallwayQuery(jazz, { q: "stories" })).toBe(true);
    expect(matchesHallwayQuery(jazz, { q: "mus" })).toBe(true);
    expect(matchesHallwayQuery(jazz, { q: "rust" })).toBe(false);
    expect(matchesHallwayQuery(jazz, { q: "   " })).toBe(true);
  });

  it("[SEARCH-2] topic and language filters match exactly and combine with the text", () => {
    expect(matchesHallwayQuery(jazz, { topic: "music" })).toBe(true);
    expect(matchesHallwayQuery(jazz, { topic: "mus" })).toBe(false);
    expect(matchesHallwayQuery(jazz, { language: "fr", topic: "jazz", q: "night" })).toBe(true);
    expect(matchesHallwayQuery(jazz, { language: "en" })).toBe(false);
  });

  it("[SEARCH-3] filter chips are ordered by how many rooms use them", () => {
    expect(mostUsed(["music", "tech", "music", "art", "tech", "music"])).toEqual(["music", "tech", "art"]);
  });
});
