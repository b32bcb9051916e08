import { fail, idSchema, updateRecordingRequestSchema, usernameSchema } from "../../src/shared/protocol";
import type { Replays } from "../rooms/replays";
import type { SocialStore } from "./http-ports";
import { defineRoute, type Route } from "./api-router";
import { answer, viewerOf } from "./room-answers";

const noSuchReplay = () => fail("not_found", "There is no such replay.");

/** Replays over HTTP: a room's replays, the host's publish switch and delete, a profile's list. */
export function replayRoutes(deps: { replays: Replays; social: Pick<SocialStore, "profile"> }): Route[] {
  return [
    defineRoute("GET", "/api/rooms/:roomId/replays", null, async ({ request, params, user }) => {
      const key = new URL(request.url ?? "/", "http://localhost").searchParams.get("key") ?? undefined;
      return answer(async () => ({
        replays: await deps.replays.forRoom(params.roomId ?? "", viewerOf(user), key),
      }));
    }),

    defineRoute(
      "PUT",
      "/api/recordings/:id",
      updateRecordingRequestSchema,
      async ({ params, body, user }) => {
        if (!user) return fail("unauthorized", "Sign in first.");
        const id = idSchema.safeParse(params.id);
        if (!id.success) return noSuchReplay();
        if (!body) return fail("invalid_input", "Say whether the replay is published.");
        return answer(async () => {
          await deps.replays.setPublished(id.data, viewerOf(user), body.published);
          return { published: body.published };
        });
      },
    ),

    defineRoute("DELETE", "/api/recordings/:id", null, async ({ params, user }) => {
      if (!user) return fail("unauthorized", "Sign in first.");
      const id = idSchema.safeParse(params.id);
      if (!id.success) return noSuchReplay();
      return answer(async () => {
        await deps.replays.delete(id.data, viewerOf(user));
        return {};
      });
    }),

    defineRoute("GET", "/api/users/:username/replays", null, async ({ params, user }) => {
      const name = usernameSchema.safeParse(params.username);
      const profile = name.success ? await deps.social.profile(name.data, user) : null;
      if (!profile) return fail("not_found", "There is no one with that username.");
      return answer(async () => ({ replays: await deps.replays.onProfile(profile.id, viewerOf(user)) }));
    }),
  ];
}
