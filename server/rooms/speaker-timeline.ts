import type { TimelineEntry } from "../../src/shared/protocol";

/** Floor changes shorter than this are folded into their neighbours (a cough, a crossed word). */
const MIN_TURN_MS = 700;

/**
 * Who held the floor when, built from the media layer's active-speaker events during a
 * recording. Times are milliseconds from the recording's start. Pure bookkeeping: the clock is
 * the caller's.
 */
export class SpeakerTimeline {
  private readonly entries: TimelineEntry[] = [];
  private current: { userId: string; displayName: string; startMs: number } | null = null;

  constructor(private readonly startedAt: number) {}

  /** `userId` became the loudest voice (null: nobody) at `at` (ms since the epoch). */
  speaker(userId: string | null, displayName: string, at: number): void {
    if (this.current?.userId === userId) return;
    const ms = Math.max(0, at - this.startedAt);
    this.close(ms);
    this.current = userId === null ? null : { userId, displayName, startMs: ms };
  }

  /** The timeline up to `at`; turns shorter than MIN_TURN_MS are dropped, same-speaker turns merged. */
  finish(at: number): TimelineEntry[] {
    this.close(Math.max(0, at - this.startedAt));
    const merged: TimelineEntry[] = [];
    for (const entry of this.entries) {
      if (entry.endMs - entry.startMs < MIN_TURN_MS) continue;
      const last = merged.at(-1);
      if (last && last.userId === entry.userId) last.endMs = entry.endMs;
      else merged.push({ ...entry });
    }
    return merged;
  }

  private close(ms: number): void {
    if (this.current && ms > this.current.startMs) this.entries.push({ ...this.current, endMs: ms });
    this.current = null;
  }
}
