import { createReportBodySchema, fail } from "../../src/shared/protocol";
import type { ReportService } from "../moderation/report-service";
import { defineRoute, type Route } from "./api-router";

/** A signed-in member reports a room or a person (guests have no session, so cannot). */
export function reportRoutes(reports: ReportService): Route[] {
  return [
    defineRoute("POST", "/api/reports", createReportBodySchema, async ({ body, user }) => {
      if (!user) return fail("unauthorized", "Sign in to report a room or a person.");
      if (!body) return fail("invalid_input", "Pick what the report is about.");
      return reports.file(user.id, body);
    }),
  ];
}
