import type { PersonSummary, RoomLifecycle, RoomType } from "../../src/shared/protocol";

/** A scheduled (or once-scheduled) room with the facts its rules need. */
export type ScheduledRoomRow = {
  id: string;
  title: string;
  description: string;
  type: RoomType;
  topics: string[];
  language: string;
  status: RoomLifecycle;
  hostId: string;
  coHostIds: string[];
  /** Closed rooms: people the host picked (RoomAccess). */
  allowedUserIds: string[];
  /** Null for rooms that were started at once (never scheduled). */
  scheduledFor: Date | null;
  /** When it went live; null if it never did (still scheduled, or cancelled). */
  startedAt: Date | null;
};

/**
 * The persistence scheduling needs; implemented over the repositories in server/db
 * (schedule-store.ts), in memory in unit tests if wanted.
 */
export interface ScheduleStore {
  findRoom(roomId: string): Promise<ScheduledRoomRow | null>;
  /**
   * Candidates for `viewerId`'s Upcoming list (null: a guest): rooms still scheduled with
   * `scheduledFor` in [from, until) that the viewer may see, at most `perHost` per host (each
   * host's soonest; the viewer's own rooms are not capped), soonest first, at most `limit`. The visibility rules are the domain's
   * (schedule-visibility.ts), which the service applies again: the store narrows, it never widens.
   */
  listUpcoming(input: {
    viewerId: string | null;
    from: Date;
    until: Date;
    perHost: number;
    limit: number;
  }): Promise<ScheduledRoomRow[]>;
  /** Profiles for faces, in no particular order; unknown ids are skipped. */
  people(userIds: readonly string[]): Promise<PersonSummary[]>;
  /** Everyone who follows `userId` (a social room shows itself to people its hosts follow). */
  followerIds(userId: string): Promise<string[]>;
  /** Which of `hostIds` blocked `userId`. */
  hostsBlocking(userId: string, hostIds: readonly string[]): Promise<string[]>;
  interestCounts(roomIds: readonly string[]): Promise<Map<string, number>>;
  /** Which of `roomIds` `userId` marked interest in. */
  interestedRoomIds(userId: string, roomIds: readonly string[]): Promise<Set<string>>;
  /** Idempotent both ways. */
  setInterest(roomId: string, userId: string, interested: boolean): Promise<void>;
  interestedUserIds(roomId: string): Promise<string[]>;
  /** scheduled → live at `at`, only if still scheduled; false when someone else got there first. */
  markStarted(roomId: string, at: Date): Promise<boolean>;
  /** Undoes a start made at `at` (the live room could not be brought up), back to scheduled. */
  revertStart(roomId: string, at: Date): Promise<void>;
  /** scheduled → ended (endReason host-ended) at `at`, only if still scheduled. */
  markCancelled(roomId: string, at: Date): Promise<boolean>;
}
