import { PGlite } from "@electric-sql/pglite";
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgliteAdapterFactory, createPostgresAdapterFactory } from "../../../server/db/driver-adapters";
import { createTestDatabase, type TestDatabase, testDrivers } from "../../support/test-database";

// The workarounds in driver-adapters.ts are what let the Prisma CLI (migrate dev/deploy/status)
// work offline through driver adapters; these tests pin each one down.

const drivers = await testDrivers();
const TEXT = 7; // ColumnTypeEnum.Text
const sql = (text: string) => ({ sql: text, args: [], argTypes: [] });

describe.runIf(drivers.includes("postgres"))("PostgreSQL adapter factory", () => {
  let testDb: TestDatabase;
  let url: string;
  beforeAll(async () => {
    testDb = await createTestDatabase("postgres");
    url = testDb.databaseUrl ?? "";
  });
  afterAll(async () => {
    await testDb?.destroy();
  });

  it('reads the catalog types name and "char" as text (bug 1)', async () => {
    const adapter = await createPostgresAdapterFactory(url).connect();
    try {
      const result = await adapter.queryRaw(
        sql("SELECT nspname, relkind FROM pg_class JOIN pg_namespace n ON n.oid = relnamespace LIMIT 1"),
      );
      expect(result.columnTypes).toEqual([TEXT, TEXT]);
      expect(typeof result.rows[0]?.[0]).toBe("string");
      expect(result.rows[0]?.[1]).toMatch(/^[a-z]$/);
    } finally {
      await adapter.dispose();
    }
  });

  it("gives migrate dev a separate shadow database and drops it after use (bug 2)", async () => {
    const shadow = await createPostgresAdapterFactory(url).connectToShadowDb();
    const current = await shadow.queryRaw(sql("SELECT current_database()::text"));
    const name = String(current.rows[0]?.[0]);
    expect(name).toMatch(/^prisma_shadow_[0-9a-f]{32}$/);
    // Empty, unlike the main (migrated) database.
    const tables = await shadow.queryRaw(
      sql("SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public'"),
    );
    expect(tables.rows[0]?.[0]).toBe(0);
    await shadow.executeScript('CREATE TABLE "T" (id int); INSERT INTO "T" VALUES (1);');
    // The 6.19 CLI disposes the shadow database twice.
    await shadow.dispose();
    await shadow.dispose();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const left = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      expect(left.rowCount).toBe(0);
    } finally {
      await admin.end();
    }
  });
});

describe("PGlite adapter factory", () => {
  let pglite: PGlite;
  let adapter: SqlDriverAdapter;
  beforeAll(async () => {
    pglite = await PGlite.create();
    adapter = await createPgliteAdapterFactory(pglite).connect();
  });
  afterAll(async () => {
    await adapter?.dispose();
    await pglite?.close();
  });

  it("runs multi-statement scripts and parameterless multi-statement SQL (bug 3)", async () => {
    await adapter.executeScript('CREATE TABLE "A" (id int); INSERT INTO "A" VALUES (1), (2);');
    expect(await adapter.executeRaw(sql('INSERT INTO "A" VALUES (3); DELETE FROM "A" WHERE id = 1;'))).toBe(
      2,
    );
    const rows = await pglite.query<{ id: number }>('SELECT id FROM "A" ORDER BY id');
    expect(rows.rows.map((row) => row.id)).toEqual([2, 3]);
  });

  it("reports a failing script to the caller instead of losing the error", async () => {
    await expect(
      adapter.executeScript('CREATE TABLE "B" (id int); SELECT * FROM "Nope";'),
    ).rejects.toMatchObject({
      name: "DriverAdapterError",
      cause: { kind: "postgres", code: "42P01" },
    });
    // The script ran as one implicit transaction: nothing of it remains.
    const exists = await pglite.query<{ found: string | null }>(`SELECT to_regclass('"B"')::text AS found`);
    expect(exists.rows[0]?.found).toBeNull();
  });

  it("uses a separate in-memory shadow database, closed on dispose", async () => {
    const shadow = await createPgliteAdapterFactory(pglite).connectToShadowDb();
    const tables = await shadow.queryRaw(
      sql("SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public'"),
    );
    expect(tables.rows[0]?.[0]).toBe(0);
    await shadow.dispose();
    await shadow.dispose();
    await expect(shadow.queryRaw(sql("SELECT 1"))).rejects.toThrow(/closed/i);
  });
});
