import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../../server/db/database";
import { UniqueConstraintError } from "../../../server/db/errors";
import { type Repositories, createRepositories } from "../../../server/db/repositories";
import { hashSessionToken } from "../../../server/db/sessions-repository";
import { createTestDatabase, type TestDatabase, testDrivers } from "../../support/test-database";

const drivers = await testDrivers();

describe.each(drivers)("users and sessions on %s", (driver) => {
  let testDb: TestDatabase;
  let database: Database;
  let repos: Repositories;

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    database = await testDb.open();
    repos = createRepositories(database.prisma);
  });
  afterAll(async () => {
    await testDb?.destroy();
  });
  beforeEach(async () => {
    await testDb.truncate(database);
  });

  it("creates a display-name user with defaults and finds it by id", async () => {
    const user = await repos.users.createWithDisplayName("Grace");
    expect(user).toEqual({
      id: expect.stringMatching(/^c[a-z0-9]{20,}$/),
      displayName: "Grace",
      username: null,
      bio: "",
      isAdmin: false,
      isModerator: false,
      avatarFile: null,
      realNameVerified: false,
      createdAt: expect.any(Date),
    });
    expect(await repos.users.findById(user.id)).toEqual(user);
    expect(await repos.users.findById("missing")).toBeNull();
    // Users never carry the password hash out of the repository.
    expect(Object.keys(user)).not.toContain("passwordHash");
  });

  it("lets many users go without a username (NULLs are not duplicates)", async () => {
    await repos.users.createWithDisplayName("A");
    await repos.users.createWithDisplayName("B");
    expect(await database.prisma.user.count()).toBe(2);
  });

  it("surfaces a taken username as a typed P2002 UniqueConstraintError", async () => {
    await repos.users.create({ displayName: "First", username: "ada" });
    const error: unknown = await repos.users.create({ displayName: "Second", username: "ada" }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UniqueConstraintError);
    expect(error).toMatchObject({ code: "P2002", model: "User", fields: ["username"] });
    expect((await repos.users.findByUsername("ada"))?.displayName).toBe("First");
  });

  it("stores only the sha256 of a session token, never the token", async () => {
    const user = await repos.users.createWithDisplayName("Lin");
    const { token, session } = await repos.sessions.create(user.id);
    expect(token.length).toBeGreaterThanOrEqual(43);
    const rows = await database.prisma.$queryRaw<Record<string, unknown>[]>`SELECT * FROM "Session"`;
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows, (_key, value: unknown) => value);
    expect(stored).not.toContain(token);
    expect(rows[0]?.tokenHash).toBe(hashSessionToken(token));
    expect(rows[0]?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(session).toMatchObject({ userId: user.id });
    expect(Object.keys(session)).not.toContain("tokenHash");
  });

  it("finds the user of a live token, and nobody for unknown, expired or deleted ones", async () => {
    const user = await repos.users.createWithDisplayName("Mo");
    const now = new Date("2026-01-01T00:00:00Z");
    const { token, session } = await repos.sessions.create(user.id, { now, ttlMs: 60_000 });
    expect(session.expiresAt.toISOString()).toBe("2026-01-01T00:01:00.000Z");

    expect((await repos.sessions.findUserByToken(token, now))?.id).toBe(user.id);
    expect(await repos.sessions.findUserByToken(`${token}x`, now)).toBeNull();
    expect(await repos.sessions.findUserByToken(token, new Date("2026-01-01T00:01:00Z"))).toBeNull();

    // Sign-out learns which session ended (to close its sockets); a second delete finds none.
    expect(await repos.sessions.delete(token)).toBe(session.id);
    expect(await repos.sessions.findUserByToken(token, now)).toBeNull();
    await expect(repos.sessions.delete(token)).resolves.toBeNull();
  });

  it("deletes only expired sessions", async () => {
    const user = await repos.users.createWithDisplayName("Kai");
    const now = new Date("2026-01-01T00:00:00Z");
    await repos.sessions.create(user.id, { now, ttlMs: 1_000 });
    const { token } = await repos.sessions.create(user.id, { now, ttlMs: 60_000 });
    expect(await repos.sessions.deleteExpired(new Date("2026-01-01T00:00:30Z"))).toBe(1);
    expect((await repos.sessions.findUserByToken(token, now))?.id).toBe(user.id);
  });

  it("deletes a user's sessions with the user (cascade)", async () => {
    const user = await repos.users.createWithDisplayName("Bo");
    await repos.sessions.create(user.id);
    await database.prisma.user.delete({ where: { id: user.id } });
    expect(await database.prisma.session.count()).toBe(0);
  });
});
