import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "pino";

// Applies prisma/migrations at start without the Prisma CLI (which lingers 10-60 s on timers and
// pulls in the WebAssembly schema engine). It writes Prisma's own bookkeeping table the way
// `prisma migrate deploy` does, so `prisma migrate status/deploy/dev` agree with what it did.

/** One folder of prisma/migrations. */
export interface MigrationFile {
  /** Folder name, e.g. `20261123033603_init`; migrations apply in name order, as Prisma's do. */
  readonly name: string;
  readonly sql: string;
  /** sha256 (hex) of migration.sql's bytes: the value Prisma stores and compares. */
  readonly checksum: string;
}

/** The little a migrator needs from a connection: PGlite and node-postgres both provide it. */
export interface MigrationConnection {
  /** A parameterised single statement. */
  query(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  /** A parameterless script of any number of statements (simple-query protocol). */
  exec(sql: string): Promise<void>;
}

/** What a run did. */
export interface MigrationReport {
  readonly applied: readonly string[];
  readonly alreadyApplied: number;
}

/** Prisma's advisory lock key: taking the same one also keeps `prisma migrate` out meanwhile. */
const PRISMA_ADVISORY_LOCK = 72707369;

// Column for column the table Prisma's schema engine creates on PostgreSQL.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** Reads every `<dir>/<name>/migration.sql`, sorted by folder name. A missing dir means none. */
export async function readMigrations(migrationsDir: string): Promise<MigrationFile[]> {
  let entries;
  try {
    entries = await readdir(migrationsDir, { withFileTypes: true });
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return [];
    throw error;
  }
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrations: MigrationFile[] = [];
  for (const name of names) {
    const bytes = await readFile(path.join(migrationsDir, name, "migration.sql")).catch((error: unknown) => {
      if (error instanceof Error && "code" in error && error.code === "ENOENT") return null;
      throw error;
    });
    // Prisma ignores folders without migration.sql too (e.g. one being written by hand).
    if (bytes === null) continue;
    const checksum = createHash("sha256").update(bytes).digest("hex");
    migrations.push({ name, sql: bytes.toString("utf8"), checksum });
  }
  return migrations;
}

/**
 * Applies the migrations the database has not recorded yet, each in its own transaction together
 * with its `_prisma_migrations` row, under Prisma's advisory lock so that two processes starting
 * at once (or a concurrent `prisma migrate deploy`) apply each migration once.
 *
 * @throws Error if the database records a failed migration (fix it with `prisma migrate resolve`),
 *   or if a migration's SQL fails (its transaction is rolled back and nothing is recorded).
 */
export async function applyMigrations(
  connection: MigrationConnection,
  migrations: readonly MigrationFile[],
  logger: Logger,
): Promise<MigrationReport> {
  await connection.query(`SELECT pg_advisory_lock(${PRISMA_ADVISORY_LOCK})`);
  try {
    await connection.exec(CREATE_MIGRATIONS_TABLE);
    const recorded = await connection.query(
      `SELECT "migration_name", "checksum", "finished_at", "rolled_back_at" FROM "_prisma_migrations"`,
    );
    const applied = new Map<string, string>();
    for (const row of recorded) {
      const name = textColumn(row, "migration_name");
      if (row.rolled_back_at !== null) continue;
      if (row.finished_at === null) {
        throw new Error(
          `Migration ${name} failed earlier and is recorded as unfinished in _prisma_migrations. ` +
            "Repair the database, then run `npx prisma migrate resolve --applied " +
            `${name}\` (or --rolled-back) before starting again.`,
        );
      }
      applied.set(name, textColumn(row, "checksum"));
    }

    const local = new Set(migrations.map((migration) => migration.name));
    for (const name of applied.keys()) {
      if (!local.has(name)) {
        logger.warn({ migration: name }, "database has a migration that prisma/migrations lacks");
      }
    }

    const newlyApplied: string[] = [];
    for (const migration of migrations) {
      const checksum = applied.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          // Prisma only warns here too: the SQL already ran; editing it changes nothing.
          logger.warn({ migration: migration.name }, "applied migration was edited since");
        }
        continue;
      }
      await applyOne(connection, migration);
      logger.info({ migration: migration.name }, "applied migration");
      newlyApplied.push(migration.name);
    }
    return { applied: newlyApplied, alreadyApplied: applied.size };
  } finally {
    await connection.query(`SELECT pg_advisory_unlock(${PRISMA_ADVISORY_LOCK})`);
  }
}

async function applyOne(connection: MigrationConnection, migration: MigrationFile): Promise<void> {
  await connection.exec("BEGIN");
  try {
    // The recorded start is taken before the script runs, as Prisma's is.
    const [started] = await connection.query("SELECT clock_timestamp() AS now");
    await connection.exec(migration.sql);
    await connection.query(
      `INSERT INTO "_prisma_migrations"
         ("id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count")
       VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, $4, 1)`,
      [randomUUID(), migration.checksum, migration.name, started?.now ?? new Date()],
    );
    await connection.exec("COMMIT");
  } catch (error) {
    await connection.exec("ROLLBACK").catch(() => undefined);
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${describe(error)}`, {
      cause: error,
    });
  }
}

function textColumn(row: Record<string, unknown>, column: string): string {
  const value = row[column];
  if (typeof value !== "string") throw new Error(`_prisma_migrations.${column} is not text`);
  return value;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
