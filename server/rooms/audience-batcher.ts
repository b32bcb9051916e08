import type { Member, RoomCounts, ServerEventPayload } from "../../src/shared/protocol";
import type { Scheduler } from "./room-ports";

export type AudienceBatch = ServerEventPayload<"room:audience-changed">;

type Pending = { kind: "joined"; member: Member } | { kind: "left"; userId: string };

/**
 * Coalesces a room's audience churn (listeners arriving and leaving) into at most one
 * `room:audience-changed` per `intervalMs`: a storm of 800 joins a second costs each member one
 * message a second, not 800. The first change after a quiet spell goes out at once.
 *
 * Ordering with the immediate, versioned events (stage, roles, hands, mutes) is kept per person:
 * each person appears at most once in a batch, in their latest state (joined then left = left;
 * left then joined = joined), and before an immediate event about someone is sent the room calls
 * `supersede(userId)`, which drops them from the pending batch. So a batch never carries news
 * about a person older than something already said about them: a listener who joined and was
 * then invited on stage can never re-appear as audience after the stage event.
 */
export class AudienceBatcher {
  private pending = new Map<string, Pending>();
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private timer: { cancel(): void } | null = null;
  private closed = false;

  constructor(
    private readonly deps: {
      scheduler: Scheduler;
      send: (batch: AudienceBatch) => void;
      /** The room's counts at the moment the batch goes out. */
      counts: () => RoomCounts;
      intervalMs: number;
      /** Most entries of each list; past it the batch is sent as `truncated` with empty lists. */
      cap: number;
    },
  ) {}

  joined(member: Member): void {
    this.record(member.userId, { kind: "joined", member });
  }

  left(userId: string): void {
    this.record(userId, { kind: "left", userId });
  }

  /** An immediate event about this person is going out: whatever the batch held about them is older. */
  supersede(userId: string): void {
    this.pending.delete(userId);
  }

  /** Sends what is pending now (room ending, tests). */
  flush(): void {
    this.timer?.cancel();
    this.timer = null;
    if (this.pending.size === 0) return;
    const entries = [...this.pending.values()];
    this.pending = new Map();
    this.lastSentAt = this.deps.scheduler.now();
    const joined = entries.flatMap((entry) => (entry.kind === "joined" ? [entry.member] : []));
    const left = entries.flatMap((entry) => (entry.kind === "left" ? [entry.userId] : []));
    const truncated = joined.length > this.deps.cap || left.length > this.deps.cap;
    this.deps.send({
      joined: truncated ? [] : joined,
      left: truncated ? [] : left,
      counts: this.deps.counts(),
      truncated,
    });
  }

  close(): void {
    this.closed = true;
    this.timer?.cancel();
    this.timer = null;
    this.pending.clear();
  }

  private record(userId: string, entry: Pending): void {
    if (this.closed) return;
    // Re-inserting moves the person to the end: a batch lists people in the order of their latest change.
    this.pending.delete(userId);
    this.pending.set(userId, entry);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== null) return;
    const wait = this.lastSentAt + this.deps.intervalMs - this.deps.scheduler.now();
    if (wait <= 0) return this.flush();
    this.timer = this.deps.scheduler.after(wait, () => {
      this.timer = null;
      this.flush();
    });
  }
}
