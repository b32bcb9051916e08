/**
 * Platform staff: admins and moderators run the service (the console at /admin), above any room's
 * own host and moderators. An admin may do everything a moderator may, and only an admin may act
 * on an admin (a moderator cannot warn, suspend or ban one).
 */
export type StaffRole = "admin" | "moderator";

export function staffRoleOf(user: { isAdmin: boolean; isModerator: boolean } | null): StaffRole | null {
  if (!user) return null;
  if (user.isAdmin) return "admin";
  return user.isModerator ? "moderator" : null;
}

/** Whether staff of `role` may take a platform action against `target`. */
export function mayActOn(role: StaffRole, target: { isAdmin: boolean }): boolean {
  return role === "admin" || !target.isAdmin;
}
