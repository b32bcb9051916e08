import { randomUUID } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  DriverAdapterError,
  type ConnectionInfo,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { DatabaseTarget } from "./database-target";
import { acquirePglite } from "./pglite-instances";

// Driver adapters for Prisma's JS engines, used both by prisma.config.ts (the CLI's WebAssembly
// schema engine) and by the app's Prisma client. Each class below works around one measured bug of
// prisma 6.19.3 / pglite-prisma-adapter 0.7.2; see the comment at each fix.

/** PostgreSQL type OIDs (pg_type.dat): the one-byte "char" and `name` catalog types, and text. */
const CHAR_OID = 18;
const NAME_OID = 19;
const TEXT_OID = 25;

/** Adapter factory for a real PostgreSQL server at `url`. */
export function createPostgresAdapterFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  return new PostgresAdapterFactory(url);
}

/** Adapter factory over an already-started PGlite instance (see {@link acquirePglite}). */
export function createPgliteAdapterFactory(pglite: PGlite): SqlMigrationAwareDriverAdapterFactory {
  return new PgliteAdapterFactory(pglite);
}

/**
 * The adapter factory for prisma.config.ts: PostgreSQL or the shared PGlite instance of the data
 * folder. The CLI never releases it; the folder lock is removed when the CLI process exits.
 */
export async function createCliAdapterFactory(
  target: DatabaseTarget,
): Promise<SqlMigrationAwareDriverAdapterFactory> {
  if (target.driver === "postgres") return createPostgresAdapterFactory(target.url);
  return createPgliteAdapterFactory(await acquirePglite(target.dataDir));
}

class PostgresAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres";
  readonly adapterName = "@prisma/adapter-pg";

  constructor(private readonly url: string) {}

  connect(): Promise<SqlDriverAdapter> {
    return new PrismaPg(createPool(this.url), { disposeExternalPool: true }).connect();
  }

  /**
   * Fix for bug 2: adapter-pg's own shadow database spreads `{...config, database}` over a config
   * whose connectionString wins, so `migrate dev` diffed against the main database (P3006), and it
   * dropped the temporary database while its pool was still connected. Here the shadow database
   * gets its own URL, and is dropped only after its pool has ended.
   */
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    await runAdminStatement(this.url, `CREATE DATABASE "${name}"`);
    const inner = await new PrismaPg(createPool(withDatabase(this.url, name)), {
      disposeExternalPool: true,
    }).connect();
    return new DelegatingAdapter(inner, {
      dispose: once(async () => {
        await inner.dispose();
        // FORCE (PostgreSQL 13+) ends any connection the engine left behind.
        await runAdminStatement(this.url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }),
    });
  }
}

/**
 * Fix for bug 1: adapter-pg 6.19 has no column type for the catalog types `name` (e.g.
 * pg_namespace.nspname) and `"char"` (e.g. pg_class.relkind) that the schema engine reads, and
 * fails with "Column type 'name' (or 'char') could not be deserialized". Both arrive as plain
 * text, so each pooled connection reports them as `text` before pg builds the result.
 */
function createPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url });
  pool.on("connect", (client) => {
    client.connection.prependListener("rowDescription", reportCatalogTypesAsText);
  });
  return pool;
}

function reportCatalogTypesAsText(message: unknown): void {
  if (typeof message !== "object" || message === null || !("fields" in message)) return;
  const { fields } = message;
  if (!Array.isArray(fields)) return;
  const list: readonly unknown[] = fields;
  for (const field of list) {
    if (typeof field === "object" && field !== null && "dataTypeID" in field) {
      if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID) {
        Reflect.set(field, "dataTypeID", TEXT_OID);
      }
    }
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

async function runAdminStatement(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

class PgliteAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres";
  readonly adapterName = "pglite-prisma-adapter";

  constructor(private readonly pglite: PGlite) {}

  async connect(): Promise<SqlDriverAdapter> {
    // dispose() of the inner adapter is a no-op; the instance's owner closes PGlite.
    return pgliteScriptSafe(await new PrismaPGlite(this.pglite).connect(), this.pglite, {});
  }

  /** A throwaway in-memory PGlite, closed on dispose (the stock adapter never closed it). */
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const shadow = await PGlite.create();
    const inner = await new PrismaPGlite(shadow).connect();
    return pgliteScriptSafe(inner, shadow, { dispose: once(() => shadow.close()) });
  }
}

/**
 * Fix for bug 3: PGlite runs parameterless SQL given to query() as a prepared statement, which
 * rejects scripts ("cannot insert multiple commands into a prepared statement"); such SQL must go
 * through exec(). The stock executeScript did call exec() but without awaiting it, so a failing
 * migration script was reported as applied and its error became an unhandled rejection.
 */
function pgliteScriptSafe(
  inner: SqlDriverAdapter,
  pglite: PGlite,
  overrides: Partial<Pick<SqlDriverAdapter, "dispose">>,
): SqlDriverAdapter {
  const execScript = async (script: string) => {
    try {
      return await pglite.exec(script);
    } catch (error) {
      throw toDriverAdapterError(error);
    }
  };
  return new DelegatingAdapter(inner, {
    ...overrides,
    executeScript: async (script) => {
      await execScript(script);
    },
    executeRaw: async (query) => {
      if (query.args.length > 0) return inner.executeRaw(query);
      const results = await execScript(query.sql);
      // PGlite's exec() reports affectedRows as a running total over the statements.
      return results.at(-1)?.affectedRows ?? 0;
    },
  });
}

/** Maps a PGlite database error to the shape Prisma's engines print with code and detail. */
function toDriverAdapterError(error: unknown): unknown {
  if (!(error instanceof Error) || !("code" in error) || typeof error.code !== "string") {
    return error;
  }
  const text = (key: string): string | undefined => {
    const value: unknown = Reflect.get(error, key);
    return typeof value === "string" ? value : undefined;
  };
  return new DriverAdapterError({
    kind: "postgres",
    code: error.code,
    severity: text("severity") ?? "ERROR",
    message: error.message,
    detail: text("detail"),
    column: text("column"),
    hint: text("hint"),
  });
}

type AdapterOverrides = Partial<Pick<SqlDriverAdapter, "dispose" | "executeScript" | "executeRaw">>;

/** A SqlDriverAdapter that forwards to `inner` except for the given methods. */
class DelegatingAdapter implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter["provider"];
  readonly adapterName: string;

  constructor(
    private readonly inner: SqlDriverAdapter,
    private readonly overrides: AdapterOverrides,
  ) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.inner.queryRaw(query);
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return (this.overrides.executeRaw ?? ((q) => this.inner.executeRaw(q)))(query);
  }

  executeScript(script: string): Promise<void> {
    return (this.overrides.executeScript ?? ((s) => this.inner.executeScript(s)))(script);
  }

  startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    return this.inner.startTransaction(isolationLevel);
  }

  getConnectionInfo(): ConnectionInfo {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: true };
  }

  dispose(): Promise<void> {
    return (this.overrides.dispose ?? (() => this.inner.dispose()))();
  }
}

/** Wraps an async cleanup so calling it twice (the 6.19 CLI disposes the shadow twice) is safe. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let result: Promise<void> | undefined;
  return () => (result ??= fn());
}
