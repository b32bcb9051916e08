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
import type { Limits } from "../config/limits";
import { scryptPasswords, type PasswordHasher } from "../auth/password";
import { passwordProblem } from "../auth/password-policy";
import { SignInGuard, type SignInGate } from "../auth/sign-in-guard";
import { SlidingWindowLimiter } from "../auth/sliding-window-limiter";
import type { Logger } from "../logging/logger";
import type { AccountStore, InviteStore, RegisterRefusal, SessionEndListener } from "./account-ports";
import { claimsAdminSlot, type FirstAdminRule } from "./first-admin";
import { refusalBeforeHashing } from "./sign-up-precheck";
import { sanctionInForce, sanctionMessage, type Standing } from "../moderation/standing";

export type SignedIn = { user: CurrentUser; token: string; expiresAt: Date };
export type AuthResult =
  { ok: true; data: SignedIn } | { ok: false; error: AckError; retryAfterSeconds?: number };

export type AccountServiceOptions = {
  accounts: AccountStore;
  invites: InviteStore;
  mode: RegistrationMode;
  invitesPerUser: number;
  inviteTtlDays: number;
  limits: Pick<Limits, "signIn" | "signUp">;
  /** The sign-in limits' keeper: shared through Redis in a cluster; in memory (SignInGuard) otherwise. */
  signIns?: SignInGate | undefined;
  /** Who may become the admin while there is none (ADMIN_USERNAME or the first-run setup code). */
  firstAdmin: FirstAdminRule;
  logger: Logger;
  /** Told when a session ends (sign-out), so its open sockets are closed. */
  sessionEnded?: SessionEndListener;
  /** A person's platform standing: a suspended or banned account cannot sign in. */
  standings?: { standingOf(userId: string): Promise<Standing | null> };
  /** scrypt unless a test counts or fakes the work. */
  passwords?: PasswordHasher;
  now?: () => Date;
};

const HOUR_MS = 60 * 60 * 1000;

/** "in 8 seconds" / "in 15 minutes": how long a limit asks someone to wait, in words. */
function waitInWords(waitMs: number): string {
  if (waitMs < 60_000) {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    return `${seconds} second${seconds === 1 ? "" : "s"}`;
  }
  const minutes = Math.ceil(waitMs / 60_000);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

function rateLimited(message: string, waitMs: number): AuthResult {
  return { ...fail("rate_limited", message), retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

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
  private readonly signIns: SignInGate;
  private readonly signUps: SlidingWindowLimiter;
  private readonly passwords: PasswordHasher;
  private readonly now: () => Date;

  constructor(private readonly options: AccountServiceOptions) {
    this.now = options.now ?? (() => new Date());
    const clock = () => this.now().getTime();
    this.signIns = options.signIns ?? new SignInGuard(options.limits.signIn, clock);
    this.signUps = new SlidingWindowLimiter(options.limits.signUp.perIpPerHour, HOUR_MS, clock);
    this.passwords = options.passwords ?? scryptPasswords;
  }

  get mode(): RegistrationMode {
    return this.options.mode;
  }

  /**
   * Creates an account. Everything that can refuse without the password is asked first (policy,
   * registration mode, invite, username), then the per-address limit is counted, and only then is
   * the password hashed: a refused or flooding sign-up costs no scrypt work (SEC-3).
   * `addressKey` is the client's limit key (server/http/client-address.ts).
   */
  async signUp(body: SignUpBody, addressKey: string): Promise<AuthResult> {
    const problem = passwordProblem(body.password, body.username);
    if (problem) return fail("invalid_input", problem, [{ path: "password", message: problem }]);
    const now = this.now();
    const claimsAdmin = claimsAdminSlot(this.options.firstAdmin, body);
    const refusal = await refusalBeforeHashing(this.options, body, claimsAdmin, now);
    if (refusal) return { ok: false, error: REFUSALS[refusal] };
    const slot = this.signUps.tryTake(addressKey);
    if (!slot.ok) {
      this.options.logger.warn({ addressKey, retryAfterMs: slot.retryAfterMs }, "sign-up rate limited");
      return rateLimited(
        `Too many new accounts from your network. Try again in ${waitInWords(slot.retryAfterMs)}.`,
        slot.retryAfterMs,
      );
    }
    const passwordHash = await this.passwords.hash(body.password);
    const outcome = await this.options.accounts.register({
      username: body.username,
      displayName: body.displayName,
      passwordHash,
      inviteCode: body.inviteCode,
      claimsAdmin,
      mode: this.options.mode,
      now,
    });
    if (!outcome.ok) return { ok: false, error: REFUSALS[outcome.reason] };
    this.options.logger.info(
      { userId: outcome.user.id, isAdmin: outcome.user.isAdmin, invited: body.inviteCode !== undefined },
      "account created",
    );
    return ok(await this.startSession(outcome.user));
  }

  /**
   * Checks a password under the sign-in limits (server/auth/sign-in-guard.ts): the attempt is
   * counted before scrypt runs and handed back only when the password was right (SEC-2, SEC-5).
   */
  async signIn(username: string, password: string, addressKey: string): Promise<AuthResult> {
    const accountKey = username.toLowerCase();
    const admission = await this.signIns.admit(accountKey, addressKey);
    if (!admission.ok) {
      this.options.logger.warn({ addressKey, retryAfterMs: admission.retryAfterMs }, "sign-in rate limited");
      return rateLimited(
        `Too many sign-in attempts. Try again in ${waitInWords(admission.retryAfterMs)}.`,
        admission.retryAfterMs,
      );
    }
    try {
      const credentials = await this.options.accounts.findCredentials(accountKey);
      // Unknown names cost the same scrypt work as wrong passwords: no enumeration by timing.
      const stored = credentials?.passwordHash ?? (await this.passwords.dummyHash());
      const valid = await this.passwords.verify(password, stored);
      const user = valid && credentials ? await this.options.accounts.findUserById(credentials.userId) : null;
      if (!user) return fail("unauthorized", "Wrong username or password.");
      admission.attempt.succeeded();
      // Only after the right password: a stranger learns nothing about an account's standing.
      const standing = await this.options.standings?.standingOf(user.id);
      const sanction = standing ? sanctionInForce(standing, this.now()) : null;
      if (sanction) return fail("account_suspended", sanctionMessage(sanction));
      return ok(await this.startSession(user));
    } catch (error) {
      admission.attempt.abandoned();
      throw error;
    }
  }

  /** Ends the session of `token` and has its open sockets closed. Unknown tokens change nothing. */
  async signOut(token: string): Promise<void> {
    const sessionId = await this.options.accounts.deleteSession(token);
    if (sessionId !== null) this.options.sessionEnded?.sessionEnded(sessionId);
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
