/**
 * The clocks of one live room, kept apart from its rules: a countdown per absent member (their
 * seat is kept for a grace period) and one for an empty stage. Only bookkeeping lives here; what
 * happens when a countdown runs out is the room service's decision, re-checked at that moment.
 * Timers never keep the process alive (unref), and `clear` stops them all (room ended, shutdown).
 */
export class RoomTimers {
  private readonly absences = new Map<string, NodeJS.Timeout>();
  private emptyStage: NodeJS.Timeout | undefined;

  constructor(
    private readonly graceMs: { rejoin: number; emptyStage: number },
    private readonly onAbsenceOver: (userId: string) => void,
    private readonly onStageEmptyTooLong: () => void,
  ) {}

  /** (Re)starts the countdown for someone who is gone but keeps their seat. */
  absent(userId: string): void {
    clearTimeout(this.absences.get(userId));
    const timer = setTimeout(() => {
      this.absences.delete(userId);
      this.onAbsenceOver(userId);
    }, this.graceMs.rejoin);
    timer.unref();
    this.absences.set(userId, timer);
  }

  /** Starts the empty-stage countdown if the stage is empty and none is running; stops it otherwise. */
  stage(empty: boolean): void {
    if (!empty) {
      clearTimeout(this.emptyStage);
      this.emptyStage = undefined;
      return;
    }
    if (this.emptyStage !== undefined) return;
    this.emptyStage = setTimeout(() => {
      this.emptyStage = undefined;
      this.onStageEmptyTooLong();
    }, this.graceMs.emptyStage);
    this.emptyStage.unref();
  }

  clear(): void {
    for (const timer of this.absences.values()) clearTimeout(timer);
    this.absences.clear();
    this.stage(false);
  }
}
