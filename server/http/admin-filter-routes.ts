import { addWordFilterBodySchema, fail, ok } from "../../src/shared/protocol";
import type { StoredWordFilter } from "../moderation/report-ports";
import type { WordFilters } from "../moderation/content-filter";
import type { Route } from "./api-router";
import { defineStaffRoute } from "./staff-route";

const toEntry = (entry: StoredWordFilter) => ({ ...entry, createdAt: entry.createdAt.toISOString() });

/** The console's word filters: list, add, remove (each change audited and applied at once). */
export function adminFilterRoutes(filters: WordFilters): Route[] {
  return [
    defineStaffRoute("GET", "/api/admin/filters", null, async () =>
      ok({ filters: (await filters.list()).map(toEntry) }),
    ),

    defineStaffRoute("POST", "/api/admin/filters", addWordFilterBodySchema, async ({ body, staff }) => {
      if (!body) return fail("invalid_input", "Type the word or phrase.");
      const added = await filters.add(staff.user.id, body.phrase, body.action);
      if (added === "empty")
        return fail("invalid_input", "That phrase has no letters or digits to match.", [
          { path: "phrase", message: "Use letters or digits." },
        ]);
      if (added === "duplicate")
        return fail("invalid_input", "That word is already filtered (or one that matches the same way).", [
          { path: "phrase", message: "Already in the list." },
        ]);
      return ok(toEntry(added));
    }),

    defineStaffRoute("DELETE", "/api/admin/filters/:filterId", null, async ({ params, staff }) => {
      const removed = await filters.remove(staff.user.id, params.filterId ?? "");
      return removed ? ok(toEntry(removed)) : fail("not_found", "There is no such word filter.");
    }),
  ];
}
