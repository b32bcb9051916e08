import type { RoomBroadcaster } from "./room-ports";

/**
 * Tells hallway watchers that something changed, at most once per `intervalMs`: a busy room
 * (people joining every second) costs watchers one refetch per interval, not one per join.
 * The first change after a quiet spell goes out at once, so a new room shows up without delay.
 */
export class HallwayNotifier {
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private pending: NodeJS.Timeout | undefined;

  constructor(
    private readonly broadcaster: Pick<RoomBroadcaster, "toHallway">,
    private readonly now: () => number,
    private readonly intervalMs = 1000,
  ) {}

  changed(): void {
    if (this.pending !== undefined) return;
    const wait = this.lastSentAt + this.intervalMs - this.now();
    if (wait <= 0) return this.send();
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.send();
    }, wait);
    this.pending.unref();
  }

  close(): void {
    clearTimeout(this.pending);
    this.pending = undefined;
  }

  private send(): void {
    this.lastSentAt = this.now();
    this.broadcaster.toHallway("hallway:changed", { at: this.lastSentAt });
  }
}
