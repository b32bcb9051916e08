import type { Logger } from "../logging/logger";
import { withTimeout } from "../metrics/with-timeout";

/** One part the app needs to serve: null when it works, otherwise a sentence saying what is wrong. */
export type ReadinessCheck = { name: string; probe: () => Promise<string | null> };

export type Readiness = { ready: boolean; checks: Record<string, string> };

/** Longest one probe may take; a part slower than this is reported as not answering. */
const PROBE_TIMEOUT_MS = 3000;

/** Runs every probe at once; the app is ready when each says "ok". */
export async function checkReadiness(checks: readonly ReadinessCheck[]): Promise<Readiness> {
  const results = await Promise.all(
    checks.map(async ({ name, probe }) => {
      try {
        return [name, (await withTimeout(probe(), PROBE_TIMEOUT_MS)) ?? "ok"] as const;
      } catch (error) {
        return [name, error instanceof Error ? error.message : String(error)] as const;
      }
    }),
  );
  return { ready: results.every(([, state]) => state === "ok"), checks: Object.fromEntries(results) };
}

/**
 * The app's parts: the database (a ping) and every media worker (answers a request). A Redis
 * check joins this list when REDIS_URL is used (the horizontal scaling work), as one more entry.
 */
export function appReadinessChecks(parts: {
  pingDatabase: (() => Promise<void>) | undefined;
  logger: Logger;
  workerProblems: () => Promise<(string | null)[]>;
  /** True once the server drains before a restart: a load balancer must send nobody new here. */
  draining?: () => boolean;
}): ReadinessCheck[] {
  const checks: ReadinessCheck[] = [];
  const { draining } = parts;
  if (draining)
    checks.push({
      name: "serving",
      probe: () => Promise.resolve(draining() ? "draining for a restart" : null),
    });
  const { pingDatabase } = parts;
  if (pingDatabase)
    checks.push({
      name: "database",
      probe: async () => {
        try {
          await pingDatabase();
          return null;
        } catch (error) {
          // The probe is public (proxies pass it through): the driver's words, which may name
          // hosts and users, go to the log only.
          parts.logger.warn({ err: error }, "readiness: the database does not answer");
          return "the database does not answer";
        }
      },
    });
  checks.push({
    name: "media",
    probe: async () => {
      const problems = (await parts.workerProblems()).filter((problem) => problem !== null);
      return problems.length > 0 ? problems.join("; ") : null;
    },
  });
  return checks;
}
