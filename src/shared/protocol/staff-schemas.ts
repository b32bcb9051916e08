import { z } from "zod";
import { idSchema } from "./room-schemas";

/** Why staff act: always required, shown to the person (warnings, suspensions, bans) and logged. */
export const staffReasonSchema = z
  .string()
  .trim()
  .min(3, "Give a reason of at least 3 characters.")
  .max(500, "Keep the reason under 500 characters.");

/** How long a suspension lasts: hours or days, up to a year. */
export const suspensionDurationSchema = z.object({
  amount: z.number().int().min(1).max(365),
  unit: z.enum(["hours", "days"]),
});
export type SuspensionDuration = z.infer<typeof suspensionDurationSchema>;

/** One platform action on a person, by staff (POST /api/admin/people/:username/actions). */
export const platformActionBodySchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("warn"), reason: staffReasonSchema }),
  z.object({ action: z.literal("suspend"), reason: staffReasonSchema, duration: suspensionDurationSchema }),
  z.object({ action: z.literal("ban"), reason: staffReasonSchema }),
  z.object({ action: z.literal("lift"), reason: staffReasonSchema }),
]);
export type PlatformActionBody = z.infer<typeof platformActionBodySchema>;

/** Admins grant or revoke the platform moderator role (POST /api/admin/people/:username/role). */
export const staffRoleBodySchema = z.object({ moderator: z.boolean(), reason: staffReasonSchema });
export type StaffRoleBody = z.infer<typeof staffRoleBodySchema>;

/** A person's platform standing as staff see it. Dates are ISO strings. */
export const accountStandingSchema = z.object({
  role: z.enum(["admin", "moderator"]).nullable(),
  suspendedUntil: z.string().nullable(),
  bannedAt: z.string().nullable(),
  sanctionReason: z.string().nullable(),
});
export type AccountStanding = z.infer<typeof accountStandingSchema>;

/** A row of the people search. */
export const staffPersonSchema = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  createdAt: z.string(),
  standing: accountStandingSchema,
});
export type StaffPerson = z.infer<typeof staffPersonSchema>;

/** One audit log entry (names as they were when it was written). */
export const auditEntryViewSchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  targetUserId: z.string().nullable(),
  targetName: z.string(),
  roomId: z.string().nullable(),
  roomTitle: z.string(),
  reason: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
});
export type AuditEntryView = z.infer<typeof auditEntryViewSchema>;

/** A report as the person page lists it (read-only here). */
export const personReportSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  category: z.string(),
  status: z.string(),
  details: z.string(),
  reporterName: z.string().nullable(),
  targetName: z.string().nullable(),
  roomTitle: z.string().nullable(),
});
export type PersonReport = z.infer<typeof personReportSchema>;

/** A room the person hosted, newest first. */
export const hostedRoomSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
  endReason: z.string().nullable(),
});
export type HostedRoom = z.infer<typeof hostedRoomSchema>;

/** Everything the person page shows (GET /api/admin/people/:username). */
export const personDossierSchema = z.object({
  person: staffPersonSchema,
  reportsAbout: z.array(personReportSchema),
  reportsBy: z.array(personReportSchema),
  hostedRooms: z.array(hostedRoomSchema),
  history: z.array(auditEntryViewSchema),
});
export type PersonDossier = z.infer<typeof personDossierSchema>;

/**
 * Audit log filters (query string of GET /api/admin/audit and /api/admin/audit.csv). Dates are
 * YYYY-MM-DD or ISO; `to` is inclusive of its whole day when given as a date.
 */
export const auditQuerySchema = z.object({
  action: z.string().max(64).optional(),
  actor: z.string().max(64).optional(),
  target: z.string().max(64).optional(),
  room: z.string().max(64).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/**
 * Sent to every tab of a person just before staff's suspension or ban disconnects them; the page
 * says why and until when. `until` is null for a ban.
 */
export const accountSanctionedSchema = z.object({
  kind: z.enum(["suspended", "banned"]),
  reason: z.string(),
  until: z.string().nullable(),
});
export type AccountSanctioned = z.infer<typeof accountSanctionedSchema>;

/** The audit log's action names: what the server records (audit-ports.ts) and the console filters by. */
export const AUDIT_ACTION_NAMES = [
  // In rooms, by their hosts and moderators (or by staff).
  "room.mute",
  "room.move_to_audience",
  "room.remove",
  "room.block",
  "room.end",
  // In a room's chat, by its hosts and moderators.
  "chat.delete",
  "chat.mute",
  "chat.unmute",
  "chat.settings",
  // On the platform, by staff.
  "platform.warn",
  "platform.suspend",
  "platform.ban",
  "platform.lift",
  "platform.listen_in",
  "report.action",
  "report.dismiss",
  "verification.approve",
  "verification.reject",
  "filter.add",
  "filter.remove",
  "staff.grant",
  "staff.revoke",
] as const;
