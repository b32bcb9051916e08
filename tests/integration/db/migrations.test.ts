import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdtemp, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_MIGRATIONS_DIR, openDatabase } from "../../../server/db/database";
import { createTestDatabase, type TestDatabase, testDrivers, testLogger } from "../../support/test-database";

const drivers = await testDrivers();
const run = promisify(execFile);
const PRISMA_CLI = path.resolve("node_modules/prisma/build/index.js");

type MigrationRow = {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  started_at: Date;
  logs: string | null;
  applied_steps_count: number;
};

async function localMigrations(): Promise<{ name: string; checksum: string }[]> {
  const names = (await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => ({
      name,
      checksum: createHash("sha256")
        .update(await readFile(path.join(DEFAULT_MIGRATIONS_DIR, name, "migration.sql")))
        .digest("hex"),
    })),
  );
}

describe.each(drivers)("migrations on %s", (driver) => {
  let testDb: TestDatabase | undefined;
  afterEach(async () => {
    await testDb?.destroy();
    testDb = undefined;
  });

  it("applies every migration to a new database and records it as Prisma does", async () => {
    // "absent": for PGlite not even the data folder's parents exist, as on a first start.
    testDb = await createTestDatabase(driver, { state: "absent" });
    const database = await testDb.open();
    const rows = await database.prisma.$queryRaw<MigrationRow[]>`
      SELECT * FROM "_prisma_migrations" ORDER BY "migration_name"`;
    const expected = await localMigrations();
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map((row) => ({ name: row.migration_name, checksum: row.checksum }))).toEqual(expected);
    for (const row of rows) {
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(row.started_at.getTime()).toBeLessThanOrEqual(row.finished_at?.getTime() ?? 0);
    }
    // The schema is really there: a query through Prisma works.
    expect(await database.prisma.user.count()).toBe(0);
  });

  it("leaves the database in a state `prisma migrate status` calls up to date", async () => {
    testDb = await createTestDatabase(driver, { state: "empty" });
    // Closed first: the CLI opens the PGlite folder itself, and one process per folder is allowed.
    await (await testDb.open()).close();
    const { stdout } = await run(process.execPath, [PRISMA_CLI, "migrate", "status"], {
      env: {
        ...process.env,
        DATABASE_URL: testDb.databaseUrl ?? "",
        DATA_DIR: testDb.dataDir,
      },
      timeout: 120_000,
    });
    const count = (await localMigrations()).length;
    expect(stdout).toContain(`${count} migration${count === 1 ? "" : "s"} found`); // Prisma pluralises
    expect(stdout).toContain("Database schema is up to date!");
  }, 150_000);

  it("applies nothing when reopened, and keeps the data", async () => {
    testDb = await createTestDatabase(driver, { state: "empty" });
    const first = await testDb.open();
    await first.prisma.user.create({ data: { displayName: "Ada" } });
    await first.close();
    const second = await testDb.open();
    const rows = await second.prisma.$queryRaw<MigrationRow[]>`SELECT * FROM "_prisma_migrations"`;
    expect(rows).toHaveLength((await localMigrations()).length);
    expect((await second.prisma.user.findMany()).map((user) => user.displayName)).toEqual(["Ada"]);
  });

  it("migrates once when two opens race", async () => {
    testDb = await createTestDatabase(driver, { state: "empty" });
    const [a, b] = await Promise.all([testDb.open(), testDb.open()]);
    const rows = await a.prisma.$queryRaw<MigrationRow[]>`SELECT * FROM "_prisma_migrations"`;
    expect(rows).toHaveLength((await localMigrations()).length);
    expect(await b.prisma.user.count()).toBe(0);
  });

  it("rolls back a failing migration entirely and records nothing for it", async () => {
    testDb = await createTestDatabase(driver, { state: "empty" });
    const migrationsDir = await mkdtemp(path.join(os.tmpdir(), "audio-rooms-migrations-"));
    try {
      await cp(DEFAULT_MIGRATIONS_DIR, migrationsDir, { recursive: true });
      const broken = path.join(migrationsDir, "99990101000000_broken");
      await mkdir(broken);
      await writeFile(
        path.join(broken, "migration.sql"),
        'CREATE TABLE "HalfDone" ("id" TEXT);\nSELECT * FROM "NoSuchTable";\n',
      );
      const options = { databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir, logger: testLogger() };
      await expect(openDatabase({ ...options, migrationsDir })).rejects.toThrow(
        /99990101000000_broken failed and was rolled back/,
      );
      const database = await testDb.open();
      const tables = await database.prisma.$queryRaw<{ name: string }[]>`
        SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public'`;
      expect(tables.map((table) => table.name)).not.toContain("HalfDone");
      const names = await database.prisma.$queryRaw<{ migration_name: string }[]>`
        SELECT "migration_name" FROM "_prisma_migrations"`;
      expect(names.map((row) => row.migration_name)).toEqual((await localMigrations()).map((m) => m.name));
    } finally {
      await rm(migrationsDir, { recursive: true, force: true });
    }
  });

  it("refuses to start over a migration Prisma recorded as failed", async () => {
    testDb = await createTestDatabase(driver, { state: "empty" });
    const database = await testDb.open();
    await database.prisma.$executeRaw`
      INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "applied_steps_count")
      VALUES ('00000000-0000-4000-8000-000000000000', 'x', '99990101000000_failed', 0)`;
    await database.close();
    await expect(testDb.open()).rejects.toThrow(/99990101000000_failed failed earlier/);
  });
});
