import { createRoomBodySchema, fail, ok, signInBodySchema } from "../../src/shared/protocol";
import { defineRoute, type Route } from "./api-router";
import { clearedSessionCookie, sessionCookie } from "./cookies";
import type { AccountStore, RoomDirectory } from "./http-ports";

export type ApiRoutesDeps = { accounts: AccountStore; rooms: RoomDirectory; secureCookies: boolean };

/** The JSON API of the app. Every body is a protocol schema; every answer an Ack. */
export function apiRoutes(deps: ApiRoutesDeps): Route[] {
  return [
    defineRoute("GET", "/api/health", null, async () => ok({ status: "ok" })),

    defineRoute("GET", "/api/me", null, async ({ user }) => (user ? ok(user) : fail("unauthorized", "You are not signed in."))),

    // Minimal sign-in by display name: creates a person and a session in one step.
    defineRoute("POST", "/api/session", signInBodySchema, async ({ body, headers }) => {
      if (!body) return fail("invalid_input", "Enter a name.");
      const user = await deps.accounts.createUser(body.displayName);
      const session = await deps.accounts.createSession(user.id);
      headers["set-cookie"] = sessionCookie(session.token, session.expiresAt, deps.secureCookies);
      return ok(user);
    }),

    defineRoute("DELETE", "/api/session", null, async ({ sessionToken, headers }) => {
      if (sessionToken) await deps.accounts.deleteSession(sessionToken);
      headers["set-cookie"] = clearedSessionCookie(deps.secureCookies);
      return ok({});
    }),

    defineRoute("GET", "/api/rooms", null, async () => ok({ rooms: await deps.rooms.listLiveRooms() })),

    defineRoute("POST", "/api/rooms", createRoomBodySchema, async ({ body, user }) => {
      if (!user) return fail("unauthorized", "Sign in to start a room.");
      if (!body) return fail("invalid_input", "A room needs a title.");
      return ok(await deps.rooms.createRoom({ hostId: user.id, title: body.title }));
    }),

    defineRoute("GET", "/api/rooms/:roomId", null, async ({ params }) => {
      const room = params.roomId ? await deps.rooms.findRoom(params.roomId) : null;
      return room ? ok(room) : fail("not_found", "There is no such room.");
    }),
  ];
}
