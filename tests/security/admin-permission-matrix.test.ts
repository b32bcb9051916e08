import { describe, expect, it } from "vitest";
import { STAFF_API_PREFIX } from "../../server/http/staff-route";
import { call, signUpAdmin } from "../support/staff-helpers";
import { signIn, suiteApp } from "../support/test-app";

const ADMIN = "matrix_admin";

/**
 * [TS-MATRIX] Every route under /api/admin/, as the app registered it (routes other work adds later
 * are covered without touching this test), called by each kind of caller. Non-staff always get
 * `forbidden` (403); admin-only routes refuse moderators too; admins are never refused by the gate.
 */
describe("[TS-MATRIX] the permission matrix of the console's API", () => {
  const s = suiteApp("pglite", { ADMIN_USERNAME: ADMIN, GUEST_LISTENING: "true" });

  it("[TS-MATRIX-1] anonymous, guest, member, moderator and admin over every /api/admin/ route", async () => {
    const routes = s.t.app.routes.filter((route) => route.path.startsWith(STAFF_API_PREFIX));
    // The routes of this branch at least; whatever else is registered is walked too.
    expect(routes.map((route) => `${route.method} ${route.path}`)).toEqual(
      expect.arrayContaining([
        "GET /api/admin/people",
        "GET /api/admin/people/:username",
        "POST /api/admin/people/:username/actions",
        "POST /api/admin/people/:username/role",
        "GET /api/admin/audit",
        "GET /api/admin/audit.csv",
      ]),
    );
    // Every route outside the prefix is not a staff route, and every staff route says its minimum.
    for (const route of s.t.app.routes)
      if (!route.path.startsWith(STAFF_API_PREFIX)) expect(route.staffMinimum).toBeUndefined();
    for (const route of routes) expect(route.staffMinimum).toMatch(/^(moderator|admin)$/);

    const admin = await signUpAdmin(s.url, ADMIN);
    const member = await signIn(s.url, "Mary Member");
    const moderator = await signIn(s.url, "Milo Moderator");
    const granted = await call(s.url, "POST", `/api/admin/people/${moderator.username}/role`, admin.cookie, {
      moderator: true,
      reason: "For the matrix",
    });
    expect(granted.body.ok).toBe(true);
    // A guest has no account: to the HTTP API, a visitor without a session, like anonymous, but
    // with a cookie that names no session (what a guest's browser may carry).
    const callers = {
      anonymous: "",
      guest: "ar_session=not-a-session",
      member: member.cookie,
      moderator: moderator.cookie,
      admin: admin.cookie,
    };
    const checked: string[] = [];
    for (const route of routes) {
      // Params get a harmless value: the gate answers before any lookup.
      const path = route.path.replace(/:[A-Za-z]+/g, member.username);
      const body = route.method === "GET" ? undefined : {};
      for (const [who, cookie] of Object.entries(callers)) {
        const answer = await call(s.url, route.method, path, cookie, body);
        const label = `${who} ${route.method} ${route.path}`;
        const refused = answer.status === 403 && answer.body.error?.code === "forbidden";
        if (who === "anonymous" || who === "guest" || who === "member") expect(refused, label).toBe(true);
        else if (who === "moderator") expect(refused, label).toBe(route.staffMinimum === "admin");
        else
          expect(answer.body.error?.message ?? "", label).not.toMatch(
            /moderators of this server|Only an admin/,
          );
        checked.push(label);
      }
    }
    expect(checked.length).toBe(routes.length * 5);
  });
});
