import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { cp, mkdtemp, readdir, rename, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { pino, type Logger } from "pino";
import { type Database, DEFAULT_MIGRATIONS_DIR, openDatabase } from "../../server/db/database";
import { readMigrations } from "../../server/db/migrator";

// Isolated databases for tests, on both drivers the app supports. PGlite: a fresh folder, copied
// from a template folder. PostgreSQL: CREATE DATABASE ... TEMPLATE <migrated template>
// (~50 ms). Either way every call gets a database nobody else uses, dropped by destroy().

export type TestDriver = "pglite" | "postgres";

/** Server the PostgreSQL tests use (trust auth); TEST_POSTGRES_URL overrides it. */
export const POSTGRES_ADMIN_URL =
  process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** Serialises template creation and cloning across test processes (an arbitrary app key). */
const TEMPLATE_LOCK = 7_343_001;

export interface TestDatabase {
  readonly driver: TestDriver;
  /** What to pass to openDatabase / the server (DATABASE_URL and DATA_DIR). */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /** Opens it (migrating if needed); the handle is closed by destroy(). */
  open(): Promise<Database>;
  /** Empties every table but _prisma_migrations (~35 ms), for tests sharing one database. */
  truncate(database: Database): Promise<void>;
  /** Closes what open() returned and deletes the database. */
  destroy(): Promise<void>;
}

/** A logger for tests: quiet unless LOG_LEVEL asks otherwise. */
export function testLogger(): Logger {
  return pino({ level: process.env.LOG_LEVEL ?? "warn" });
}

/**
 * The drivers to run database tests against: always PGlite; PostgreSQL when reachable, and
 * mandatory when CI=true or TEST_POSTGRES=1 (then an unreachable server fails the run loudly).
 */
export async function testDrivers(): Promise<TestDriver[]> {
  const required = process.env.CI === "true" || process.env.TEST_POSTGRES === "1";
  const problem = await postgresProblem();
  if (problem === null) return ["pglite", "postgres"];
  if (required) {
    throw new Error(
      `PostgreSQL tests are required (CI=true or TEST_POSTGRES=1) but ${POSTGRES_ADMIN_URL} ` +
        `is unreachable: ${problem}`,
    );
  }
  console.warn(`Skipping PostgreSQL database tests: ${problem}`);
  return ["pglite"];
}

/**
 * What a new test database holds: `migrated` (the default) is ready to use; `empty` has no
 * migration applied (to test the migrator); `absent` is, for PGlite, a data folder whose parents do
 * not even exist yet (as on a first start); for PostgreSQL it is the same as `empty`.
 */
export type TestDatabaseState = "migrated" | "empty" | "absent";

/** A new, isolated database in the given state. */
export async function createTestDatabase(
  driver: TestDriver,
  options: { state?: TestDatabaseState } = {},
): Promise<TestDatabase> {
  const state = options.state ?? "migrated";
  const root = await mkdtemp(path.join(os.tmpdir(), `audio-rooms-db-${driver}-`));
  const dataDir = state === "absent" ? path.join(root, "not", "yet", "created") : root;
  let databaseUrl: string | undefined;
  let dropDatabase: () => Promise<void> = async () => undefined;
  if (driver === "postgres") {
    const name = `audio_rooms_test_${randomUUID().replaceAll("-", "")}`;
    const template = state === "migrated" ? await postgresTemplate() : "template0";
    await withAdmin((admin) =>
      withLock(admin, () => admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`)),
    );
    databaseUrl = urlWithDatabase(POSTGRES_ADMIN_URL, name);
    dropDatabase = () =>
      withAdmin(async (admin) => {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      });
  } else if (state !== "absent") {
    // Copying a template folder takes ~1 s where PGlite's initdb (+ migrations) takes 4-6 s.
    await cp(await pgliteTemplate(state), path.join(dataDir, "pglite"), { recursive: true });
  }

  const opened: Database[] = [];
  return {
    driver,
    databaseUrl,
    dataDir,
    async open() {
      const database = await openDatabase({ databaseUrl, dataDir, logger: testLogger() });
      opened.push(database);
      return database;
    },
    async truncate(database) {
      const tables = await database.prisma.$queryRaw<{ tablename: string }[]>`
        SELECT tablename::text AS tablename FROM pg_tables
        WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
      if (tables.length === 0) return;
      const list = tables.map((table) => `"${table.tablename}"`).join(", ");
      await database.prisma.$executeRawUnsafe(`TRUNCATE ${list} CASCADE`);
    },
    async destroy() {
      await Promise.all(opened.map((database) => database.close()));
      await dropDatabase();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Identifies the current migrations, so templates are rebuilt when they change. */
async function migrationsKey(): Promise<string> {
  const migrations = await readMigrations(DEFAULT_MIGRATIONS_DIR);
  const hash = createHash("sha256");
  for (const migration of migrations) hash.update(`${migration.name}:${migration.checksum}\n`);
  return hash.digest("hex").slice(0, 16);
}

/**
 * A closed PGlite folder to copy: freshly initialised (`empty`) or migrated. Kept in the temp dir
 * across runs, keyed by PGlite's version (folders are not portable between its versions) and, when
 * migrated, by the migrations.
 */
async function pgliteTemplate(state: "empty" | "migrated"): Promise<string> {
  const prefix = `audio-rooms-pglite-${state}-`;
  const key = `${pgliteVersion()}-${state === "migrated" ? await migrationsKey() : "none"}`;
  const folder = path.join(os.tmpdir(), `${prefix}${key}`);
  if (await exists(folder)) return folder;
  // Built beside the final name and renamed into place, so a parallel test process either sees
  // no template or a complete one.
  const building = await mkdtemp(path.join(os.tmpdir(), "audio-rooms-pglite-building-"));
  try {
    if (state === "migrated") {
      const database = await openDatabase({ dataDir: building, logger: testLogger() });
      await database.close();
    } else {
      const pglite = await PGlite.create(path.join(building, "pglite"));
      await pglite.close();
    }
    await removeStale(prefix, folder);
    await rename(path.join(building, "pglite"), folder);
  } catch (error) {
    if (!(await exists(folder))) throw error;
  } finally {
    await rm(building, { recursive: true, force: true });
  }
  return folder;
}

/**
 * Templates of other PGlite versions or migration sets are of no further use, once nobody has made
 * them for a day: another checkout on the same machine (a worktree on another migration set) may be
 * copying one right now.
 */
async function removeStale(prefix: string, keep: string): Promise<void> {
  const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
  for (const name of await readdir(os.tmpdir())) {
    const full = path.join(os.tmpdir(), name);
    if (!name.startsWith(prefix) || full === keep) continue;
    const made = await stat(full).then(
      (s) => s.mtimeMs,
      () => Number.POSITIVE_INFINITY,
    );
    if (made < dayAgo) await rm(full, { recursive: true, force: true });
  }
}

function pgliteVersion(): string {
  const manifest: unknown = JSON.parse(
    readFileSync(new URL("../../node_modules/@electric-sql/pglite/package.json", import.meta.url), "utf8"),
  );
  const version: unknown =
    typeof manifest === "object" && manifest !== null ? Reflect.get(manifest, "version") : undefined;
  return typeof version === "string" ? version : "unknown";
}

/** Name of a migrated template database on the server, created on first use. */
async function postgresTemplate(): Promise<string> {
  const name = `audio_rooms_template_${await migrationsKey()}`;
  await withAdmin((admin) =>
    withLock(admin, async () => {
      const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (found.rowCount !== 0) return;
      // Templates of older migration sets are of no further use.
      const stale = await admin.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname LIKE 'audio_rooms_template_%'",
      );
      for (const row of stale.rows)
        await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${name}"`);
      const database = await openDatabase({
        databaseUrl: urlWithDatabase(POSTGRES_ADMIN_URL, name),
        dataDir: os.tmpdir(),
        logger: testLogger(),
      });
      await database.close();
    }),
  );
  return name;
}

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

async function withLock<T>(admin: pg.Client, work: () => Promise<T>): Promise<T> {
  await admin.query("SELECT pg_advisory_lock($1)", [TEMPLATE_LOCK]);
  try {
    return await work();
  } finally {
    await admin.query("SELECT pg_advisory_unlock($1)", [TEMPLATE_LOCK]);
  }
}

async function postgresProblem(): Promise<string | null> {
  try {
    await withAdmin((admin) => admin.query("SELECT 1"));
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function urlWithDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
