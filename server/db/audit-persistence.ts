import type { AuditLog } from "../moderation/audit-ports";
import type { Logger } from "../logging/logger";
import type { AuditRepository } from "./audit-repository";

/** The audit log port over its repository: appends never throw into the action they record. */
export function createAuditLog(audit: AuditRepository, logger: Logger): AuditLog {
  return {
    async record(entry) {
      try {
        await audit.append({
          action: entry.action,
          actorId: entry.actorId,
          targetUserId: entry.targetUserId ?? null,
          roomId: entry.roomId ?? null,
          reason: entry.reason ?? "",
          details: entry.details ?? null,
          at: entry.at ?? new Date(),
        });
      } catch (error) {
        logger.error({ err: error, action: entry.action }, "audit entry could not be written");
      }
    },
  };
}
