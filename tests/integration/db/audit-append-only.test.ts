import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../server/db/database";
import { createAuditLog } from "../../../server/db/audit-persistence";
import { createRepositories } from "../../../server/db/repositories";
import { StaffRepository } from "../../../server/db/staff-repository";
import { createTestDatabase, testDrivers, testLogger, type TestDatabase } from "../../support/test-database";

const drivers = await testDrivers();

describe.each(drivers)("[TS-AUDIT-DB] the audit log on %s", (driver) => {
  let testDb: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    database = await testDb.open();
  });
  afterAll(async () => {
    await testDb?.destroy();
  });

  it("[TS-AUDIT-DB-1] the table refuses UPDATE and DELETE (the trigger), even from raw SQL", async () => {
    const repos = createRepositories(database.prisma);
    const user = await repos.users.create({ displayName: "Target", username: "target_db" });
    await createAuditLog(repos.audit, testLogger()).record({
      action: "platform.warn",
      actorId: null,
      targetUserId: user.id,
      reason: "kept forever",
    });
    const [entry] = await database.prisma.auditEntry.findMany();
    expect(entry).toMatchObject({ action: "platform.warn", targetName: "Target", reason: "kept forever" });
    await expect(
      database.prisma.auditEntry.update({ where: { id: entry?.id ?? "" }, data: { reason: "rewritten" } }),
    ).rejects.toThrow(/append-only/);
    await expect(database.prisma.auditEntry.deleteMany({})).rejects.toThrow(/append-only/);
    // Raw SQL too (PGlite's driver words the error differently; the row staying is the proof).
    await expect(database.prisma.$executeRawUnsafe(`UPDATE "AuditEntry" SET reason = 'x'`)).rejects.toThrow();
    await expect(database.prisma.$executeRawUnsafe(`DELETE FROM "AuditEntry"`)).rejects.toThrow();
    expect(await database.prisma.auditEntry.findMany()).toEqual([entry]);
  });

  it("[TS-AUDIT-DB-2] standings, session revocation and the people search round-trip", async () => {
    const staff = new StaffRepository(database.prisma);
    const repos = createRepositories(database.prisma);
    const user = await repos.users.create({ displayName: "Zed Zebra", username: "zed_db" });
    await repos.sessions.create(user.id, { ttlMs: 60_000 });
    await repos.sessions.create(user.id, { ttlMs: 60_000 });
    const until = new Date(Date.now() + 3_600_000);
    await staff.setSanction(user.id, { suspendedUntil: until, bannedAt: null, reason: "r" });
    expect(await staff.standingOf(user.id)).toEqual({
      suspendedUntil: until,
      bannedAt: null,
      sanctionReason: "r",
    });
    expect(await staff.revokeSessions(user.id)).toHaveLength(2);
    expect(await database.prisma.session.count({ where: { userId: user.id } })).toBe(0);
    const found = await staff.searchPeople("ZEBRA", 10);
    expect(found.map((person) => person.username)).toEqual(["zed_db"]);
    expect(found[0]?.standing.suspendedUntil).toBe(until.toISOString());
  });
});
