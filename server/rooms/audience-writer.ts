import type { Logger } from "../logging/logger";
import type { AudienceRowChange, RoomStore, Scheduler } from "./room-ports";

/**
 * Write-behind for a room's audience rows: a listener's arrival or departure is queued and written
 * in a batch every `intervalMs` (and on shutdown), so a join never waits on the database. What a
 * crash can lose is at most the last batch of audience churn: after a restart those listeners are
 * not restored (or are restored though they had left, and leave again after the rejoin grace).
 * Roles, hosts and bans are never queued here: they are written before their change is committed,
 * and `flushUser` first writes that person's queued row, so a role can never be overwritten by an
 * older queued arrival.
 *
 * Writes are one at a time (a chain), so a periodic batch and a command's `flushUser` never race.
 */
export class AudienceWriter {
  private pending = new Map<string, AudienceRowChange>();
  private chain: Promise<void> = Promise.resolve();
  private timer: { cancel(): void } | null = null;

  constructor(
    private readonly deps: {
      roomId: string;
      store: Pick<RoomStore, "saveAudienceChanges">;
      scheduler: Scheduler;
      logger: Logger;
      intervalMs: number;
    },
  ) {}

  /** Queues a change; the latest change of a person replaces an older queued one. */
  record(change: AudienceRowChange): void {
    this.pending.delete(change.userId);
    this.pending.set(change.userId, change);
    this.timer ??= this.deps.scheduler.after(this.deps.intervalMs, () => {
      this.timer = null;
      void this.flush().catch(() => undefined);
    });
  }

  /** How many rows wait to be written (diagnostics, tests). */
  get backlog(): number {
    return this.pending.size;
  }

  /** Writes everything queued, after any write already under way. A failed batch goes back in the queue. */
  flush(): Promise<void> {
    this.timer?.cancel();
    this.timer = null;
    return this.write([...this.pending.keys()]);
  }

  /** Writes this person's queued row (if any) now: called before a role, host or ban write about them. */
  flushUser(userId: string): Promise<void> {
    return this.pending.has(userId) ? this.write([userId]) : this.chain;
  }

  private write(userIds: string[]): Promise<void> {
    const changes = userIds.flatMap((userId) => {
      const change = this.pending.get(userId);
      this.pending.delete(userId);
      return change ? [change] : [];
    });
    const run = this.chain.then(async () => {
      if (changes.length === 0) return;
      try {
        await this.deps.store.saveAudienceChanges(this.deps.roomId, changes);
      } catch (error) {
        // Keep what failed for the next batch, unless the person changed again meanwhile.
        for (const change of changes)
          if (!this.pending.has(change.userId)) this.pending.set(change.userId, change);
        this.deps.logger.error(
          { err: error, rows: changes.length },
          "audience rows could not be written; will retry",
        );
        if (this.pending.size > 0)
          this.timer ??= this.deps.scheduler.after(this.deps.intervalMs, () => {
            this.timer = null;
            void this.flush().catch(() => undefined);
          });
        throw error;
      }
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Shutdown: stops the timer and writes what is queued. */
  async close(): Promise<void> {
    await this.flush();
  }
}
