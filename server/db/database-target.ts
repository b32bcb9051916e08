import path from "node:path";

/**
 * Where the database lives. PostgreSQL when a postgres(ql):// URL is configured, otherwise PGlite
 * (embedded PostgreSQL compiled to WebAssembly) in a folder under the data directory, so the app
 * runs with no configuration at all.
 */
export type DatabaseTarget =
  | { readonly driver: "postgres"; readonly url: string }
  | { readonly driver: "pglite"; readonly dataDir: string };

/** The driver names, as reported in logs and by {@link DatabaseTarget}. */
export type DatabaseDriver = DatabaseTarget["driver"];

/** Default data directory, relative to the working directory. */
export const DEFAULT_DATA_DIR = ".data";

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/**
 * Picks the database from the configured URL and data directory.
 *
 * @param options.databaseUrl - a postgres:// or postgresql:// URL; empty or undefined means PGlite.
 * @param options.dataDir - the app's data directory; PGlite keeps its files in `<dataDir>/pglite`.
 * @throws Error when a URL is given that is not a PostgreSQL URL: silently falling back to the
 *   embedded database would hide a misconfiguration and write data where nobody expects it.
 */
export function resolveDatabaseTarget(options: {
  databaseUrl?: string | undefined;
  dataDir: string;
}): DatabaseTarget {
  const url = options.databaseUrl?.trim() ?? "";
  if (url === "") {
    return { driver: "pglite", dataDir: path.resolve(options.dataDir, "pglite") };
  }
  if (!POSTGRES_URL.test(url)) {
    throw new Error(
      `DATABASE_URL must start with postgres:// or postgresql:// (got "${redactUrl(url)}"); ` +
        "leave it unset to use the embedded PGlite database in the data directory.",
    );
  }
  return { driver: "postgres", url };
}

/** Reads `DATABASE_URL` and `DATA_DIR` (default `.data`) the same way the server does. */
export function databaseTargetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  return resolveDatabaseTarget({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR?.trim() || DEFAULT_DATA_DIR,
  });
}

/** A one-line description for logs that never contains a password. */
export function describeDatabaseTarget(target: DatabaseTarget): string {
  return target.driver === "pglite" ? `pglite:${target.dataDir}` : redactUrl(target.url);
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString();
  } catch {
    // Not a parseable URL: show only the scheme-ish prefix, it may contain credentials.
    return `${url.slice(0, 12)}...`;
  }
}
