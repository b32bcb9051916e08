import type { IncomingMessage } from "node:http";
import {
  auditQuerySchema,
  fail,
  ok,
  toInputIssues,
  type AuditEntryView,
  type AuditQuery,
} from "../../src/shared/protocol";
import { auditCsv } from "../moderation/audit-csv";
import type { StaffStore } from "../moderation/platform-ports";
import type { Route } from "./api-router";
import { defineStaffRawRoute, defineStaffRoute } from "./staff-route";

/** Most rows one CSV export holds; narrow the filters for more. */
export const AUDIT_CSV_MAX_ROWS = 20_000;
const PAGE = 500;

function queryOf(request: IncomingMessage) {
  const url = new URL(request.url ?? "/", "http://localhost");
  return auditQuerySchema.safeParse(Object.fromEntries(url.searchParams));
}

/** The audit log in the console: filtered pages, newest first, and the same as a CSV file. */
export function adminAuditRoutes(deps: { store: StaffStore }): Route[] {
  return [
    defineStaffRoute("GET", "/api/admin/audit", null, async ({ request }) => {
      const query = queryOf(request);
      if (!query.success)
        return fail("invalid_input", "Please check the filters.", toInputIssues(query.error));
      return ok(await deps.store.listAudit({ ...query.data, limit: query.data.limit ?? 50 }));
    }),
    defineStaffRawRoute("GET", "/api/admin/audit.csv", async ({ request, headers }) => {
      const query = queryOf(request);
      if (!query.success)
        return fail("invalid_input", "Please check the filters.", toInputIssues(query.error));
      const entries = await allEntries(deps.store, query.data);
      headers["content-disposition"] =
        `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`;
      headers["cache-control"] = "no-store";
      return ok({ contentType: "text/csv; charset=utf-8", text: auditCsv(entries) });
    }),
  ];
}

async function allEntries(store: StaffStore, query: AuditQuery): Promise<AuditEntryView[]> {
  const entries: AuditEntryView[] = [];
  let cursor: string | undefined = undefined;
  while (entries.length < AUDIT_CSV_MAX_ROWS) {
    const page: { entries: AuditEntryView[]; next: string | null } = await store.listAudit({
      ...query,
      cursor,
      limit: PAGE,
    });
    entries.push(...page.entries);
    if (!page.next) break;
    cursor = page.next;
  }
  return entries.slice(0, AUDIT_CSV_MAX_ROWS);
}
