import { fileURLToPath } from "node:url";
import type { PGlite } from "@electric-sql/pglite";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import type { Logger } from "pino";
import { describeDatabaseTarget, resolveDatabaseTarget } from "./database-target";
import { createPgliteAdapterFactory, createPostgresAdapterFactory } from "./driver-adapters";
import { PrismaClient } from "./generated/prisma/client";
import { type Database, registerDatabase, unregisterDatabase } from "./get-database";
import { type QueryTimings, timedAdapterFactory } from "./query-timing";
import { acquirePglite, releasePglite, runSerially } from "./pglite-instances";
import {
  type MigrationConnection,
  type MigrationFile,
  type MigrationReport,
  applyMigrations,
  readMigrations,
} from "./migrator";

export type { Database } from "./get-database";

/** prisma/migrations, found from this file so the working directory does not matter. */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

export interface OpenDatabaseOptions {
  /** postgres(ql):// URL; empty or undefined selects PGlite in `<dataDir>/pglite`. */
  readonly databaseUrl?: string | undefined;
  readonly dataDir: string;
  readonly logger: Logger;
  /** Defaults to the repository's prisma/migrations. */
  readonly migrationsDir?: string;
  /** Every SQL statement of the app's client is timed into this (the metrics plug in later). */
  readonly queryTimings?: QueryTimings;
}

/**
 * Opens the database, applies pending migrations and creates the Prisma client. The first database
 * opened in a process becomes the one {@link getDatabase} returns, until it is closed.
 *
 * PGlite: the folder's single in-process instance is shared (see pglite-instances.ts).
 * PostgreSQL: migrations run on one dedicated connection, under Prisma's advisory lock.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const started = performance.now();
  const target = resolveDatabaseTarget(options);
  const logger = options.logger.child({ database: describeDatabaseTarget(target) });
  const migrations = await readMigrations(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);

  const timings = options.queryTimings;
  const timing = (factory: SqlDriverAdapterFactory) =>
    timings ? timedAdapterFactory(factory, timings) : factory;
  let prisma: PrismaClient;
  let release: () => Promise<void>;
  let report: MigrationReport;
  if (target.driver === "pglite") {
    const pglite = await acquirePglite(target.dataDir);
    try {
      report = await runSerially(pglite, () => applyMigrations(pgliteConnection(pglite), migrations, logger));
    } catch (error) {
      await releasePglite(target.dataDir);
      throw error;
    }
    prisma = new PrismaClient({ adapter: timing(createPgliteAdapterFactory(pglite)) });
    release = () => releasePglite(target.dataDir);
  } else {
    report = await migratePostgres(target.url, migrations, logger);
    prisma = new PrismaClient({ adapter: timing(createPostgresAdapterFactory(target.url)) });
    release = () => Promise.resolve();
  }

  // Loads Prisma's query compiler (~0.1 s) now rather than on the first request.
  await prisma.$connect().catch(async (error: unknown) => {
    await release();
    throw error;
  });

  let closing: Promise<void> | undefined;
  const database: Database = {
    prisma,
    driver: target.driver,
    close() {
      closing ??= (async () => {
        unregisterDatabase(database);
        try {
          await prisma.$disconnect();
        } finally {
          await release();
        }
      })();
      return closing;
    },
  };
  registerDatabase(database);
  logger.info(
    {
      driver: target.driver,
      applied: report.applied,
      alreadyApplied: report.alreadyApplied,
      ms: Math.round(performance.now() - started),
    },
    "database ready",
  );
  return database;
}

function pgliteConnection(pglite: PGlite): MigrationConnection {
  return {
    async query(sql, params = []) {
      return (await pglite.query<Record<string, unknown>>(sql, [...params])).rows;
    },
    async exec(sql) {
      // exec(), not query(): PGlite runs query() as a prepared statement, which rejects scripts.
      await pglite.exec(sql);
    },
  };
}

async function migratePostgres(
  url: string,
  migrations: readonly MigrationFile[],
  logger: Logger,
): Promise<MigrationReport> {
  // One plain client rather than Prisma's pool: the advisory lock and each migration's
  // transaction must stay on a single session.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await applyMigrations(
      {
        async query(sql, params = []) {
          return (await client.query<Record<string, unknown>>(sql, [...params])).rows;
        },
        async exec(sql) {
          // Without parameters pg uses the simple-query protocol, which accepts whole scripts.
          await client.query(sql);
        },
      },
      migrations,
      logger,
    );
  } finally {
    await client.end();
  }
}
