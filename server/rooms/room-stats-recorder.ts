import type { RoomCounts, RoomStatsSample } from "../../src/shared/protocol";
import { RoomStatsAggregator, statsOfEvents } from "../domain/room-stats";
import type { RoomEvent, RoomState } from "../domain/room-state";
import type { Logger } from "../logging/logger";
import { realScheduler, type Scheduler } from "./room-ports";
import type { RoomStatsDeps, StoredRoomStats } from "./room-stats-ports";

/** Six samples per write: at 5 s, one small write per room every 30 s. */
const DEFAULT_WRITE_EVERY = 6;

/**
 * Samples one live room every `sampleMs` (listeners, stage, joins and leaves, hands, reactions,
 * who held the floor) and keeps the series with the room. The counting is the pure aggregator's;
 * this class owns the timer and the writes, which run one after another off the command path
 * (a failed write is logged and retried with the next batch, never thrown into the room).
 */
export class RoomStatsRecorder {
  private aggregator: RoomStatsAggregator;
  private timer: { cancel(): void } | null = null;
  private closed = false;
  /** Rows to write next, by span start (a grown last row replaces its earlier version). */
  private readonly pending = new Map<number, RoomStatsSample>();
  private rewrite = false;
  private samplesSinceWrite = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly roomId: string,
    private readonly deps: RoomStatsDeps,
    private readonly logger: Logger,
    private readonly nameOf: (userId: string) => string,
    counts: RoomCounts,
    private readonly scheduler: Scheduler = realScheduler,
  ) {
    this.aggregator = new RoomStatsAggregator({ sampleMs: deps.sampleMs, now: scheduler.now(), counts });
  }

  /** Picks up what an earlier process of this room kept (after a restart), then starts sampling. */
  async start(counts: RoomCounts): Promise<void> {
    let restored: StoredRoomStats = { samples: [], speakers: [] };
    try {
      restored = await this.deps.store.load(this.roomId);
    } catch (error) {
      this.logger.warn({ err: error }, "room stats could not be read; starting afresh");
    }
    if (restored.samples.length > 0 || restored.speakers.length > 0)
      this.aggregator = new RoomStatsAggregator({
        sampleMs: this.deps.sampleMs,
        now: this.scheduler.now(),
        counts,
        restored,
      });
    this.schedule();
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = this.scheduler.after(this.deps.sampleMs, () => {
      this.timer = null;
      this.takeSample();
      this.schedule();
    });
  }

  private takeSample(): void {
    const outcome = this.aggregator.sample(this.scheduler.now());
    if (outcome.rewritten) {
      this.rewrite = true;
      this.pending.clear();
    } else this.pending.set(outcome.sample.at, outcome.sample);
    this.samplesSinceWrite++;
    if (this.samplesSinceWrite >= (this.deps.writeEvery ?? DEFAULT_WRITE_EVERY)) void this.write();
  }

  /** A command committed (after the state changed). */
  committed(events: readonly RoomEvent[], before: RoomState, counts: RoomCounts): void {
    if (this.closed || events.length === 0) return;
    this.aggregator.committed(statsOfEvents(events, before), counts, this.scheduler.now());
  }

  reacted(): void {
    if (!this.closed) this.aggregator.reacted();
  }

  /** The media layer's loudest voice changed. */
  activeSpeaker(userId: string | null): void {
    if (this.closed) return;
    this.aggregator.floorTo(userId, userId === null ? "" : this.nameOf(userId), this.scheduler.now());
  }

  /** Writes what is pending (serially: one write at a time, in order). */
  write(): Promise<void> {
    this.samplesSinceWrite = 0;
    const rewrite = this.rewrite;
    const rows = rewrite ? [...this.aggregator.samples()] : [...this.pending.values()];
    const speakers = this.aggregator.takeChangedSpeakers();
    this.rewrite = false;
    this.pending.clear();
    if (rows.length === 0 && speakers.length === 0 && !rewrite) return this.writing;
    const { store } = this.deps;
    this.writing = this.writing.then(async () => {
      try {
        if (rewrite) await store.replaceSamples(this.roomId, rows);
        else if (rows.length > 0) await store.saveSamples(this.roomId, rows);
        if (speakers.length > 0) await store.saveSpeakers(this.roomId, speakers);
      } catch (error) {
        this.logger.warn(
          { err: error, rows: rows.length },
          "room stats not saved; retrying with the next batch",
        );
        // Keep them for the next write, unless newer versions of the same rows are already queued.
        if (rewrite) this.rewrite = true;
        else for (const row of rows) if (!this.pending.has(row.at)) this.pending.set(row.at, row);
      }
    });
    return this.writing;
  }

  /**
   * The room ended (`final`: the last span is closed and kept) or the server stops (the span in
   * progress is closed too, so a restart loses at most its own downtime). Safe to call twice.
   */
  async close(): Promise<void> {
    if (this.closed) return this.writing;
    this.closed = true;
    this.timer?.cancel();
    this.timer = null;
    this.aggregator.floorTo(null, "", this.scheduler.now());
    this.takeSample();
    await this.write();
  }

  /** The series as it stands (live rooms are read from here: current to the last sample). */
  snapshot(): StoredRoomStats {
    return {
      samples: [...this.aggregator.samples()],
      speakers: this.aggregator.speakers(this.scheduler.now()),
    };
  }
}
