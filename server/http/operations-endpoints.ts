import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Readiness } from "../health/readiness";
import type { Logger } from "../logging/logger";
import type { AppMetrics } from "../metrics/app-metrics";

type Deps = {
  metrics: AppMetrics;
  /** METRICS_TOKEN: /metrics on the app's port needs `Authorization: Bearer <token>`; unset, it is 404. */
  metricsToken: string | undefined;
  readiness: () => Promise<Readiness>;
  logger: Logger;
};

const sha256 = (text: string) => createHash("sha256").update(text).digest();

/** Compares digests so the time taken says nothing about how much of the token was right. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const presented = /^Bearer (.+)$/.exec(header ?? "")?.[1];
  return presented !== undefined && timingSafeEqual(sha256(presented), sha256(token));
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response
    .writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" })
    .end(JSON.stringify(body));
}

async function sendMetrics(response: ServerResponse, metrics: AppMetrics): Promise<void> {
  const { contentType, text } = await metrics.scrape();
  response.writeHead(200, { "content-type": contentType, "cache-control": "no-store" }).end(text);
}

/**
 * /api/health (the process is alive: always 200), /api/ready (200 when the database and media
 * workers answer and the node can take one more person, else 503 with a `reason`, `draining`,
 * `full` or `failing`, and naming what fails) and /metrics behind its token. Answered before the
 * API router: probes read no cookie and touch no session. True when the request was one of these.
 */
export function createOperationsEndpoints(deps: Deps) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    if (request.method !== "GET" && request.method !== "HEAD") return false;
    const path = (request.url ?? "/").split("?")[0];
    if (path === "/api/health") {
      json(response, 200, { ok: true, data: { status: "alive" } });
      return true;
    }
    if (path === "/api/ready") {
      const { ready, checks, reason } = await deps.readiness();
      if (ready) json(response, 200, { ok: true, data: { status: "ready", checks } });
      else {
        const failing = Object.entries(checks).filter(([, state]) => state !== "ok");
        const message = `Not ready: ${failing.map(([name, state]) => `${name} (${state})`).join(", ")}.`;
        // Full and draining are a node at work, told to its front door at every probe: not a warning.
        if (reason === "failing") deps.logger.warn({ checks }, "readiness probe failed");
        else deps.logger.debug({ checks, reason }, "not ready for newcomers");
        const code = reason === "failing" ? "internal" : "unavailable";
        json(response, 503, { ok: false, error: { code, message }, reason, checks });
      }
      return true;
    }
    if (path === "/metrics") {
      if (deps.metricsToken === undefined) return false; // the usual 404: nothing to find here
      if (!bearerMatches(request.headers.authorization, deps.metricsToken)) {
        response
          .writeHead(401, { "www-authenticate": 'Bearer realm="metrics"', "content-type": "text/plain" })
          .end("A valid metrics token is needed (Authorization: Bearer <METRICS_TOKEN>).");
        return true;
      }
      await sendMetrics(response, deps.metrics);
      return true;
    }
    return false;
  };
}

/**
 * METRICS_PORT: /metrics alone on its own listener (127.0.0.1 unless METRICS_HOST says otherwise),
 * for a Prometheus on the same host or network; everything else there is 404.
 */
export async function startMetricsServer(
  metrics: AppMetrics,
  port: number,
  host: string,
  logger: Logger,
): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method !== "GET" || path !== "/metrics") {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not found");
      return;
    }
    sendMetrics(response, metrics).catch((error: unknown) => {
      logger.error({ err: error }, "metrics scrape failed");
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port, host }, () => resolve());
  });
  return server;
}
