import {
  adminReportQuerySchema,
  fail,
  ok,
  resolveReportBodySchema,
  toInputIssues,
} from "../../src/shared/protocol";
import type { ReportCountsByRoom } from "../moderation/report-ports";
import type { ReportService } from "../moderation/report-service";
import type { Route } from "./api-router";
import { defineStaffRoute } from "./staff-route";

/** The console's reports queue: list by status, resolve, and the last hour's counts per room. */
export function adminReportRoutes(deps: { reports: ReportService; counts: ReportCountsByRoom }): Route[] {
  return [
    defineStaffRoute("GET", "/api/admin/reports", null, async ({ request }) => {
      const params = new URL(request.url ?? "/", "http://localhost").searchParams;
      const query = adminReportQuerySchema.safeParse(Object.fromEntries(params));
      if (!query.success)
        return fail("invalid_input", "Please check the filter.", toInputIssues(query.error));
      return deps.reports.page({ ...query.data, cursor: query.data.cursor });
    }),

    defineStaffRoute("GET", "/api/admin/reports/by-room", null, async () => {
      const counts = await deps.counts.reportsLastHourByRoom();
      return ok({ rooms: [...counts].map(([roomId, count]) => ({ roomId, count })) });
    }),

    defineStaffRoute(
      "POST",
      "/api/admin/reports/:reportId/resolve",
      resolveReportBodySchema,
      async ({ body, params, staff }) => {
        if (!body) return fail("invalid_input", "Say what was done.");
        return deps.reports.resolve(staff.user.id, params.reportId ?? "", body);
      },
    ),
  ];
}
