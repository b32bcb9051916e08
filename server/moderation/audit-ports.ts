import { AUDIT_ACTION_NAMES } from "../../src/shared/protocol";

/**
 * The audit log: every moderation action, in rooms and on the platform, appended with who did it
 * to whom, where, when and why. Append-only down to the database (a trigger refuses UPDATE and
 * DELETE on its table); the console reads it, filters it and exports it as CSV.
 */
// One list for the server and the console's filter: src/shared/protocol/staff-schemas.ts.
export const AUDIT_ACTIONS = AUDIT_ACTION_NAMES;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditRecord = {
  action: AuditAction;
  /** Who acted; null for the server itself (a word filter, a room that ended by its rules). */
  actorId: string | null;
  targetUserId?: string | null;
  roomId?: string | null;
  reason?: string;
  /** Facts particular to the action (a suspension's end, a filter's phrase ...). */
  details?: Record<string, string | number | boolean | null>;
  at?: Date;
};

export interface AuditLog {
  /**
   * Appends one entry (names of the actor, target and room are copied in, so the entry still reads
   * after they are gone). Never throws: a failed append is logged, and the action it records stands.
   */
  record(entry: AuditRecord): Promise<void>;
}
