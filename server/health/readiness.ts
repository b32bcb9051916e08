import type { Logger } from "../logging/logger";
import { withTimeout } from "../metrics/with-timeout";

/**
 * Why a node is not ready, for whoever routes to it: `draining` (it is shutting down), `full`
 * (healthy, but it can take no one more: send newcomers to another node) or `failing` (a part
 * it needs does not work).
 */
export type NotReadyReason = "draining" | "full" | "failing";

/**
 * One part the app needs to serve: null when it works, otherwise a sentence saying what is wrong.
 * `reason` is what a failure of this check means (`failing` unless said otherwise).
 */
export type ReadinessCheck = {
  name: string;
  probe: () => Promise<string | null>;
  reason?: Exclude<NotReadyReason, "failing">;
};

/** `reason` is null when ready, else the reason of the first failing check in the list's order. */
export type Readiness = { ready: boolean; checks: Record<string, string>; reason: NotReadyReason | null };

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
  const firstFailing = checks.find((_, index) => results[index]?.[1] !== "ok");
  return {
    ready: firstFailing === undefined,
    checks: Object.fromEntries(results),
    reason: firstFailing ? (firstFailing.reason ?? "failing") : null,
  };
}

/** Media seats one more listener needs: a receive transport takes at least one (receive-placement.ts). */
const ONE_LISTENER = 1;

/**
 * Whether this node can take one more person, as a sentence when it cannot: no media worker has
 * a free consumer seat for one more listener, or it holds `maxSockets` sockets (READY_MAX_SOCKETS).
 * Those already here stay; this only tells a front door to send the next ones elsewhere.
 */
export function capacityProblem(node: {
  hasSeats: (seats: number) => boolean;
  sockets: () => number;
  maxSockets: number | undefined;
}): string | null {
  if (!node.hasSeats(ONE_LISTENER)) return "full: no media seat free for one more listener";
  const open = node.sockets();
  if (node.maxSockets !== undefined && open >= node.maxSockets)
    return `full: ${open} sockets open, the limit is ${node.maxSockets}`;
  return null;
}

/**
 * The app's parts: serving (not draining), the database (a ping), every media worker (answers a
 * request) and room for one more person. A Redis check joins this list when REDIS_URL is used
 * (the horizontal scaling work), as one more entry.
 */
export function appReadinessChecks(parts: {
  pingDatabase: (() => Promise<void>) | undefined;
  logger: Logger;
  workerProblems: () => Promise<(string | null)[]>;
  /** True once the server drains before a restart: a load balancer must send nobody new here. */
  draining?: () => boolean;
  /**
   * A sentence when this node can take no one more (see `capacityProblem`), else null. Cluster
   * mode only: a single node has nowhere else to send newcomers, and a 503 there would shut the
   * whole site instead of letting a full room say so.
   */
  full?: () => string | null;
}): ReadinessCheck[] {
  const checks: ReadinessCheck[] = [];
  const { draining, full } = parts;
  if (draining)
    checks.push({
      name: "serving",
      reason: "draining",
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
  // Last, so a node whose workers are dead (hence no seats) says `failing`, not `full`.
  if (full) checks.push({ name: "capacity", reason: "full", probe: () => Promise.resolve(full()) });
  return checks;
}
