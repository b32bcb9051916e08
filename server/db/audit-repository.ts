import type { DbClient } from "./db-client";

/** One appended entry, as stored. */
export type AuditEntryInput = {
  action: string;
  actorId: string | null;
  targetUserId: string | null;
  roomId: string | null;
  reason: string;
  details: Record<string, string | number | boolean | null> | null;
  at: Date;
};

/**
 * The audit log's table. Only inserts and reads: the table's trigger refuses UPDATE and DELETE,
 * so not even a bug here could rewrite history.
 */
export class AuditRepository {
  constructor(private readonly db: DbClient) {}

  /** Appends `entry`, copying in the current names of its actor, target and room. */
  async append(entry: AuditEntryInput): Promise<void> {
    const [actor, target, room] = await Promise.all([
      entry.actorId
        ? this.db.user.findUnique({ where: { id: entry.actorId }, select: { displayName: true } })
        : null,
      entry.targetUserId
        ? this.db.user.findUnique({ where: { id: entry.targetUserId }, select: { displayName: true } })
        : null,
      entry.roomId ? this.db.room.findUnique({ where: { id: entry.roomId }, select: { title: true } }) : null,
    ]);
    await this.db.auditEntry.create({
      data: {
        action: entry.action,
        at: entry.at,
        actorId: entry.actorId,
        actorName: actor?.displayName ?? "",
        targetUserId: entry.targetUserId,
        targetName: target?.displayName ?? "",
        roomId: entry.roomId,
        roomTitle: room?.title ?? "",
        reason: entry.reason,
        ...(entry.details ? { details: entry.details } : {}),
      },
    });
  }
}
