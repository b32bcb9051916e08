import path from "node:path";
import { startApp, type RunningApp } from "./app";
import { startClusterNode, type ClusterNode } from "./cluster/cluster-node";
import { loadConfig } from "./config/env";
import { limitsOf } from "./config/limits";
import { describeDatabaseTarget, resolveDatabaseTarget } from "./db/database-target";
import { openPersistence } from "./db/persistence";
import { createLogger } from "./logging/logger";
import { createNextPages } from "./pages/next-pages";

/**
 * The one process: configuration → database (migrated) → Next.js → HTTP + Socket.IO + mediasoup.
 * SIGTERM/SIGINT shut down gracefully: clients are disconnected (they reconnect to the next
 * process), media and the database are closed, then the process exits.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const persistence = await openPersistence(config, logger.child({ component: "db" })).catch(
    (error: unknown) => {
      throw new StartupError(databaseProblem(config, error));
    },
  );
  let app: RunningApp;
  let cluster: ClusterNode | null = null;
  try {
    // Cluster mode (REDIS_URL): Redis must answer before this node takes any room.
    if (config.cluster)
      cluster = await startClusterNode({ settings: config.cluster, limits: limitsOf(config), logger });
    const pages = await createNextPages({
      dev: config.NEXT_DEV,
      dir: path.resolve(import.meta.dirname, ".."),
      hostname: config.HOST,
      port: config.PORT,
    });
    app = await startApp({ config, logger, persistence, pages, cluster });
  } catch (error) {
    await cluster?.close();
    await persistence.close();
    throw error;
  }
  const running = app;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      logger.error({ signal }, "shutdown took over 10 s; exiting anyway");
      process.exit(1);
    }, 10_000);
    force.unref();
    running
      .close()
      .then(() => cluster?.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

/** A start-up failure whose message says all an operator needs (no stack trace). */
class StartupError extends Error {}

/** "the database at <where> could not be opened: <why>", the password masked, nothing else echoed. */
function databaseProblem(
  config: { DATABASE_URL?: string | undefined; dataDir: string },
  error: unknown,
): string {
  const where = describeDatabaseTarget(
    resolveDatabaseTarget({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir }),
  );
  const codes = error instanceof AggregateError ? error.errors : [error];
  const reasons = codes.map((cause: unknown) => (cause instanceof Error ? cause.message : String(cause)));
  const reason = reasons.filter((text) => text !== "").join("; ") || "unknown error";
  return `the database at ${where} could not be opened: ${reason}. Check DATABASE_URL and that the database is running.`;
}

main().catch((error: unknown) => {
  const detail =
    error instanceof StartupError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  process.stderr.write(`audio-rooms failed to start: ${detail}\n`);
  process.exit(1);
});
