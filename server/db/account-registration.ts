import type { PrismaClient } from "./generated/prisma/client";
import { UniqueConstraintError, translateErrors } from "./errors";
import type { UserRecord } from "./records";
import { userColumns } from "./users-repository";

/** Serialises sign-ups (an arbitrary app key, distinct from the migrator's and the tests'). */
const REGISTRATION_LOCK = 7_343_101;

export type RegistrationPolicy = "open" | "invite" | "closed";

export type RegistrationOutcome =
  | { ok: true; user: UserRecord }
  | {
      ok: false;
      reason:
        | "username_taken"
        | "registration_closed"
        | "invite_required"
        | "invite_used"
        | "invite_expired"
        | "invite_revoked"
        | "invite_unknown";
    };

/**
 * Creates an account under the operator's registration policy, in one transaction:
 * - A sign-up that claims the admin slot (ADMIN_USERNAME or the first-run setup code, see
 *   server/accounts/first-admin.ts) becomes the admin while the install has none, and then needs
 *   no invite, whatever the policy. Every other sign-up, the first included, follows the policy.
 *   Sign-ups take a transaction-scoped advisory lock first, so two simultaneous claims are
 *   serialised and exactly one of them finds the slot free.
 * - With `invite`, the code is spent in the same transaction (a conditional update that only
 *   matches an unused, unrevoked, unexpired code), so a code admits one person even under races.
 */
export async function registerAccount(
  prisma: PrismaClient,
  input: {
    username: string;
    displayName: string;
    passwordHash: string;
    inviteCode: string | undefined;
    claimsAdmin: boolean;
    policy: RegistrationPolicy;
    now: Date;
  },
): Promise<RegistrationOutcome> {
  try {
    return await translateErrors(() =>
      prisma.$transaction(async (tx): Promise<RegistrationOutcome> => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REGISTRATION_LOCK})`;
        const takesAdminSlot = input.claimsAdmin && (await tx.user.count({ where: { isAdmin: true } })) === 0;
        let inviteId: string | null = null;
        if (!takesAdminSlot && input.policy === "closed") return { ok: false, reason: "registration_closed" };
        if (!takesAdminSlot && input.policy === "invite") {
          if (!input.inviteCode) return { ok: false, reason: "invite_required" };
          const invite = await tx.invite.findUnique({ where: { code: input.inviteCode } });
          if (invite === null) return { ok: false, reason: "invite_unknown" };
          if (invite.usedAt !== null) return { ok: false, reason: "invite_used" };
          if (invite.revokedAt !== null) return { ok: false, reason: "invite_revoked" };
          if (invite.expiresAt.getTime() <= input.now.getTime())
            return { ok: false, reason: "invite_expired" };
          inviteId = invite.id;
        }
        const user = await tx.user.create({
          data: {
            username: input.username,
            displayName: input.displayName,
            passwordHash: input.passwordHash,
            isAdmin: takesAdminSlot,
            createdAt: input.now,
          },
          select: userColumns,
        });
        if (inviteId !== null) {
          const spent = await tx.invite.updateMany({
            where: { id: inviteId, usedAt: null, revokedAt: null, expiresAt: { gt: input.now } },
            data: { usedAt: input.now, usedById: user.id },
          });
          // Unreachable under the lock, but a spent code must never admit two people.
          if (spent.count !== 1) throw new Error("invite was spent concurrently");
        }
        return { ok: true, user };
      }),
    );
  } catch (error) {
    if (error instanceof UniqueConstraintError) return { ok: false, reason: "username_taken" };
    // Prisma's messages can echo the call's arguments (here: the password hash), and the caller
    // logs what it catches; pass on only the kind of failure.
    const code = error instanceof Error && "code" in error ? String(error.code) : "";
    // eslint-disable-next-line preserve-caught-error -- the cause is exactly what must not reach the logs
    throw new Error(
      `account registration failed (${error instanceof Error ? error.name : "unknown"}${code ? ` ${code}` : ""})`,
    );
  }
}
