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
  isModerator: true,
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

  /**
   * Sets the avatar file and returns the one it replaced (for the caller to delete), as a
   * compare-and-swap: the write only lands if the pointer still holds what was just read, else it
   * reads again. So of any number of simultaneous uploads, each replaced file is returned to
   * exactly one caller, and only the last one stays pointed to: none is orphaned, none deleted
   * while in use. Returns undefined when the user does not exist (nothing was set).
   */
  async setAvatarFile(id: string, file: string | null): Promise<string | null | undefined> {
    for (;;) {
      const before = await this.db.user.findUnique({ where: { id }, select: { avatarFile: true } });
      if (before === null) return undefined;
      const { count } = await this.db.user.updateMany({
        where: { id, avatarFile: before.avatarFile },
        data: { avatarFile: file },
      });
      if (count === 1) return before.avatarFile;
    }
  }

  async setRealNameVerified(username: string, verified: boolean): Promise<boolean> {
    const { count } = await this.db.user.updateMany({
      where: { username: username.toLowerCase() },
      data: { realNameVerified: verified },
    });
    return count === 1;
  }
}
