import type { Member } from "../../src/shared/protocol";
import { compareKeys, type AudienceKey } from "./audience-cursor";
import { byArrival, isOnStage, type RoomEvent, type RoomState } from "./room-state";

/**
 * The audience in arrival order, kept beside the room state so that counting and paging cost
 * O(log n + page) instead of a walk over every member: with 8,000 listeners a join, a page or a
 * count must not touch the other 7,999. The stage needs no index: `RoomState.stage` already holds
 * it. Derived data only (rebuilt from the state at start, then kept in step with the machine's
 * events); the state stays the truth. No I/O.
 */
export class AudienceIndex {
  /** Listeners' keys in (joinedAt, userId) order. */
  private readonly keys: AudienceKey[] = [];
  private readonly listenerKeys = new Map<string, AudienceKey>();

  static of(state: RoomState): AudienceIndex {
    const index = new AudienceIndex();
    for (const member of [...state.members.values()].sort(byArrival)) index.place(member);
    return index;
  }

  get audienceCount(): number {
    return this.keys.length;
  }

  hasListener(userId: string): boolean {
    return this.listenerKeys.has(userId);
  }

  /** Follows one applied event; `members` is the state after the whole change. */
  apply(event: RoomEvent, members: RoomState["members"]): void {
    switch (event.type) {
      case "member-joined":
      case "member-updated":
      case "audience-joined":
        this.remove(event.member.userId);
        // The state after the change is the truth: a later event of the same change may have moved them on.
        this.place(members.get(event.member.userId) ?? event.member);
        break;
      case "member-left":
      case "member-removed":
      case "audience-left":
        this.remove(event.userId);
        break;
      default:
        break;
    }
  }

  /** Up to `limit` listener ids after `after` (from the start when null), and whether more follow. */
  page(
    after: AudienceKey | null,
    limit: number,
  ): { userIds: string[]; last: AudienceKey | null; more: boolean } {
    const start = after === null ? 0 : this.firstAfter(after);
    const slice = this.keys.slice(start, start + limit);
    return {
      userIds: slice.map((key) => key.userId),
      last: slice.at(-1) ?? null,
      more: start + limit < this.keys.length,
    };
  }

  private place(member: Member): void {
    if (isOnStage(member)) return;
    const key = { joinedAt: member.joinedAt, userId: member.userId };
    this.keys.splice(this.firstAfter(key), 0, key);
    this.listenerKeys.set(member.userId, key);
  }

  private remove(userId: string): void {
    const key = this.listenerKeys.get(userId);
    if (!key) return;
    this.listenerKeys.delete(userId);
    const at = this.firstAfter(key) - 1;
    if (this.keys[at]?.userId === userId) this.keys.splice(at, 1);
  }

  /** Index of the first key strictly greater than `key` (binary search). */
  private firstAfter(key: AudienceKey): number {
    let low = 0;
    let high = this.keys.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const probe = this.keys[mid];
      if (probe && compareKeys(probe, key) <= 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
