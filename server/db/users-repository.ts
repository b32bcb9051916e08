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

  findByUsername(username: string): Promise<UserRecord | null> {
    return this.db.user.findUnique({ where: { username }, select: userColumns });
  }
}
