import type { Server as HttpServer, IncomingMessage, ServerResponse } from "node:http";
import type { AppConfig } from "../config/env";
import { appReadinessChecks, capacityProblem, checkReadiness } from "../health/readiness";
import { createOperationsEndpoints, startMetricsServer } from "../http/operations-endpoints";
import type { Logger } from "../logging/logger";
import type { WorkerPool } from "../media/worker-pool";
import { createAppMetrics, type AppMetrics } from "../metrics/app-metrics";
import { MediaWorkerStats } from "../metrics/media-worker-stats";
import { realtimeMetrics, type RealtimeMetrics } from "../metrics/realtime-metrics";
import type { QueryObserver } from "../db/query-timing";
import type { RoomRegistry } from "../rooms/room-registry";

export type Operations = {
  metrics: AppMetrics;
  realtime: RealtimeMetrics;
  /** /api/health, /api/ready and /metrics on the app's port; true when it answered. */
  handle(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
  /** Opens METRICS_PORT when configured. */
  listen(): Promise<void>;
  close(): Promise<void>;
};

/**
 * What an operator watches: Prometheus metrics (rooms, members, joins, first audio, workers,
 * sockets, database time, the process) and the liveness and readiness probes.
 */
export function createOperations(deps: {
  config: Pick<
    AppConfig,
    "METRICS_TOKEN" | "METRICS_PORT" | "METRICS_HOST" | "READY_MAX_SOCKETS" | "cluster"
  >;
  pool: WorkerPool;
  registry: RoomRegistry;
  sockets: () => number;
  persistence: {
    ping?: () => Promise<void>;
    observeQueries?: (observer: QueryObserver) => void;
  };
  /** True from SIGTERM on: /api/ready answers 503 (see RunningApp.drain). */
  draining?: () => boolean;
  logger: Logger;
}): Operations {
  const { config, logger } = deps;
  const workers = new MediaWorkerStats(deps.pool);
  const metrics = createAppMetrics({
    rooms: () => deps.registry.running(),
    workers: () => workers.sample(),
    sockets: deps.sockets,
  });
  deps.persistence.observeQueries?.((statement, table, seconds, ok) =>
    metrics.query(table, statement, seconds, ok),
  );
  const checks = appReadinessChecks({
    pingDatabase: deps.persistence.ping,
    logger,
    workerProblems: async () => (await workers.sample()).map((sample) => sample.problem),
    draining: deps.draining,
    // Only where another node can take the newcomer (see appReadinessChecks).
    full: config.cluster
      ? () =>
          capacityProblem({
            hasSeats: (seats) => deps.pool.hasSeats(seats),
            sockets: deps.sockets,
            maxSockets: config.READY_MAX_SOCKETS,
          })
      : undefined,
  });
  const handle = createOperationsEndpoints({
    metrics,
    metricsToken: config.METRICS_TOKEN,
    readiness: () => checkReadiness(checks),
    logger,
  });
  let server: HttpServer | null = null;
  return {
    metrics,
    realtime: realtimeMetrics(metrics),
    handle,
    async listen() {
      if (config.METRICS_PORT === undefined) return;
      server = await startMetricsServer(metrics, config.METRICS_PORT, config.METRICS_HOST, logger);
      logger.info({ host: config.METRICS_HOST, port: config.METRICS_PORT }, "metrics listening");
    },
    async close() {
      const open = server;
      if (!open) return;
      await new Promise<void>((resolve) => open.close(() => resolve()));
    },
  };
}
