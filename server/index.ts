import path from "node:path";
import { startApp, type RunningApp } from "./app";
import { loadConfig } from "./config/env";
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
  const persistence = await openPersistence(config, logger.child({ component: "db" }));
  let app: RunningApp;
  try {
    const pages = await createNextPages({
      dev: config.NEXT_DEV,
      dir: path.resolve(import.meta.dirname, ".."),
      hostname: config.HOST,
      port: config.PORT,
    });
    app = await startApp({ config, logger, persistence, pages });
  } catch (error) {
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
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `audio-rooms failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
