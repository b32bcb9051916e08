import {
  fail,
  ok,
  signInBodySchema,
  signUpBodySchema,
  updateProfileBodySchema,
} from "../../src/shared/protocol";
import type { IncomingMessage } from "node:http";
import type { AccountService, AuthResult } from "../accounts/account-service";
import type { TextScreening } from "../moderation/text-screening";
import type { AccountStore } from "./http-ports";
import { defineRoute, type Route, type RouteContext } from "./api-router";
import { clearedSessionCookie, sessionCookie } from "./cookies";

export type AccountRoutesDeps = {
  service: AccountService;
  accounts: AccountStore;
  secureCookies: boolean;
  guestListening: boolean;
  addressKeyOf: (request: IncomingMessage) => string;
  /** The word filters on display names and bios. */
  screening: TextScreening;
};

/** Sign-up, sign-in, sign-out, the current user and their profile fields. */
export function accountRoutes(deps: AccountRoutesDeps): Route[] {
  // The cookie carries the token; the body only the user (never the token or any hash).
  function answer(result: AuthResult, ctx: RouteContext<unknown>) {
    if (!result.ok) {
      if (result.retryAfterSeconds !== undefined)
        ctx.headers["retry-after"] = String(result.retryAfterSeconds);
      return { ok: false as const, error: result.error };
    }
    ctx.headers["set-cookie"] = sessionCookie(result.data.token, result.data.expiresAt, deps.secureCookies);
    return ok(result.data.user);
  }

  return [
    defineRoute("GET", "/api/me", null, ({ user }) =>
      Promise.resolve(user ? ok(user) : fail("unauthorized", "You are not signed in.")),
    ),

    // Who this browser is signed in as, or nobody: 200 either way, so a signed-out page loads
    // without a failed request in the browser's console (the pages ask this, not /api/me).
    defineRoute("GET", "/api/session", null, ({ user }) => Promise.resolve(ok({ user }))),

    defineRoute("GET", "/api/registration", null, () =>
      // Whether the admin slot is still free is not said: it would point a stranger at a fresh install.
      Promise.resolve(ok({ mode: deps.service.mode, guestListening: deps.guestListening })),
    ),

    defineRoute("POST", "/api/signup", signUpBodySchema, async (ctx) => {
      if (!ctx.body) return fail("invalid_input", "Fill in the form.");
      const screened = deps.screening.screen({ displayName: ctx.body.displayName });
      if (!screened.ok) return screened;
      const result = await deps.service.signUp(ctx.body, deps.addressKeyOf(ctx.request));
      if (result.ok) await deps.screening.fileFlags(screened.flagged, { targetUserId: result.data.user.id });
      return answer(result, ctx);
    }),

    defineRoute("POST", "/api/session", signInBodySchema, async (ctx) => {
      if (!ctx.body) return fail("invalid_input", "Enter your username and password.");
      const addressKey = deps.addressKeyOf(ctx.request);
      return answer(await deps.service.signIn(ctx.body.username, ctx.body.password, addressKey), ctx);
    }),

    defineRoute("DELETE", "/api/session", null, async ({ sessionToken, headers }) => {
      // Ends the session and closes every socket it opened (SEC-9).
      if (sessionToken) await deps.service.signOut(sessionToken);
      headers["set-cookie"] = clearedSessionCookie(deps.secureCookies);
      return ok({});
    }),

    defineRoute("POST", "/api/me/profile", updateProfileBodySchema, async ({ body, user }) => {
      if (!user) return fail("unauthorized", "Sign in to edit your profile.");
      if (!body) return fail("invalid_input", "Fill in the form.");
      const screened = deps.screening.screen({ displayName: body.displayName, bio: body.bio });
      if (!screened.ok) return screened;
      const updated = await deps.accounts.updateProfile(user.id, body);
      await deps.screening.fileFlags(screened.flagged, { targetUserId: user.id });
      return ok(updated);
    }),
  ];
}
