import type { Limits } from "../config/limits";
import { AccountBackoff } from "./account-backoff";
import { SlidingWindowLimiter, type LimiterTicket } from "./sliding-window-limiter";

/** An admitted attempt: say how it ended, once. */
export type SignInAttempt = {
  /** The password was right: the attempt is handed back and the account's counters start over. */
  succeeded(): void;
  /** Something broke before we knew (a database error): count nothing. */
  abandoned(): void;
};

export type SignInAdmission = { ok: true; attempt: SignInAttempt } | { ok: false; retryAfterMs: number };

/** What the account service asks: this in-memory guard on one node, a Redis one in a cluster. */
export interface SignInGate {
  admit(account: string, addressKey: string): SignInAdmission | Promise<SignInAdmission>;
}

/**
 * The three sign-in limits, checked and counted in one synchronous step BEFORE the password is
 * hashed, so fifty parallel guesses cannot all pass a check whose count only lands after 135 ms
 * of scrypt (SEC-2). Every admitted attempt counts as a failure until it is known to be right.
 *
 * - per address, any account (SIGNIN_PER_IP_PER_15_MIN): one machine spraying many accounts;
 * - per account from one address (SIGNIN_PER_ACCOUNT_PER_15_MIN): one machine guessing one
 *   account. Keyed by account and address, so it never locks out the owner elsewhere;
 * - per account, all addresses (AccountBackoff): many machines guessing one account are slowed
 *   to about one guess per SIGNIN_BACKOFF_MAX_MS, while the owner waits at most that long.
 */
export class SignInGuard implements SignInGate {
  private readonly perAddress: SlidingWindowLimiter;
  private readonly perAccountAddress: SlidingWindowLimiter;
  private readonly backoff: AccountBackoff;

  constructor(limits: Limits["signIn"], now: () => number = Date.now) {
    this.perAddress = new SlidingWindowLimiter(limits.perIp, limits.windowMs, now);
    this.perAccountAddress = new SlidingWindowLimiter(limits.perAccount, limits.windowMs, now);
    this.backoff = new AccountBackoff({
      free: limits.perAccount,
      windowMs: limits.windowMs,
      baseMs: limits.backoffBaseMs,
      maxMs: limits.backoffMaxMs,
      now,
    });
  }

  /** `account` is the lower-cased username; `addressKey` the client's limit key. */
  admit(account: string, addressKey: string): SignInAdmission {
    const pairKey = `${account}\u0000${addressKey}`;
    const waitMs = Math.max(
      this.perAddress.retryAfterMs(addressKey),
      this.perAccountAddress.retryAfterMs(pairKey),
      this.backoff.retryAfterMs(account),
    );
    if (waitMs > 0) return { ok: false, retryAfterMs: waitMs };
    // No await since the checks above: nothing else can take these slots in between.
    const tickets: LimiterTicket[] = [
      this.perAddress.take(addressKey),
      this.perAccountAddress.take(pairKey),
      this.backoff.take(account),
    ];
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    return {
      ok: true,
      attempt: {
        succeeded: () =>
          settle(() => {
            for (const ticket of tickets) ticket.release();
            this.perAccountAddress.reset(pairKey);
            this.backoff.reset(account);
          }),
        abandoned: () => settle(() => tickets.forEach((ticket) => ticket.release())),
      },
    };
  }
}
