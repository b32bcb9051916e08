import { fail, ok, setVerifiedBodySchema, usernameSchema } from "../../src/shared/protocol";
import type { SocialStore } from "./http-ports";
import { defineRoute, type Route } from "./api-router";

/** Profiles, follower lists, follow/unfollow, block/unblock, and the admin's verified badge. */
export function socialRoutes(social: SocialStore): Route[] {
  const username = (params: Record<string, string>) => {
    const parsed = usernameSchema.safeParse(params.username);
    return parsed.success ? parsed.data : null;
  };
  const noSuchPerson = () => fail("not_found", "There is no one with that username.");

  return [
    defineRoute("GET", "/api/users/:username", null, async ({ params, user }) => {
      const name = username(params);
      const profile = name ? await social.profile(name, user) : null;
      return profile ? ok(profile) : noSuchPerson();
    }),

    defineRoute("GET", "/api/users/:username/followers", null, async ({ params }) => {
      const name = username(params);
      const people = name ? await social.followers(name) : null;
      return people ? ok({ people }) : noSuchPerson();
    }),

    defineRoute("GET", "/api/users/:username/following", null, async ({ params }) => {
      const name = username(params);
      const people = name ? await social.following(name) : null;
      return people ? ok({ people }) : noSuchPerson();
    }),

    defineRoute("POST", "/api/users/:username/follow", null, async ({ params, user }) => {
      if (!user) return fail("unauthorized", "Sign in to follow people.");
      const name = username(params);
      const outcome = name ? await social.follow(user.id, name) : "not_found";
      if (outcome === "not_found") return noSuchPerson();
      if (outcome === "self") return fail("invalid_input", "You cannot follow yourself.");
      if (outcome === "blocked") return fail("forbidden", "You cannot follow this person.");
      return ok({});
    }),

    defineRoute("DELETE", "/api/users/:username/follow", null, async ({ params, user }) => {
      if (!user) return fail("unauthorized", "Sign in first.");
      const name = username(params);
      return name && (await social.unfollow(user.id, name)) === "ok" ? ok({}) : noSuchPerson();
    }),

    defineRoute("POST", "/api/users/:username/block", null, async ({ params, user }) => {
      if (!user) return fail("unauthorized", "Sign in to block people.");
      const name = username(params);
      const outcome = name ? await social.block(user.id, name) : "not_found";
      if (outcome === "not_found") return noSuchPerson();
      if (outcome === "self") return fail("invalid_input", "You cannot block yourself.");
      return ok({});
    }),

    defineRoute("DELETE", "/api/users/:username/block", null, async ({ params, user }) => {
      if (!user) return fail("unauthorized", "Sign in first.");
      const name = username(params);
      return name && (await social.unblock(user.id, name)) === "ok" ? ok({}) : noSuchPerson();
    }),

    defineRoute(
      "POST",
      "/api/users/:username/verification",
      setVerifiedBodySchema,
      async ({ params, user, body }) => {
        if (!user) return fail("unauthorized", "Sign in first.");
        if (!user.isAdmin) return fail("forbidden", "Only an admin can verify real names.");
        const name = username(params);
        if (!name || !body) return noSuchPerson();
        return (await social.setRealNameVerified(name, body.verified))
          ? ok({ verified: body.verified })
          : noSuchPerson();
      },
    ),
  ];
}
