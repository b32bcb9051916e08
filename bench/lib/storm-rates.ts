import type { StormReply } from "./storm-messages";

type Snapshot = Extract<StormReply, { type: "snapshot" }>;

/** Per-client receive rates over one window, from the cumulative counters at its two edges. */
export type Rates = { eventsMean: number; eventsMax: number; bytesMean: number; bytesMax: number };

/**
 * Rates each client received between `from` and `to` (snapshots of the same client process, in
 * order). A client counts from its own join ack when that is later than `from` (it could not
 * receive room events before), and only if it was in the room for at least 1 s of the window, so
 * the max is not a 10 ms sliver. Mean = total received / total client-seconds.
 */
export function windowRates(pairs: { from: Snapshot | null; to: Snapshot }[]): Rates {
  let events = 0;
  let bytes = 0;
  let seconds = 0;
  let eventsMax = 0;
  let bytesMax = 0;
  for (const { from, to } of pairs) {
    to.joinedAt.forEach((joinedAt, i) => {
      if (joinedAt === 0) return;
      const start = Math.max(joinedAt, from?.at ?? 0);
      const duration = (to.at - start) / 1000;
      if (duration < 1) return;
      const e = (to.events[i] ?? 0) - (from?.events[i] ?? 0);
      const b = (to.bytes[i] ?? 0) - (from?.bytes[i] ?? 0);
      events += e;
      bytes += b;
      seconds += duration;
      eventsMax = Math.max(eventsMax, e / duration);
      bytesMax = Math.max(bytesMax, b / duration);
    });
  }
  return {
    eventsMean: events / Math.max(seconds, 1e-9),
    eventsMax,
    bytesMean: bytes / Math.max(seconds, 1e-9),
    bytesMax,
  };
}
