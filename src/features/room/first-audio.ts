import { FIRST_AUDIO_MAX_MS } from "@/shared/protocol";

type StatRecord = Record<string, unknown>;

/** Audio RTP packets received so far, from a receive transport's WebRTC stats. Pure, unit-tested. */
export function audioPacketsReceived(stats: readonly StatRecord[]): number {
  let total = 0;
  for (const stat of stats) {
    if (stat.type !== "inbound-rtp" || stat.kind !== "audio") continue;
    const packets = stat.packetsReceived;
    if (typeof packets === "number" && Number.isFinite(packets)) total += packets;
  }
  return total;
}

const POLL_MS = 100;

/**
 * Measures one join: from sending room:join (`startedAt`, performance.now()) to the first audio
 * packet on the receive transport, and reports it once. Only started when someone was speaking at
 * the join, so a quiet room's later first word is not counted as a slow join; gives up silently
 * when the join is replaced (`isCurrent`) or after the protocol's longest reportable wait.
 */
export function watchFirstAudio(options: {
  startedAt: number;
  stats: () => Promise<StatRecord[]>;
  isCurrent: () => boolean;
  report: (ms: number) => void;
}): void {
  const tick = async () => {
    const waited = performance.now() - options.startedAt;
    if (!options.isCurrent() || waited > FIRST_AUDIO_MAX_MS) return;
    const packets = audioPacketsReceived(await options.stats().catch(() => []));
    if (!options.isCurrent()) return;
    if (packets > 0) options.report(Math.round(performance.now() - options.startedAt));
    else setTimeout(() => void tick(), POLL_MS);
  };
  void tick();
}
