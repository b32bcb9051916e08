import type { PrismaClient } from "./generated/prisma/client";
import type { DbClient } from "./db-client";

/** The people columns an invite shows (who made it, who joined with it). */
const personColumns = {
  id: true,
  username: true,
  displayName: true,
  avatarFile: true,
  realNameVerified: true,
} as const;

export type InvitePerson = {
  id: string;
  username: string | null;
  displayName: string;
  avatarFile: string | null;
  realNameVerified: boolean;
};

export type InviteRecord = {
  id: string;
  code: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  createdBy: InvitePerson;
  usedBy: InvitePerson | null;
};

const inviteColumns = {
  id: true,
  code: true,
  createdAt: true,
  expiresAt: true,
  usedAt: true,
  revokedAt: true,
  createdBy: { select: personColumns },
  usedBy: { select: personColumns },
} as const;

/** Invitation codes: created by members within a quota, spent by sign-up, revocable while unused. */
export class InvitesRepository {
  constructor(private readonly db: DbClient) {}

  findByCode(code: string): Promise<InviteRecord | null> {
    return this.db.invite.findUnique({ where: { code }, select: inviteColumns });
  }

  listByCreator(userId: string): Promise<InviteRecord[]> {
    return this.db.invite.findMany({
      where: { createdById: userId },
      select: inviteColumns,
      orderBy: { createdAt: "desc" },
    });
  }

  /** Revokes an unused invite of `userId`; "not_found" for others' or unknown ids. */
  async revoke(userId: string, inviteId: string, now: Date): Promise<"revoked" | "used" | "not_found"> {
    const { count } = await this.db.invite.updateMany({
      where: { id: inviteId, createdById: userId, usedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    if (count === 1) return "revoked";
    const invite = await this.db.invite.findFirst({
      where: { id: inviteId, createdById: userId },
      select: { usedAt: true, revokedAt: true },
    });
    if (invite === null) return "not_found";
    return invite.usedAt !== null ? "used" : "revoked";
  }
}

/**
 * Creates an invite unless `userId` already holds `quota` of them (used or still open; revoked
 * ones free their slot). The user's row is locked for the transaction, so two simultaneous
 * requests cannot both take the last slot.
 */
export async function createInviteWithinQuota(
  prisma: PrismaClient,
  input: { userId: string; code: string; expiresAt: Date; quota: number; now: Date },
): Promise<InviteRecord | null> {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${input.userId} FOR UPDATE`;
    const held = await tx.invite.count({ where: { createdById: input.userId, revokedAt: null } });
    if (held >= input.quota) return null;
    return tx.invite.create({
      data: { code: input.code, createdById: input.userId, expiresAt: input.expiresAt, createdAt: input.now },
      select: inviteColumns,
    });
  });
}
