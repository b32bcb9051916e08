import type { PrismaClient } from "./generated/prisma/client";
import type { DatabaseDriver } from "./database-target";

// Kept apart from database.ts so that Next.js route handlers and server components can reach the
// database without importing (and bundling) the migrator, pg or PGlite.

/** An open database: one Prisma client over PGlite or PostgreSQL. */
export interface Database {
  readonly prisma: PrismaClient;
  readonly driver: DatabaseDriver;
  /** Disconnects Prisma and, for PGlite, closes the instance. Safe to call more than once. */
  close(): Promise<void>;
}

declare global {
  // On globalThis, not in module state: the custom server and Next's compiled server code are
  // separate module graphs in one process, and must share one client (and one PGlite instance).
  var __audioRoomsDatabase: Database | undefined;
}

/**
 * The database the server opened at start, for route handlers and server components.
 *
 * @throws Error when no database is open in this process, i.e. the page is served by something
 *   other than the custom server (`next dev`/`next start` alone), or is rendered at build time
 *   (mark such pages `export const dynamic = "force-dynamic"`).
 */
export function getDatabase(): Database {
  const database = globalThis.__audioRoomsDatabase;
  if (database === undefined) {
    throw new Error(
      "The database is not open in this process. Start the app through its custom server " +
        "(npm run dev / npm start), which opens it before Next.js; pages that read it must be " +
        'dynamic (export const dynamic = "force-dynamic") so `next build` does not prerender them.',
    );
  }
  return database;
}

/** Makes `database` the one {@link getDatabase} returns, unless another is already registered. */
export function registerDatabase(database: Database): void {
  globalThis.__audioRoomsDatabase ??= database;
}

/** Forgets `database` if it is the registered one (called by its close()). */
export function unregisterDatabase(database: Database): void {
  if (globalThis.__audioRoomsDatabase === database) globalThis.__audioRoomsDatabase = undefined;
}
