import type { z } from "zod";
import { fail, type Ack, type CurrentUser } from "../../src/shared/protocol";
import { staffRoleOf, type StaffRole } from "../moderation/staff";
import { defineRawRoute, defineRoute, type RawBody, type Route, type RouteContext } from "./api-router";

/** The path every staff API lives under (the permission matrix test walks all of them). */
export const STAFF_API_PREFIX = "/api/admin/";

export type StaffContext<Body> = RouteContext<Body> & { staff: { user: CurrentUser; role: StaffRole } };

/**
 * Declares a staff-only endpoint under /api/admin/. Anyone who is not platform staff (nobody
 * signed in, a member, a room's own host or moderator) gets `forbidden` before the body is even
 * looked at; `minimum: "admin"` keeps an endpoint from moderators too.
 */
export function defineStaffRoute<Body, Out>(
  method: Route["method"],
  path: string,
  bodySchema: z.ZodType<Body> | null,
  fn: (ctx: StaffContext<Body | undefined>) => Promise<Ack<Out>>,
  options: { minimum?: StaffRole } = {},
): Route {
  if (!path.startsWith(STAFF_API_PREFIX)) throw new Error(`staff route outside ${STAFF_API_PREFIX}: ${path}`);
  const route = defineRoute(method, path, bodySchema, (ctx) => {
    const role = staffRoleOf(ctx.user);
    if (!ctx.user || !role)
      return Promise.resolve(fail("forbidden", "This is for the moderators of this server."));
    if (options.minimum === "admin" && role !== "admin")
      return Promise.resolve(fail("forbidden", "Only an admin can do this."));
    return fn({ ...ctx, staff: { user: ctx.user, role } });
  });
  return {
    ...route,
    staffMinimum: options.minimum ?? "moderator",
    // Refuse before reading a body: a stranger's upload costs nothing.
    async handle(request, params, user, token, limits) {
      const role = staffRoleOf(user);
      if (!role) return { ack: fail("forbidden", "This is for the moderators of this server."), headers: {} };
      // A moderator on an admin-only endpoint is refused as early, not told their body was wrong.
      if (options.minimum === "admin" && role !== "admin")
        return { ack: fail("forbidden", "Only an admin can do this."), headers: {} };
      return route.handle(request, params, user, token, limits);
    },
  };
}

/** A staff-only download (a CSV export) under /api/admin/, with the same gate as defineStaffRoute. */
export function defineStaffRawRoute(
  method: Route["method"],
  path: string,
  fn: (ctx: StaffContext<undefined>) => Promise<Ack<RawBody>>,
  options: { minimum?: StaffRole } = {},
): Route {
  if (!path.startsWith(STAFF_API_PREFIX)) throw new Error(`staff route outside ${STAFF_API_PREFIX}: ${path}`);
  const route = defineRawRoute(method, path, (ctx) => {
    const role = staffRoleOf(ctx.user);
    if (!ctx.user || !role)
      return Promise.resolve(fail("forbidden", "This is for the moderators of this server."));
    if (options.minimum === "admin" && role !== "admin")
      return Promise.resolve(fail("forbidden", "Only an admin can do this."));
    return fn({ ...ctx, staff: { user: ctx.user, role } });
  });
  return { ...route, staffMinimum: options.minimum ?? "moderator" };
}
