import { fail, ok, type Ack, type PlatformActionBody, type StaffRoleBody } from "../../src/shared/protocol";
import type { Logger } from "../logging/logger";
import type { Notifier } from "../notifications/notification-ports";
import type { AuditLog } from "./audit-ports";
import type { LiveSanctions, SanctionTarget, StaffStore } from "./platform-ports";
import { mayActOn, type StaffRole } from "./staff";

export type PlatformActionsDeps = {
  store: StaffStore;
  live: LiveSanctions;
  notifier: Notifier;
  audit: AuditLog;
  logger: Logger;
  now: () => Date;
};

type Staff = { id: string; role: StaffRole };

const HOUR_MS = 60 * 60 * 1000;

/** A person's standing after an action, for the console to show at once. */
export type StandingAfter = { suspendedUntil: string | null; bannedAt: string | null };

/**
 * Staff's actions on a person: warn, suspend for a while, ban, lift; and the admin's grant and
 * revocation of the moderator role. Every action needs a reason and lands in the audit log. A
 * suspension or ban takes effect at once: the person's rooms end, they leave every room, their
 * sessions are deleted and their sockets closed.
 */
export class PlatformActions {
  constructor(private readonly deps: PlatformActionsDeps) {}

  async act(staff: Staff, username: string, body: PlatformActionBody): Promise<Ack<StandingAfter>> {
    const target = await this.deps.store.findByUsername(username);
    const refusal = this.refusal(staff, target);
    if (refusal || !target) return refusal ?? fail("not_found", "There is nobody with that username.");
    const now = this.deps.now();
    switch (body.action) {
      case "warn":
        await this.deps.notifier.notify([target.id], {
          kind: "staff_warning",
          actorId: staff.id,
          text: body.reason,
        });
        await this.record(staff, target, "platform.warn", body.reason);
        return ok(standingOf(target));
      case "suspend": {
        const hours = body.duration.unit === "days" ? body.duration.amount * 24 : body.duration.amount;
        const until = new Date(now.getTime() + hours * HOUR_MS);
        await this.deps.store.setSanction(target.id, {
          suspendedUntil: until,
          bannedAt: target.bannedAt,
          reason: body.reason,
        });
        await this.record(staff, target, "platform.suspend", body.reason, {
          until: until.toISOString(),
          duration: `${body.duration.amount} ${body.duration.unit}`,
        });
        await this.takeOut(target.id, { kind: "suspended", reason: body.reason, until: until.toISOString() });
        return ok({ suspendedUntil: until.toISOString(), bannedAt: target.bannedAt?.toISOString() ?? null });
      }
      case "ban":
        await this.deps.store.setSanction(target.id, {
          suspendedUntil: target.suspendedUntil,
          bannedAt: now,
          reason: body.reason,
        });
        await this.record(staff, target, "platform.ban", body.reason);
        await this.takeOut(target.id, { kind: "banned", reason: body.reason, until: null });
        return ok({
          suspendedUntil: target.suspendedUntil?.toISOString() ?? null,
          bannedAt: now.toISOString(),
        });
      case "lift":
        if (!target.bannedAt && !target.suspendedUntil)
          return fail("invalid_state", `${target.displayName} is neither suspended nor banned.`);
        await this.deps.store.setSanction(target.id, { suspendedUntil: null, bannedAt: null, reason: null });
        await this.record(staff, target, "platform.lift", body.reason);
        return ok({ suspendedUntil: null, bannedAt: null });
    }
  }

  /** Admins only (the route says so): makes someone a platform moderator, or no longer one. */
  async setModerator(
    staff: Staff,
    username: string,
    body: StaffRoleBody,
  ): Promise<Ack<{ moderator: boolean }>> {
    const target = await this.deps.store.findByUsername(username);
    if (!target) return fail("not_found", "There is nobody with that username.");
    if (target.id === staff.id) return fail("forbidden", "You cannot change your own role.");
    if (target.isAdmin) return fail("invalid_state", `${target.displayName} is an admin already.`);
    if (target.isModerator === body.moderator)
      return fail(
        "invalid_state",
        body.moderator
          ? `${target.displayName} is a moderator already.`
          : `${target.displayName} is not a moderator.`,
      );
    await this.deps.store.setModerator(target.id, body.moderator);
    await this.record(staff, target, body.moderator ? "staff.grant" : "staff.revoke", body.reason, {
      role: "moderator",
    });
    return ok({ moderator: body.moderator });
  }

  private refusal(staff: Staff, target: SanctionTarget | null): Ack<never> | null {
    if (!target) return fail("not_found", "There is nobody with that username.");
    if (target.id === staff.id) return fail("forbidden", "You cannot take a platform action on yourself.");
    if (!mayActOn(staff.role, target)) return fail("forbidden", "Only an admin can act on an admin.");
    return null;
  }

  /** Everything a suspension or ban does at once; each step on its own, so one failing leaves the rest done. */
  private async takeOut(
    userId: string,
    notice: { kind: "suspended" | "banned"; reason: string; until: string | null },
  ): Promise<void> {
    const { live, store, logger } = this.deps;
    live.tell(userId, notice);
    await live
      .takeOutOfRooms(userId)
      .catch((error: unknown) => logger.error({ err: error, userId }, "not taken out of rooms"));
    const sessions = await store.revokeSessions(userId);
    live.sessionsEnded(sessions);
    logger.info({ userId, kind: notice.kind, sessions: sessions.length }, "account sanctioned");
  }

  private record(
    staff: Staff,
    target: SanctionTarget,
    action:
      | "platform.warn"
      | "platform.suspend"
      | "platform.ban"
      | "platform.lift"
      | "staff.grant"
      | "staff.revoke",
    reason: string,
    details?: Record<string, string>,
  ): Promise<void> {
    return this.deps.audit.record({
      action,
      actorId: staff.id,
      targetUserId: target.id,
      reason,
      ...(details ? { details } : {}),
      at: this.deps.now(),
    });
  }
}

function standingOf(target: SanctionTarget): StandingAfter {
  return {
    suspendedUntil: target.suspendedUntil?.toISOString() ?? null,
    bannedAt: target.bannedAt?.toISOString() ?? null,
  };
}
