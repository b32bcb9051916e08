import type { RoomCounts, RoomStatsSample, RoomStatsSpeaker } from "../../src/shared/protocol";
import { isOnStage, type RoomEvent, type RoomState } from "./room-state";

/**
 * Most samples one room keeps. At 5 s that is the first two hours at full resolution; past it the
 * series is merged into spans twice as long (and again at each doubling), so a room that runs for
 * days still keeps between half and all of this many rows: ~100 bytes each.
 */
export const ROOM_STATS_MAX_SAMPLES = 1440;

/** What one committed command did, as the chart counts it. */
export type StatsDelta = {
  joins: number;
  leaves: number;
  handsRaised: number;
  /** People who muted or left the stage: if they held the floor, their clock stops. */
  quiet: string[];
};

/** Reads a command's events against the state before it (pure). */
export function statsOfEvents(events: readonly RoomEvent[], before: RoomState): StatsDelta {
  const delta: StatsDelta = { joins: 0, leaves: 0, handsRaised: 0, quiet: [] };
  for (const event of events) {
    switch (event.type) {
      case "member-joined":
      case "audience-joined":
        delta.joins++;
        break;
      case "member-left":
      case "member-removed":
      case "audience-left":
        delta.leaves++;
        delta.quiet.push(event.userId);
        break;
      case "member-updated": {
        const { member } = event;
        const was = before.members.get(member.userId);
        if (member.handRaisedAt !== null && (was === undefined || was.handRaisedAt === null))
          delta.handsRaised++;
        if (member.muted || !isOnStage(member)) delta.quiet.push(member.userId);
        break;
      }
      default:
        break;
    }
  }
  return delta;
}

/** Two neighbouring spans as one: totals add up, the end state is the later one's, peaks keep the max. */
export function mergeSamples(a: RoomStatsSample, b: RoomStatsSample): RoomStatsSample {
  return {
    at: a.at,
    spanMs: Math.max(1, b.at + b.spanMs - a.at),
    listeners: b.listeners,
    peakListeners: Math.max(a.peakListeners, b.peakListeners),
    stage: b.stage,
    joins: a.joins + b.joins,
    leaves: a.leaves + b.leaves,
    handsRaised: a.handsRaised + b.handsRaised,
    handsUp: b.handsUp,
    reactions: a.reactions + b.reactions,
  };
}

/** Merges the samples that fall into the same `resolutionMs` bucket counted from `origin`. */
export function rebucket(
  samples: readonly RoomStatsSample[],
  origin: number,
  resolutionMs: number,
): RoomStatsSample[] {
  const out: RoomStatsSample[] = [];
  let lastBucket = Number.NaN;
  for (const sample of samples) {
    const bucket = Math.floor((sample.at - origin) / resolutionMs);
    const last = out[out.length - 1];
    if (last !== undefined && bucket === lastBucket) out[out.length - 1] = mergeSamples(last, sample);
    else out.push(sample);
    lastBucket = bucket;
  }
  return out;
}

/** The room's peak and totals, from its series. */
export function summarizeSamples(samples: readonly RoomStatsSample[]) {
  let peak = { listeners: 0, at: null as number | null };
  const totals = { joins: 0, leaves: 0, handsRaised: 0, reactions: 0 };
  for (const sample of samples) {
    if (peak.at === null || sample.peakListeners > peak.listeners)
      peak = { listeners: sample.peakListeners, at: sample.at };
    totals.joins += sample.joins;
    totals.leaves += sample.leaves;
    totals.handsRaised += sample.handsRaised;
    totals.reactions += sample.reactions;
  }
  return { peak, totals };
}

/** What a sample did to the series: appended or merged into the last row, or the whole series rewritten. */
export type SampleOutcome = { sample: RoomStatsSample; rewritten: boolean };

/**
 * The running statistics of one live room, with the time passed in: counters for the current
 * span, the bounded series of closed spans, and who held the floor for how long. The timer that
 * closes a span, and the writes, live in server/rooms.
 */
export class RoomStatsAggregator {
  private series: RoomStatsSample[];
  private readonly origin: number;
  private resolutionMs: number;
  private spanStart: number;
  private current = { joins: 0, leaves: 0, handsRaised: 0, reactions: 0, peak: 0 };
  private latest: RoomCounts;
  private readonly speaking = new Map<string, RoomStatsSpeaker>();
  private floor: { userId: string; since: number } | null = null;
  private readonly changedSpeakers = new Set<string>();

  constructor(
    private readonly options: {
      sampleMs: number;
      maxSamples?: number;
      now: number;
      counts: RoomCounts;
      /** What an earlier process of this room kept (a restart). */
      restored?: { samples: readonly RoomStatsSample[]; speakers: readonly RoomStatsSpeaker[] };
    },
  ) {
    const restored = options.restored?.samples ?? [];
    this.series = [...restored];
    this.origin = restored[0]?.at ?? options.now;
    // Picks up the resolution the series had reached (its longest span, up to timer jitter).
    this.resolutionMs = options.sampleMs;
    const longest = Math.max(0, ...restored.slice(0, -1).map((sample) => sample.spanMs));
    while (this.resolutionMs * 1.1 < longest) this.resolutionMs *= 2;
    for (const speaker of options.restored?.speakers ?? []) this.speaking.set(speaker.userId, { ...speaker });
    this.spanStart = options.now;
    this.latest = options.counts;
    this.current.peak = options.counts.audience;
  }

  private get maxSamples(): number {
    return this.options.maxSamples ?? ROOM_STATS_MAX_SAMPLES;
  }

  /** A command committed: count what it did, and follow the room's counts. */
  committed(delta: StatsDelta, counts: RoomCounts, now: number): void {
    this.current.joins += delta.joins;
    this.current.leaves += delta.leaves;
    this.current.handsRaised += delta.handsRaised;
    for (const userId of delta.quiet) if (this.floor?.userId === userId) this.floorTo(null, "", now);
    this.observe(counts);
  }

  observe(counts: RoomCounts): void {
    this.latest = counts;
    this.current.peak = Math.max(this.current.peak, counts.audience);
  }

  reacted(count = 1): void {
    this.current.reactions += count;
  }

  /** The loudest voice changed (null: nobody). `displayName` names a new speaker. */
  floorTo(userId: string | null, displayName: string, now: number): void {
    if (this.floor?.userId === userId) return;
    this.stopFloor(now);
    if (userId === null) return;
    if (!this.speaking.has(userId)) this.speaking.set(userId, { userId, displayName, speakingMs: 0 });
    this.floor = { userId, since: now };
  }

  private stopFloor(now: number): void {
    if (!this.floor) return;
    const speaker = this.speaking.get(this.floor.userId);
    if (speaker) {
      speaker.speakingMs += Math.max(0, now - this.floor.since);
      this.changedSpeakers.add(speaker.userId);
    }
    this.floor = null;
  }

  /**
   * Closes the current span at `now` and starts the next. It joins the last row when both fall
   * in one bucket of the current resolution; past `maxSamples` rows the resolution doubles and
   * the whole series is merged (`rewritten`).
   */
  sample(now: number): SampleOutcome {
    const sample: RoomStatsSample = {
      at: this.spanStart,
      spanMs: Math.max(1, now - this.spanStart),
      listeners: this.latest.audience,
      peakListeners: Math.max(this.current.peak, this.latest.audience),
      stage: this.latest.stage,
      joins: this.current.joins,
      leaves: this.current.leaves,
      handsRaised: this.current.handsRaised,
      handsUp: this.latest.hands,
      reactions: this.current.reactions,
    };
    this.spanStart = now;
    this.current = { joins: 0, leaves: 0, handsRaised: 0, reactions: 0, peak: this.latest.audience };
    // The floor's holder is credited up to now, so a reader sees it without waiting for a change.
    const holder = this.floor;
    if (holder) {
      this.stopFloor(now);
      this.floor = { userId: holder.userId, since: now };
    }
    // Only the last row can share the new span's bucket: O(1) per sample, not a pass over the series.
    const last = this.series[this.series.length - 1];
    const bucketOf = (at: number) => Math.floor((at - this.origin) / this.resolutionMs);
    if (last !== undefined && bucketOf(last.at) === bucketOf(sample.at))
      this.series[this.series.length - 1] = mergeSamples(last, sample);
    else this.series.push(sample);
    let rewritten = false;
    while (this.series.length > this.maxSamples) {
      this.resolutionMs *= 2;
      this.series = rebucket(this.series, this.origin, this.resolutionMs);
      rewritten = true;
    }
    return { sample: this.series[this.series.length - 1] ?? sample, rewritten };
  }

  samples(): readonly RoomStatsSample[] {
    return this.series;
  }

  /** Everyone who held the floor, longest first, the current holder counted up to `now`. */
  speakers(now: number): RoomStatsSpeaker[] {
    const out = [...this.speaking.values()].map((speaker) => ({ ...speaker }));
    if (this.floor) {
      const running = out.find((speaker) => speaker.userId === this.floor?.userId);
      if (running) running.speakingMs += Math.max(0, now - this.floor.since);
    }
    return out.sort((a, b) => b.speakingMs - a.speakingMs || a.displayName.localeCompare(b.displayName));
  }

  /** Speakers whose totals changed since the last call (for the next write). */
  takeChangedSpeakers(): RoomStatsSpeaker[] {
    const out = [...this.changedSpeakers].flatMap((userId) => {
      const speaker = this.speaking.get(userId);
      return speaker ? [{ ...speaker }] : [];
    });
    this.changedSpeakers.clear();
    return out;
  }

  get resolution(): number {
    return this.resolutionMs;
  }
}
