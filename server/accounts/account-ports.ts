import type {
  CurrentUser,
  InvitePreview,
  MyInvite,
  PersonSummary,
  Profile,
  RegistrationMode,
} from "../../src/shared/protocol";

/** Why a sign-up was refused by the store (the policy checks that need the database). */
export type RegisterRefusal =
  | "username_taken"
  | "registration_closed"
  | "invite_required"
  | "invite_used"
  | "invite_expired"
  | "invite_revoked"
  | "invite_unknown";

/** Accounts and their sign-in sessions (implemented in server/db). */
export interface AccountStore {
  /** Returns the raw token once; only its hash is stored. */
  createSession(userId: string): Promise<{ token: string; expiresAt: Date }>;
  findUserBySessionToken(token: string): Promise<CurrentUser | null>;
  /** The session a token opens (who, which session, until when), or null if unknown or expired. */
  findSession(token: string): Promise<{ user: CurrentUser; sessionId: string; expiresAt: Date } | null>;
  /** Ends the session of `token`; returns its id, or null when there was none. */
  deleteSession(token: string): Promise<string | null>;
  /** Deletes sessions past their expiry; returns how many (the scheduled purge). */
  purgeExpiredSessions(): Promise<number>;
  /** True once the server has an admin (until then the first-run setup link is offered). */
  hasAdmin(): Promise<boolean>;
  /** For sign-in only: the hash never leaves the account service. */
  findCredentials(username: string): Promise<{ userId: string; passwordHash: string } | null>;
  findUserById(userId: string): Promise<CurrentUser | null>;
  register(input: {
    username: string;
    displayName: string;
    passwordHash: string;
    inviteCode: string | undefined;
    /** The sign-up is ADMIN_USERNAME or carries the setup code: it becomes the admin if there is none. */
    claimsAdmin: boolean;
    mode: RegistrationMode;
    now: Date;
  }): Promise<{ ok: true; user: CurrentUser } | { ok: false; reason: RegisterRefusal }>;
  updateProfile(userId: string, input: { displayName: string; bio: string }): Promise<CurrentUser>;
  /**
   * Sets (or clears) the avatar file atomically; returns the file it replaced, for deletion (each
   * replaced file to exactly one caller), or undefined when the user is gone.
   */
  setAvatarFile(userId: string, file: string | null): Promise<string | null | undefined>;
}

/** Told when a session ends before its expiry (sign-out, revocation), to close what it opened. */
export interface SessionEndListener {
  sessionEnded(sessionId: string): void;
}

export interface InviteStore {
  /** null when the member already holds `quota` invites. */
  create(input: {
    userId: string;
    code: string;
    expiresAt: Date;
    quota: number;
    now: Date;
  }): Promise<MyInvite | null>;
  listMine(userId: string, now: Date): Promise<MyInvite[]>;
  revoke(userId: string, inviteId: string, now: Date): Promise<"revoked" | "used" | "not_found">;
  preview(code: string, now: Date): Promise<InvitePreview>;
}

export type FollowOutcome = "ok" | "not_found" | "self" | "blocked";

/** Profiles, follows and blocks. */
export interface SocialStore {
  profile(username: string, viewer: CurrentUser | null): Promise<Profile | null>;
  followers(username: string): Promise<PersonSummary[] | null>;
  following(username: string): Promise<PersonSummary[] | null>;
  follow(followerId: string, username: string): Promise<FollowOutcome>;
  unfollow(followerId: string, username: string): Promise<"ok" | "not_found">;
  block(blockerId: string, username: string): Promise<"ok" | "not_found" | "self">;
  unblock(blockerId: string, username: string): Promise<"ok" | "not_found">;
  setRealNameVerified(username: string, verified: boolean): Promise<boolean>;
  /** Did `blockerId` block `blockedId`? */
  isBlocked(blockerId: string, blockedId: string): Promise<boolean>;
  /** Everyone `userId` has blocked. */
  blockedUserIds(userId: string): Promise<string[]>;
}
