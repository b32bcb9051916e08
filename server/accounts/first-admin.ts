import { timingSafeEqual } from "node:crypto";

/**
 * Who may take the admin slot while the server has no admin. Never simply "the first sign-up":
 * on a fresh public install that is whoever finds it first. Instead, explicitly one of:
 * - the operator's `ADMIN_USERNAME` (set before the first start, then sign up with that name), or
 * - the first-run setup code: random per process start, printed in the server's log as a sign-up
 *   link only while there is no admin, so only someone who can read the server's logs has it.
 * Either needs no invite and passes any registration mode, since on a fresh install nobody could
 * invite them.
 */
export type FirstAdminRule = { adminUsername: string | undefined; setupCode: string };

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, "utf8");
  const b = Buffer.from(expected, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether this sign-up may take the admin slot, if it is still free (the store decides that). */
export function claimsAdminSlot(
  rule: FirstAdminRule,
  body: { username: string; inviteCode?: string | undefined },
): boolean {
  if (rule.adminUsername !== undefined && body.username.toLowerCase() === rule.adminUsername.toLowerCase())
    return true;
  return body.inviteCode !== undefined && sameSecret(body.inviteCode, rule.setupCode);
}
