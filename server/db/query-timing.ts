import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  SqlQueryable,
  SqlResultSet,
  Transaction,
} from "@prisma/driver-adapter-utils";

/** One SQL statement Prisma ran: its kind (select, insert ...), the first table it names, its time. */
export type QueryObserver = (statement: string, table: string, seconds: number, ok: boolean) => void;

/**
 * Where query timings go. The persistence opens before the app (and its metrics) exist, so the
 * observer is plugged in later; until then timings are dropped.
 */
export class QueryTimings {
  observer: QueryObserver | null = null;
}

const STATEMENT = /^\s*(select|insert|update|delete|with|begin|commit|rollback|set|show)\b/i;
// Prisma names tables schema-qualified and quoted: FROM "public"."Room", INSERT INTO "public"."Room".
const TABLE = /"public"\."([A-Za-z0-9_]{1,64})"/;
/** Prisma's SQL is a small set of repeated strings; classifying each once keeps the cost flat. */
const classified = new Map<string, { statement: string; table: string }>();
const CLASSIFIED_MAX = 2000;

export function classifySql(sql: string): { statement: string; table: string } {
  const known = classified.get(sql);
  if (known) return known;
  const result = {
    statement: STATEMENT.exec(sql)?.[1]?.toLowerCase() ?? "other",
    table: TABLE.exec(sql)?.[1] ?? "none",
  };
  if (classified.size < CLASSIFIED_MAX) classified.set(sql, result);
  return result;
}

async function timed<T>(timings: QueryTimings, query: SqlQuery, run: () => Promise<T>): Promise<T> {
  const observer = timings.observer;
  if (!observer) return run();
  const started = performance.now();
  let ok = false;
  try {
    const result = await run();
    ok = true;
    return result;
  } finally {
    const { statement, table } = classifySql(query.sql);
    observer(statement, table, (performance.now() - started) / 1000, ok);
  }
}

function timedQueryable(inner: SqlQueryable, timings: QueryTimings) {
  return {
    queryRaw: (query: SqlQuery): Promise<SqlResultSet> => timed(timings, query, () => inner.queryRaw(query)),
    executeRaw: (query: SqlQuery): Promise<number> => timed(timings, query, () => inner.executeRaw(query)),
  };
}

/**
 * Times every statement at the driver adapter, the one place all of Prisma's queries pass
 * (repositories, interactive transactions, raw SQL) whatever the client is. A Prisma client
 * extension ($allOperations) would label by model, but the extended client is another type than
 * `PrismaClient` that every repository takes; the adapter keeps the types and measures the
 * database round trip itself rather than Prisma's query building.
 */
export function timedAdapterFactory(
  inner: SqlDriverAdapterFactory,
  timings: QueryTimings,
): SqlDriverAdapterFactory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const adapter = await inner.connect();
      const connectionInfo = adapter.getConnectionInfo?.bind(adapter);
      return {
        provider: adapter.provider,
        adapterName: adapter.adapterName,
        ...timedQueryable(adapter, timings),
        executeScript: (script) => adapter.executeScript(script),
        async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
          const tx = await adapter.startTransaction(isolationLevel);
          return {
            provider: tx.provider,
            adapterName: tx.adapterName,
            options: tx.options,
            ...timedQueryable(tx, timings),
            commit: () => tx.commit(),
            rollback: () => tx.rollback(),
          };
        },
        ...(connectionInfo ? { getConnectionInfo: connectionInfo } : {}),
        dispose: () => adapter.dispose(),
      };
    },
  };
}
