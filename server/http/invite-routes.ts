import { fail, inviteCodeSchema, ok } from "../../src/shared/protocol";
import type { AccountService } from "../accounts/account-service";
import { defineRoute, type Route } from "./api-router";

/** A member's invites (create, list, revoke) and the public preview of an invite link. */
export function inviteRoutes(service: AccountService): Route[] {
  return [
    defineRoute("GET", "/api/invites", null, async ({ user }) => {
      if (!user) return fail("unauthorized", "Sign in to see your invites.");
      return service.listInvites(user);
    }),

    defineRoute("POST", "/api/invites", null, async ({ user }) => {
      if (!user) return fail("unauthorized", "Sign in to invite people.");
      return service.createInvite(user);
    }),

    defineRoute("DELETE", "/api/invites/:inviteId", null, async ({ user, params }) => {
      if (!user) return fail("unauthorized", "Sign in to manage your invites.");
      return service.revokeInvite(user, params.inviteId ?? "");
    }),

    // Anyone may look at an invite link (that is how a newcomer arrives); a bad code is an
    // answer ("unknown"), not an error, so the page can explain it.
    defineRoute("GET", "/api/invite-codes/:code", null, async ({ params }) => {
      const code = inviteCodeSchema.safeParse(params.code);
      if (!code.success) return ok({ status: "unknown" as const, inviter: null, expiresAt: null });
      return ok(await service.previewInvite(code.data));
    }),
  ];
}
