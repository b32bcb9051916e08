import { adminRoomsQuerySchema, endRoomBodySchema, fail, ok, toInputIssues } from "../../src/shared/protocol";
import type { LiveRooms } from "../moderation/live-rooms";
import { RoomError } from "../rooms/room-ports";
import type { Route } from "./api-router";
import { defineStaffRoute } from "./staff-route";

/** The console's live rooms (GET /api/admin/rooms?sort=) and ending one with a reason. */
export function adminRoomRoutes(liveRooms: LiveRooms): Route[] {
  return [
    defineStaffRoute("GET", "/api/admin/rooms", null, async ({ request }) => {
      const params = new URL(request.url ?? "/", "http://localhost").searchParams;
      const query = adminRoomsQuerySchema.safeParse(Object.fromEntries(params));
      if (!query.success)
        return fail("invalid_input", "Sort by size, reports or age.", toInputIssues(query.error));
      return ok(await liveRooms.list(query.data.sort));
    }),

    defineStaffRoute(
      "POST",
      "/api/admin/rooms/:roomId/end",
      endRoomBodySchema,
      async ({ params, body, staff }) => {
        if (!body) return fail("invalid_input", "Say why the room is ended.");
        try {
          await liveRooms.end(staff.user.id, params.roomId ?? "", body.reason);
          return ok({});
        } catch (error) {
          if (error instanceof RoomError) return fail(error.code, error.message);
          throw error;
        }
      },
    ),
  ];
}
