import type { MyVerification, VerificationQueueItem } from "../../src/shared/protocol";
import type { Logger } from "../logging/logger";
import type { Notifier } from "../notifications/notification-ports";
import { RoomError } from "../rooms/room-ports";
import type { AuditLog } from "./audit-ports";
import type { VerificationStore } from "./verification-ports";

const QUEUE_PAGE = 200;

/**
 * Real-name verification: a person files their legal name (one pending request at a time; again
 * after a rejection), staff approve or reject it. Approval sets the person's verified flag (the
 * badge everywhere); both outcomes notify the person and are audited. The legal name is shown to
 * staff only: it leaves the server in the staff queue and in the person's own settings, nowhere else.
 */
export class VerificationService {
  constructor(
    private readonly deps: {
      store: VerificationStore;
      notifier: Notifier;
      audit: AuditLog;
      now: () => Date;
      logger: Logger;
    },
  ) {}

  async mine(userId: string): Promise<MyVerification> {
    const [verified, latest] = await Promise.all([
      this.deps.store.isVerified(userId),
      this.deps.store.latestFor(userId),
    ]);
    return {
      verified,
      latest: latest && {
        id: latest.id,
        status: latest.status,
        legalName: latest.legalName,
        createdAt: latest.createdAt.toISOString(),
        reason: latest.reason,
      },
    };
  }

  async submit(userId: string, legalName: string): Promise<MyVerification> {
    if (await this.deps.store.isVerified(userId))
      throw new RoomError("invalid_state", "Your real name is already verified.");
    const created = await this.deps.store.createIfNonePending(userId, legalName);
    if (!created)
      throw new RoomError(
        "invalid_state",
        "Your request is already waiting for a moderator. You can send a new one if it is rejected.",
      );
    this.deps.logger.info({ userId, requestId: created.id }, "verification requested");
    return this.mine(userId);
  }

  async queue(): Promise<VerificationQueueItem[]> {
    const pending = await this.deps.store.listPending(QUEUE_PAGE);
    return pending.map((request) => ({
      id: request.id,
      legalName: request.legalName,
      createdAt: request.createdAt.toISOString(),
      user: request.user,
    }));
  }

  async approve(staffId: string, requestId: string): Promise<void> {
    const decided = await this.deps.store.decide(requestId, {
      status: "approved",
      reviewerId: staffId,
      reason: null,
      at: this.deps.now(),
    });
    if (!decided) throw notPending();
    await this.deps.audit.record({
      action: "verification.approve",
      actorId: staffId,
      targetUserId: decided.userId,
      details: { requestId },
    });
    await this.deps.notifier.notify([decided.userId], {
      kind: "verification_approved",
      actorId: null,
      text: "Your real name is verified. Your profile and your place in rooms now show the verified badge.",
    });
  }

  async reject(staffId: string, requestId: string, reason: string): Promise<void> {
    const decided = await this.deps.store.decide(requestId, {
      status: "rejected",
      reviewerId: staffId,
      reason,
      at: this.deps.now(),
    });
    if (!decided) throw notPending();
    await this.deps.audit.record({
      action: "verification.reject",
      actorId: staffId,
      targetUserId: decided.userId,
      reason,
      details: { requestId },
    });
    await this.deps.notifier.notify([decided.userId], {
      kind: "verification_rejected",
      actorId: null,
      text: reason,
    });
  }
}

function notPending(): RoomError {
  return new RoomError("not_found", "That request is not waiting any more (someone decided it already).");
}
