import { createHash, randomBytes } from "node:crypto";
import type { DbClient } from "./db-client";
import type { SessionRecord, UserRecord } from "./records";
import { userColumns } from "./users-repository";

/** Sessions last 30 days unless the caller says otherwise. */
export const DEFAULT_SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The sha256 (hex) of a session token: what the table stores. A leaked database or backup then
 * holds nothing that signs anyone in; and since tokens are 256 random bits, a plain fast hash is
 * enough (there is nothing to brute-force, unlike a password).
 */
export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Sign-in sessions, addressed by the raw token from the cookie. */
export class SessionsRepository {
  constructor(private readonly db: DbClient) {}

  /**
   * Starts a session for `userId`. The raw token is returned once, for the cookie; only its hash
   * is stored.
   */
  async create(
    userId: string,
    options: { now?: Date; ttlMs?: number } = {},
  ): Promise<{ token: string; session: SessionRecord }> {
    const now = options.now ?? new Date();
    const token = randomBytes(32).toString("base64url");
    const row = await this.db.session.create({
      data: {
        tokenHash: hashSessionToken(token),
        userId,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + (options.ttlMs ?? DEFAULT_SESSION_TTL_MS)),
      },
    });
    return { token, session: toSessionRecord(row) };
  }

  /** The user a token signs in, or null if the token is unknown or its session has expired. */
  async findUserByToken(token: string, now: Date = new Date()): Promise<UserRecord | null> {
    const row = await this.db.session.findUnique({
      where: { tokenHash: hashSessionToken(token) },
      select: {
        expiresAt: true,
        user: { select: userColumns },
      },
    });
    if (row === null || row.expiresAt.getTime() <= now.getTime()) return null;
    return row.user;
  }

  /** The session a token opens, with its user, or null if the token is unknown or expired. */
  async findByToken(
    token: string,
    now: Date = new Date(),
  ): Promise<{ sessionId: string; expiresAt: Date; user: UserRecord } | null> {
    const row = await this.db.session.findUnique({
      where: { tokenHash: hashSessionToken(token) },
      select: { id: true, expiresAt: true, user: { select: userColumns } },
    });
    if (row === null || row.expiresAt.getTime() <= now.getTime()) return null;
    return { sessionId: row.id, expiresAt: row.expiresAt, user: row.user };
  }

  /**
   * Ends the session of `token` (sign-out) and returns its id, so whatever it opened (sockets) can
   * be closed too. Unknown tokens are ignored (null): the outcome is the same.
   */
  async delete(token: string): Promise<string | null> {
    const tokenHash = hashSessionToken(token);
    const row = await this.db.session.findUnique({ where: { tokenHash }, select: { id: true } });
    await this.db.session.deleteMany({ where: { tokenHash } });
    return row?.id ?? null;
  }

  /** Removes expired sessions; returns how many. */
  async deleteExpired(now: Date = new Date()): Promise<number> {
    const { count } = await this.db.session.deleteMany({ where: { expiresAt: { lte: now } } });
    return count;
  }
}

function toSessionRecord(row: SessionRecord & { tokenHash: string }): SessionRecord {
  // Copy field by field so the hash does not travel further than this file.
  return {
    id: row.id,
    userId: row.userId,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastSeenAt: row.lastSeenAt,
  };
}
