import { createRoomBodySchema, fail, hallwayQuerySchema, toInputIssues } from "../../src/shared/protocol";
import type { Logger } from "../logging/logger";
import type { TextScreening } from "../moderation/text-screening";
import type { RoomDirectory } from "../rooms/room-directory";
import { defineRoute, type Route } from "./api-router";
import { answer, viewerOf } from "./room-answers";

/** Rooms over HTTP: create (or schedule), look one up, and the hallway. */
export function roomRoutes(deps: {
  directory: RoomDirectory;
  screening: TextScreening;
  logger: Logger;
}): Route[] {
  return [
    defineRoute("GET", "/api/hallway", null, async ({ request, user }) => {
      const params = new URL(request.url ?? "/", "http://localhost").searchParams;
      // Empty parameters (an emptied search box) mean "no filter", not "match the empty string".
      const query = hallwayQuerySchema.safeParse(
        Object.fromEntries([...params].filter(([, value]) => value.trim() !== "")),
      );
      if (!query.success)
        return fail("invalid_input", "Please check the search.", toInputIssues(query.error));
      return answer(() => deps.directory.hallway(viewerOf(user), query.data));
    }),

    defineRoute("POST", "/api/rooms", createRoomBodySchema, async ({ body, user }) => {
      if (!user) return fail("unauthorized", "Sign in to start a room.");
      if (!body) return fail("invalid_input", "A room needs a title.");
      // The word filters read the title and description of every room started or scheduled.
      const screened = deps.screening.screen({ title: body.title, description: body.description });
      if (!screened.ok) return screened;
      const room = await answer(() => deps.directory.create(user.id, body));
      if (room.ok)
        await deps.screening.fileFlags(screened.flagged, { roomId: room.data.id, targetUserId: user.id });
      if (room.ok)
        deps.logger.info(
          { roomId: room.data.id, userId: user.id, type: room.data.type, status: room.data.status },
          "room created",
        );
      return room;
    }),

    defineRoute("GET", "/api/rooms/:roomId", null, async ({ request, params, user }) => {
      const key = new URL(request.url ?? "/", "http://localhost").searchParams.get("key") ?? undefined;
      return answer(() => deps.directory.details(params.roomId ?? "", viewerOf(user), key));
    }),
  ];
}
