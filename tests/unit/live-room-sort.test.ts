import { describe, expect, it } from "vitest";
import type { AdminRoom } from "../../src/shared/protocol";
import { sortLiveRooms } from "../../server/moderation/live-room-sort";

function room(id: string, total: number, reports: number, ageMs: number): AdminRoom {
  return {
    id,
    title: id,
    type: "open",
    host: { id: "h", displayName: "Host" },
    startedAt: new Date(0).toISOString(),
    ageMs,
    counts: { stage: 1, audience: total - 1, total },
    reportsLastHour: reports,
  };
}

describe("[TS-ROOMS-2] the console's order of live rooms", () => {
  const rooms = [room("a", 5, 0, 1000), room("b", 50, 1, 10), room("c", 5, 3, 99_000), room("d", 5, 0, 1000)];

  it("[TS-ROOMS-2] size: most people first; ties by reports, then age, then id", () => {
    expect(sortLiveRooms(rooms, "size").map((r) => r.id)).toEqual(["b", "c", "a", "d"]);
  });

  it("[TS-ROOMS-2] reports: most reported first; age: oldest first", () => {
    expect(sortLiveRooms(rooms, "reports").map((r) => r.id)).toEqual(["c", "b", "a", "d"]);
    expect(sortLiveRooms(rooms, "age").map((r) => r.id)).toEqual(["c", "a", "d", "b"]);
  });

  it("[TS-ROOMS-2] does not reorder its input", () => {
    sortLiveRooms(rooms, "age");
    expect(rooms.map((r) => r.id)).toEqual(["a", "b", "c", "d"]);
  });
});
