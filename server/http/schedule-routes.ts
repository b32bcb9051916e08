import { ok } from "../../src/shared/protocol";
import type { ScheduleService } from "../scheduling/schedule-service";
import { requestLocale } from "../i18n/request-locale";
import { defineRawRoute, defineRoute, type Route } from "./api-router";

/**
 * Scheduled rooms over HTTP (bodies and answers in src/shared/protocol/schedule-schemas.ts).
 * Listed before GET /api/rooms/:roomId in apiRoutes, so "upcoming" is not taken for a room id.
 */
export function scheduleRoutes(schedule: ScheduleService): Route[] {
  const roomIdOf = (params: Record<string, string>) => params.roomId ?? "";
  return [
    defineRoute("GET", "/api/rooms/upcoming", null, async ({ user }) =>
      ok({ rooms: await schedule.upcoming(user?.id ?? null) }),
    ),

    defineRoute("GET", "/api/rooms/:roomId/interest", null, ({ params, user }) =>
      schedule.interest(user?.id ?? null, roomIdOf(params)),
    ),
    defineRoute("PUT", "/api/rooms/:roomId/interest", null, ({ params, user }) =>
      schedule.setInterest(user?.id ?? null, roomIdOf(params), true),
    ),
    defineRoute("DELETE", "/api/rooms/:roomId/interest", null, ({ params, user }) =>
      schedule.setInterest(user?.id ?? null, roomIdOf(params), false),
    ),

    defineRoute("POST", "/api/rooms/:roomId/start", null, ({ params, user }) =>
      schedule.start(user?.id ?? null, roomIdOf(params)),
    ),
    defineRoute("POST", "/api/rooms/:roomId/cancel", null, ({ params, user }) =>
      schedule.cancel(user?.id ?? null, roomIdOf(params)),
    ),

    defineRawRoute("GET", "/api/rooms/:roomId/calendar.ics", async ({ request, params, user, headers }) => {
      // The file is read by a person: in the language their pages are in (cookie, else Accept-Language).
      const file = await schedule.calendar(user?.id ?? null, roomIdOf(params), requestLocale(request));
      if (!file.ok) return file;
      // The name is reduced to [\w-] by the service, so it needs no quoting beyond the quotes.
      headers["content-disposition"] = `attachment; filename="${file.data.fileName}"`;
      return ok({ contentType: "text/calendar; charset=utf-8", text: file.data.text });
    }),
  ];
}
