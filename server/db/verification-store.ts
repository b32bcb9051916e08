import type { PrismaClient } from "./generated/prisma/client";
import type { DbClient } from "./db-client";
import { AVATAR_URL_PREFIX } from "./account-persistence";
import { TRANSACTION_OPTIONS } from "./room-store";
import type {
  PendingVerification,
  VerificationRecord,
  VerificationStore,
} from "../moderation/verification-ports";

const requestColumns = {
  id: true,
  userId: true,
  legalName: true,
  status: true,
  reason: true,
  createdAt: true,
} as const;

async function pendingOf(db: DbClient, userId: string): Promise<VerificationRecord | null> {
  return db.verificationRequest.findFirst({
    where: { userId, status: "pending" },
    select: requestColumns,
  });
}

/** Real-name verification requests over Prisma (the legal name never leaves through other stores). */
export function createVerificationStore(prisma: PrismaClient): VerificationStore {
  return {
    latestFor: (userId) =>
      prisma.verificationRequest.findFirst({
        where: { userId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: requestColumns,
      }),
    async isVerified(userId) {
      const user = await prisma.user.findUnique({
        where: { id: userId },
        select: { realNameVerified: true },
      });
      return user?.realNameVerified ?? false;
    },
    createIfNonePending: (userId, legalName) =>
      prisma.$transaction(async (tx) => {
        if (await pendingOf(tx, userId)) return null;
        return tx.verificationRequest.create({ data: { userId, legalName }, select: requestColumns });
      }, TRANSACTION_OPTIONS),
    async listPending(limit) {
      const rows = await prisma.verificationRequest.findMany({
        where: { status: "pending" },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: limit,
        select: {
          ...requestColumns,
          user: { select: { id: true, username: true, displayName: true, avatarFile: true } },
        },
      });
      return rows.map((row): PendingVerification => ({
        ...row,
        user: {
          id: row.user.id,
          username: row.user.username ?? "",
          displayName: row.user.displayName,
          avatarUrl: row.user.avatarFile ? `${AVATAR_URL_PREFIX}${row.user.avatarFile}` : null,
        },
      }));
    },
    decide: (id, decision) =>
      prisma.$transaction(async (tx) => {
        const { count } = await tx.verificationRequest.updateMany({
          where: { id, status: "pending" },
          data: {
            status: decision.status,
            reviewerId: decision.reviewerId,
            reviewedAt: decision.at,
            reason: decision.reason,
          },
        });
        if (count !== 1) return null;
        const request = await tx.verificationRequest.findUniqueOrThrow({
          where: { id },
          select: requestColumns,
        });
        if (decision.status === "approved")
          await tx.user.update({ where: { id: request.userId }, data: { realNameVerified: true } });
        return request;
      }, TRANSACTION_OPTIONS),
  };
}
