import type { DbClient } from "./db-client";
import { translateErrors } from "./errors";
import type { UserRecord } from "./records";

/** Columns a {@link UserRecord} needs; never the password hash. */
export const userColumns = {
  id: true,
  displayName: true,
  username: true,
  bio: true,
  isAdmin: true,
  avatarFile: true,
  realNameVerified: true,
  createdAt: true,
} as const;

/** Users: people who sign in. */
export class UsersRepository {
  constructor(private readonly db: DbClient) {}

  /** Creates a user known only by a display name (quick sign-in; no username, no password). */
  createWithDisplayName(displayName: string): Promise<UserRecord> {
    return this.create({ displayName });
  }

  /**
   * Creates a user.
   *
   * @throws UniqueConstraintError when the username is taken.
   */
  create(input: { displayName: string; username?: string }): Promise<UserRecord> {
    return translateErrors(() =>
      this.db.user.create({
        data: { displayName: input.displayName, username: input.username ?? null },
        select: userColumns,
      }),
    );
  }

  findById(id: string): Promise<UserRecord | null> {
    return this.db.user.findUnique({ where: { id }, select: userColumns });
  }

  /** Usernames are stored lower-case; callers may pass any case. */
  findByUsername(username: string): Promise<UserRecord | null> {
    return this.db.user.findUnique({ where: { username: username.toLowerCase() }, select: userColumns });
  }

  /** The only read of a password hash: for sign-in, never leaves the account service. */
  async findCredentials(username: string): Promise<{ userId: string; passwordHash: string } | null> {
    const row = await this.db.user.findUnique({
      where: { username: username.toLowerCase() },
      select: { id: true, passwordHash: true },
    });
    return row?.passwordHash ? { userId: row.id, passwordHash: row.passwordHash } : null;
  }

  updateProfile(id: string, input: { displayName: string; bio: string }): Promise<UserRecord> {
    return this.db.user.update({
      where: { id },
      data: { displayName: input.displayName, bio: input.bio },
      select: userColumns,
    });
  }

  /** Sets the avatar file and returns the previous one (for the caller to delete). */
  async setAvatarFile(id: string, file: string | null): Promise<string | null> {
    const before = await this.db.user.findUnique({ where: { id }, select: { avatarFile: true } });
    await this.db.user.update({ where: { id }, data: { avatarFile: file } });
    return before?.avatarFile ?? null;
  }

  async setRealNameVerified(username: string, verified: boolean): Promise<boolean> {
    const { count } = await this.db.user.updateMany({
      where: { username: username.toLowerCase() },
      data: { realNameVerified: verified },
    });
    return count === 1;
  }
}
