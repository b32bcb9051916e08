import { REACTION_WINDOW_MS, REACTIONS_PER_SECOND, type ReactionEmoji } from "../../src/shared/protocol";
import { ReactionTally } from "../domain/reaction-tally";
import { RoomError, realScheduler, type RoomBroadcaster, type Scheduler } from "./room-ports";

/**
 * Owns the window timer of one room's reactions: the first reaction of a window starts it; when
 * it fires, the window's counts go to every member as ONE `room:reactions` (however many reacted)
 * and the next window starts empty. No reactions, no timer. `close` stops it (room ended, shutdown).
 */
export class RoomReactions {
  private readonly tally = new ReactionTally({ perMember: REACTIONS_PER_SECOND, perMs: 1000 });
  private timer: { cancel(): void } | null = null;
  private closed = false;

  constructor(
    private readonly roomId: string,
    private readonly broadcaster: Pick<RoomBroadcaster, "toRoom">,
    private readonly scheduler: Scheduler = realScheduler,
    private readonly windowMs: number = REACTION_WINDOW_MS,
  ) {}

  /** Counts a member's reaction; refused with rate_limited past the per-member limit. */
  react(userId: string, emoji: ReactionEmoji): void {
    if (this.closed) throw new RoomError("invalid_state", "This room has ended.");
    const outcome = this.tally.add(userId, emoji, this.scheduler.now());
    if (!outcome.ok) {
      const seconds = Math.ceil(outcome.retryAfterMs / 1000);
      throw new RoomError(
        "rate_limited",
        `That is a lot of reactions: at most ${REACTIONS_PER_SECOND} a second. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`,
      );
    }
    this.timer ??= this.scheduler.after(this.windowMs, () => this.flush());
  }

  private flush(): void {
    this.timer = null;
    if (this.closed) return;
    const counts = this.tally.take(this.scheduler.now());
    if (counts !== null) this.broadcaster.toRoom(this.roomId, "room:reactions", { counts });
  }

  /** Stops the window timer for good; reactions still pending are dropped with the room. */
  close(): void {
    this.closed = true;
    this.timer?.cancel();
    this.timer = null;
  }

  /** For tests: is a window timer running? */
  get windowOpen(): boolean {
    return this.timer !== null;
  }
}
