import { fail, ok } from "../../src/shared/protocol";
import { staffRoleOf } from "../moderation/staff";
import { RoomError } from "../rooms/room-ports";
import type { RoomStatsReader } from "../rooms/room-stats-reader";
import { defineRoute, type Route } from "./api-router";

/**
 * A room's statistics over HTTP rather than the room's socket: the host reads them after the
 * room ended (no room to be in) and staff from the console (never joined), and a live chart
 * refreshes with a plain GET every few seconds.
 */
export function roomStatsRoutes(reader: RoomStatsReader): Route[] {
  return [
    defineRoute("GET", "/api/rooms/:roomId/stats", null, async ({ params, user }) => {
      if (!user) return fail("unauthorized", "Sign in to see a room's stats.");
      try {
        return ok(
          await reader.read(params.roomId ?? "", { userId: user.id, staff: staffRoleOf(user) !== null }),
        );
      } catch (error) {
        if (error instanceof RoomError) return fail(error.code, error.message);
        throw error;
      }
    }),
  ];
}
