import { z } from "zod";
import { fail, ok, platformActionBodySchema, staffRoleBodySchema } from "../../src/shared/protocol";
import type { PlatformActions } from "../moderation/platform-actions";
import type { StaffStore } from "../moderation/platform-ports";
import type { Route } from "./api-router";
import { defineStaffRoute } from "./staff-route";

const searchSchema = z.object({ q: z.string().max(100).default("") });

/** The console's people: search, a person's page, and the platform actions on them. */
export function adminPeopleRoutes(deps: { store: StaffStore; actions: PlatformActions }): Route[] {
  return [
    defineStaffRoute("GET", "/api/admin/people", null, async ({ request }) => {
      const url = new URL(request.url ?? "/", "http://localhost");
      const parsed = searchSchema.safeParse(Object.fromEntries(url.searchParams));
      if (!parsed.success) return fail("invalid_input", "Search for at most 100 characters.");
      return ok({ people: await deps.store.searchPeople(parsed.data.q, 50) });
    }),
    defineStaffRoute("GET", "/api/admin/people/:username", null, async ({ params }) => {
      const dossier = await deps.store.dossier(params.username ?? "");
      return dossier ? ok(dossier) : fail("not_found", "There is nobody with that username.");
    }),
    defineStaffRoute(
      "POST",
      "/api/admin/people/:username/actions",
      platformActionBodySchema,
      ({ params, body, staff }) => {
        if (!body) return Promise.resolve(fail("invalid_input", "Say which action to take."));
        return deps.actions.act({ id: staff.user.id, role: staff.role }, params.username ?? "", body);
      },
    ),
    defineStaffRoute(
      "POST",
      "/api/admin/people/:username/role",
      staffRoleBodySchema,
      ({ params, body, staff }) => {
        if (!body) return Promise.resolve(fail("invalid_input", "Say whether they should be a moderator."));
        return deps.actions.setModerator(
          { id: staff.user.id, role: staff.role },
          params.username ?? "",
          body,
        );
      },
      { minimum: "admin" },
    ),
  ];
}
