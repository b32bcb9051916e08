import type { RoomStatsSample } from "@/shared/protocol";

/** Bucket sizes the bar charts step through, so a room of days still draws ≤ ~60 bars. */
const BUCKETS_MIN = [1, 2, 5, 10, 15, 30, 60, 120, 240, 720, 1440];
const MAX_BARS = 60;

export type Bucket = { at: number; joins: number; leaves: number; handsRaised: number; reactions: number };

/** The smallest bucket (in minutes) that keeps the room's span within MAX_BARS bars. */
export function bucketMinutesFor(fromMs: number, toMs: number): number {
  const minutes = Math.max(1, (toMs - fromMs) / 60_000);
  return BUCKETS_MIN.find((size) => minutes / size <= MAX_BARS) ?? 1440;
}

/**
 * Totals per bucket of `minutes`, aligned to the clock (a bar per minute starts at :00 s), every
 * bucket from the first sample to the last present (empty ones as zero), so gaps show as gaps.
 */
export function perBucket(samples: readonly RoomStatsSample[], minutes: number): Bucket[] {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last) return [];
  const size = minutes * 60_000;
  const start = Math.floor(first.at / size) * size;
  const end = Math.floor((last.at + last.spanMs - 1) / size) * size;
  const buckets: Bucket[] = [];
  for (let at = start; at <= end; at += size)
    buckets.push({ at, joins: 0, leaves: 0, handsRaised: 0, reactions: 0 });
  for (const sample of samples) {
    // A merged span longer than a bucket lands in the bucket of its start: totals stay exact.
    const bucket = buckets[Math.floor((sample.at - start) / size)];
    if (!bucket) continue;
    bucket.joins += sample.joins;
    bucket.leaves += sample.leaves;
    bucket.handsRaised += sample.handsRaised;
    bucket.reactions += sample.reactions;
  }
  return buckets;
}

/** Listeners over time as points: one at each span's end (the value then), starting at the first span. */
export function listenerPoints(samples: readonly RoomStatsSample[]): { at: number; value: number }[] {
  const first = samples[0];
  if (!first) return [];
  return [
    { at: first.at, value: Math.max(0, first.listeners - first.joins + first.leaves) },
    ...samples.map((sample) => ({ at: sample.at + sample.spanMs, value: sample.listeners })),
  ];
}

/** A "nice" top for an axis: 1, 2, 5 × 10^n at or above `max` (at least 1). */
export function niceMax(max: number): number {
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((factor) => factor * power >= max) ?? 10;
  return step * power;
}

/** Evenly spaced time ticks (ms) between `from` and `to`, at most `count`, on round minutes. */
export function timeTicks(from: number, to: number, count: number): number[] {
  const span = Math.max(1, to - from);
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440].map((m) => m * 60_000);
  const step = steps.find((candidate) => span / candidate <= count) ?? span;
  const ticks: number[] = [];
  for (let at = Math.ceil(from / step) * step; at <= to; at += step) ticks.push(at);
  return ticks;
}

/** Whole seconds, minutes and hours of a duration in ms, for "3 min 20 s" style labels. */
export function durationParts(ms: number): { hours: number; minutes: number; seconds: number } {
  const total = Math.round(ms / 1000);
  return { hours: Math.floor(total / 3600), minutes: Math.floor((total % 3600) / 60), seconds: total % 60 };
}
