import type { AppMetrics } from "./app-metrics";

/** What the socket layer tells the metrics: joins, and each join's first-audio report. */
export type RealtimeMetrics = {
  joined(connection: object): void;
  /** Records the report; false when this join has reported already (or the connection never joined). */
  firstAudio(connection: object, seconds: number): boolean;
};

/**
 * Counts joins and takes at most one first-audio report per join, so a client cannot skew the
 * histogram by repeating itself: the socket's command bucket bounds the rate, this bounds the count.
 */
export function realtimeMetrics(metrics: Pick<AppMetrics, "joined" | "firstAudio">): RealtimeMetrics {
  const awaitingReport = new WeakSet<object>();
  return {
    joined(connection) {
      metrics.joined();
      awaitingReport.add(connection);
    },
    firstAudio(connection, seconds) {
      if (!awaitingReport.delete(connection)) return false;
      metrics.firstAudio(seconds);
      return true;
    },
  };
}
