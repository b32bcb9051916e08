import type { Database } from "./get-database";

/** Longest a readiness ping waits: a database that takes longer is not ready to serve. */
const PING_TIMEOUT_MS = 2000;

/**
 * The readiness probe's view of the database: one `SELECT 1`, bounded in time. After close() the
 * answer is "closed" even where the client would quietly reconnect (adapter-pg opens a new pool).
 */
export function databaseHealth(database: Database) {
  let closed = false;
  return {
    async ping(): Promise<void> {
      if (closed) throw new Error("the database connection is closed");
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)),
          PING_TIMEOUT_MS,
        );
      });
      try {
        await Promise.race([database.prisma.$queryRaw`SELECT 1`, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    close(): Promise<void> {
      closed = true;
      return database.close();
    },
  };
}
