import { randomBytes } from "node:crypto";
import {
  fail,
  ok,
  type Ack,
  type AckError,
  type CurrentUser,
  type MyInvite,
  type RegistrationMode,
  type SignUpBody,
} from "../../src/shared/protocol";
import { dummyPasswordHash, hashPassword, verifyPassword } from "../auth/password";
import { passwordProblem } from "../auth/password-policy";
import { SlidingWindowLimiter } from "../auth/sliding-window-limiter";
import type { Logger } from "../logging/logger";
import type { AccountStore, InviteStore, RegisterRefusal } from "./account-ports";

/** Failed sign-ins allowed per account, and per IP address, in LOGIN_WINDOW_MS. */
export const LOGIN_LIMITS = { perAccount: 5, perIp: 20, windowMs: 15 * 60 * 1000 } as const;

export type SignedIn = { user: CurrentUser; token: string; expiresAt: Date };
export type AuthResult =
  { ok: true; data: SignedIn } | { ok: false; error: AckError; retryAfterSeconds?: number };

export type AccountServiceOptions = {
  accounts: AccountStore;
  invites: InviteStore;
  mode: RegistrationMode;
  invitesPerUser: number;
  inviteTtlDays: number;
  logger: Logger;
  now?: () => Date;
};

const REFUSALS: Record<RegisterRefusal, AckError> = {
  username_taken: {
    code: "invalid_input",
    message: "That username is taken.",
    issues: [{ path: "username", message: "That username is taken." }],
  },
  registration_closed: { code: "forbidden", message: "Sign-up is closed on this server." },
  invite_required: { code: "forbidden", message: "You need an invite link to join this server." },
  invite_used: { code: "forbidden", message: "This invite has already been used." },
  invite_expired: { code: "forbidden", message: "This invite has expired. Ask for a new one." },
  invite_revoked: { code: "forbidden", message: "This invite was withdrawn by the person who made it." },
  invite_unknown: { code: "forbidden", message: "We do not know this invite code. Check the link." },
};

/**
 * Sign-up, sign-in and invites: the rules (password policy, rate limits, quotas) over the stores.
 * Passwords, hashes and tokens are never logged; logs carry user ids only.
 */
export class AccountService {
  private readonly perAccount = new SlidingWindowLimiter(LOGIN_LIMITS.perAccount, LOGIN_LIMITS.windowMs);
  private readonly perIp = new SlidingWindowLimiter(LOGIN_LIMITS.perIp, LOGIN_LIMITS.windowMs);
  private readonly now: () => Date;

  constructor(private readonly options: AccountServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  get mode(): RegistrationMode {
    return this.options.mode;
  }

  async signUp(body: SignUpBody): Promise<AuthResult> {
    const problem = passwordProblem(body.password, body.username);
    if (problem) return fail("invalid_input", problem, [{ path: "password", message: problem }]);
    const passwordHash = await hashPassword(body.password);
    const outcome = await this.options.accounts.register({
      username: body.username,
      displayName: body.displayName,
      passwordHash,
      inviteCode: body.inviteCode,
      mode: this.options.mode,
      now: this.now(),
    });
    if (!outcome.ok) return { ok: false, error: REFUSALS[outcome.reason] };
    this.options.logger.info(
      { userId: outcome.user.id, isAdmin: outcome.user.isAdmin, invited: body.inviteCode !== undefined },
      "account created",
    );
    return ok(await this.startSession(outcome.user));
  }

  async signIn(username: string, password: string, ip: string): Promise<AuthResult> {
    const accountKey = username.toLowerCase();
    const waitMs = Math.max(this.perAccount.retryAfterMs(accountKey), this.perIp.retryAfterMs(ip));
    if (waitMs > 0) {
      const minutes = Math.ceil(waitMs / 60_000);
      this.options.logger.warn({ ip, retryAfterMs: waitMs }, "sign-in rate limited");
      return {
        ...fail(
          "rate_limited",
          `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
        ),
        retryAfterSeconds: Math.ceil(waitMs / 1000),
      };
    }
    const credentials = await this.options.accounts.findCredentials(accountKey);
    // Unknown names cost the same scrypt work as wrong passwords: no enumeration by timing.
    const valid = await verifyPassword(password, credentials?.passwordHash ?? (await dummyPasswordHash()));
    const user = valid && credentials ? await this.options.accounts.findUserById(credentials.userId) : null;
    if (!user) {
      this.perAccount.record(accountKey);
      this.perIp.record(ip);
      return fail("unauthorized", "Wrong username or password.");
    }
    this.perAccount.reset(accountKey);
    return ok(await this.startSession(user));
  }

  async createInvite(user: CurrentUser): Promise<Ack<MyInvite>> {
    const now = this.now();
    // 18 random bytes = 144 bits, 24 url-safe characters: unguessable, short enough to share.
    const code = randomBytes(18).toString("base64url");
    const expiresAt = new Date(now.getTime() + this.options.inviteTtlDays * 24 * 60 * 60 * 1000);
    const invite = await this.options.invites.create({
      userId: user.id,
      code,
      expiresAt,
      quota: this.options.invitesPerUser,
      now,
    });
    if (invite === null) {
      return fail(
        "invalid_state",
        `You have used all ${this.options.invitesPerUser} of your invites. Revoke an unused one to make another.`,
      );
    }
    return ok(invite);
  }

  async listInvites(
    user: CurrentUser,
  ): Promise<Ack<{ invites: MyInvite[]; quota: number; remaining: number }>> {
    const invites = await this.options.invites.listMine(user.id, this.now());
    const held = invites.filter((invite) => invite.status !== "revoked").length;
    return ok({
      invites,
      quota: this.options.invitesPerUser,
      remaining: Math.max(0, this.options.invitesPerUser - held),
    });
  }

  async revokeInvite(user: CurrentUser, inviteId: string): Promise<Ack<Record<string, never>>> {
    const outcome = await this.options.invites.revoke(user.id, inviteId, this.now());
    if (outcome === "not_found") return fail("not_found", "You have no such invite.");
    if (outcome === "used") return fail("invalid_state", "This invite has been used; it cannot be revoked.");
    return ok({});
  }

  previewInvite(code: string) {
    return this.options.invites.preview(code, this.now());
  }

  private async startSession(user: CurrentUser): Promise<SignedIn> {
    const session = await this.options.accounts.createSession(user.id);
    return { user, token: session.token, expiresAt: session.expiresAt };
  }
}
