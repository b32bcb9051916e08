/** One real-name verification request as the moderation layer sees it. */
export type VerificationRecord = {
  id: string;
  userId: string;
  legalName: string;
  status: "pending" | "approved" | "rejected";
  reason: string | null;
  createdAt: Date;
};

export type PendingVerification = VerificationRecord & {
  user: { id: string; username: string; displayName: string; avatarUrl: string | null };
};

/** Where verification requests live (server/db/verification-store.ts over Prisma). */
export interface VerificationStore {
  /** The person's most recent request, if any. */
  latestFor(userId: string): Promise<VerificationRecord | null>;
  isVerified(userId: string): Promise<boolean>;
  /**
   * Files a request unless one is pending already (then null): one pending request per person,
   * checked and written in one transaction.
   */
  createIfNonePending(userId: string, legalName: string): Promise<VerificationRecord | null>;
  /** Pending requests, oldest first. */
  listPending(limit: number): Promise<PendingVerification[]>;
  /**
   * Decides a pending request (approval also sets the person's verified flag), in one
   * transaction; null when it is not pending (decided meanwhile, or no such request).
   */
  decide(
    id: string,
    decision: { status: "approved" | "rejected"; reviewerId: string; reason: string | null; at: Date },
  ): Promise<VerificationRecord | null>;
}
