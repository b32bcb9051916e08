import type { AccountStore, InviteStore } from "../../server/accounts/account-ports";
import { AccountService, type AccountServiceOptions } from "../../server/accounts/account-service";
import type { FirstAdminRule } from "../../server/accounts/first-admin";
import type { PasswordHasher } from "../../server/auth/password";
import { limitsEnvSchema, limitsOf, type LimitsEnv } from "../../server/config/limits";
import type { CurrentUser, InviteStatus } from "../../src/shared/protocol";
import { pino } from "pino";

/**
 * A password hasher that counts its calls and costs `delayMs` of wall time (like scrypt's ~135 ms,
 * without the CPU): "hash:<password>" verifies only that password.
 */
export function countingHasher(delayMs = 0) {
  const calls = { hash: 0, verify: 0 };
  const wait = () => new Promise((resolve) => setTimeout(resolve, delayMs));
  const hasher: PasswordHasher = {
    async hash(password) {
      calls.hash++;
      await wait();
      return `hash:${password}`;
    },
    async verify(password, stored) {
      calls.verify++;
      await wait();
      return stored === `hash:${password}`;
    },
    dummyHash: async () => "hash:\u0000nobody knows this",
  };
  return { hasher, calls };
}

/** In-memory accounts: users by lower-cased username, sessions by token. */
export function memoryAccounts(): AccountStore & { users: Map<string, CurrentUser & { hash: string }> } {
  const users = new Map<string, CurrentUser & { hash: string }>();
  const sessions = new Map<string, { userId: string; id: string; expiresAt: Date }>();
  let next = 0;
  const byId = (userId: string) => [...users.values()].find((user) => user.id === userId) ?? null;
  const plain = (user: CurrentUser & { hash: string }): CurrentUser => ({
    id: user.id,
    displayName: user.displayName,
    username: user.username,
    avatarUrl: user.avatarUrl,
    isAdmin: user.isAdmin,
    isModerator: user.isModerator,
  });
  return {
    users,
    async createSession(userId) {
      const token = `token-${++next}`;
      const expiresAt = new Date(Date.now() + 60_000);
      sessions.set(token, { userId, id: `session-${next}`, expiresAt });
      return { token, expiresAt };
    },
    async findUserBySessionToken(token) {
      const session = sessions.get(token);
      const user = session ? byId(session.userId) : null;
      return user ? plain(user) : null;
    },
    async findSession(token) {
      const session = sessions.get(token);
      const user = session ? byId(session.userId) : null;
      return session && user
        ? { user: plain(user), sessionId: session.id, expiresAt: session.expiresAt }
        : null;
    },
    async deleteSession(token) {
      const session = sessions.get(token);
      sessions.delete(token);
      return session?.id ?? null;
    },
    hasAdmin: async () => [...users.values()].some((user) => user.isAdmin),
    purgeExpiredSessions: async () => {
      const now = Date.now();
      const expired = [...sessions].filter(([, session]) => session.expiresAt.getTime() <= now);
      for (const [token] of expired) sessions.delete(token);
      return expired.length;
    },
    async findCredentials(username) {
      const user = users.get(username.toLowerCase());
      return user ? { userId: user.id, passwordHash: user.hash } : null;
    },
    findUserById: async (userId) => {
      const user = byId(userId);
      return user ? plain(user) : null;
    },
    async register(input) {
      const key = input.username.toLowerCase();
      if (users.has(key)) return { ok: false, reason: "username_taken" };
      // Like the database: a claim on the free admin slot passes any mode, every other sign-up follows it.
      const takesAdminSlot = input.claimsAdmin && ![...users.values()].some((user) => user.isAdmin);
      if (!takesAdminSlot && input.mode === "closed") return { ok: false, reason: "registration_closed" };
      if (!takesAdminSlot && input.mode === "invite" && !input.inviteCode)
        return { ok: false, reason: "invite_required" };
      const user = {
        id: `user-${++next}`,
        displayName: input.displayName,
        username: input.username,
        avatarUrl: null,
        isAdmin: takesAdminSlot,
        isModerator: false,
        hash: input.passwordHash,
      };
      users.set(key, user);
      return { ok: true, user: plain(user) };
    },
    updateProfile: async () => {
      throw new Error("not used here");
    },
    setAvatarFile: async () => null,
  };
}

/** Invites that preview with a fixed status per code ("valid-code" is valid). */
export function memoryInvites(statuses: Record<string, InviteStatus> = {}): InviteStore {
  return {
    create: async () => null,
    listMine: async () => [],
    revoke: async () => "not_found",
    preview: async (code) => ({ status: statuses[code] ?? "unknown", inviter: null, expiresAt: null }),
  };
}

/** An AccountService over memory stores, with limits from `env` (strings, as in the environment). */
export function memoryAccountService(
  options: {
    env?: Partial<Record<keyof LimitsEnv, string>>;
    mode?: AccountServiceOptions["mode"];
    hasher?: PasswordHasher;
    now?: () => Date;
    invites?: InviteStore;
    accounts?: ReturnType<typeof memoryAccounts>;
    firstAdmin?: FirstAdminRule;
  } = {},
) {
  const accounts = options.accounts ?? memoryAccounts();
  const service = new AccountService({
    accounts,
    invites: options.invites ?? memoryInvites(),
    mode: options.mode ?? "open",
    invitesPerUser: 5,
    inviteTtlDays: 14,
    firstAdmin: options.firstAdmin ?? { adminUsername: undefined, setupCode: "first-run-setup-code" },
    limits: limitsOf(limitsEnvSchema.parse(options.env ?? {})),
    logger: pino({ level: process.env.LOG_LEVEL ?? "warn" }),
    ...(options.hasher ? { passwords: options.hasher } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  return { service, accounts };
}
