import type { BlockScope, RemovalReason } from "../../src/shared/protocol";
import type { RoomBroadcaster } from "./room-ports";

/**
 * The one connection ("session" = one socket) each member of a room is using right now. A member
 * with no session is absent (dropped, or restored after a restart) and keeps their seat for the
 * rejoin grace. Telling and detaching a connection that loses its place goes through here, so no
 * socket is ever dropped from the room without being told why.
 */
export class RoomSessions {
  private readonly byUser = new Map<string, string>();

  constructor(
    private readonly roomId: string,
    private readonly broadcaster: RoomBroadcaster,
  ) {}

  of(userId: string): string | undefined {
    return this.byUser.get(userId);
  }

  has(userId: string): boolean {
    return this.byUser.has(userId);
  }

  /** Is `sessionId` the connection `userId` is in the room on? */
  isCurrent(userId: string, sessionId: string): boolean {
    return this.byUser.get(userId) === sessionId;
  }

  /** People with a live connection to the room. */
  get size(): number {
    return this.byUser.size;
  }

  /** Every member's current connection (tests, diagnostics). */
  entries(): { userId: string; sessionId: string }[] {
    return [...this.byUser].map(([userId, sessionId]) => ({ userId, sessionId }));
  }

  set(userId: string, sessionId: string): void {
    this.byUser.set(userId, sessionId);
  }

  /** Forgets the member's connection (they left or dropped); the socket itself is the edge's. */
  forget(userId: string): void {
    this.byUser.delete(userId);
  }

  /**
   * A newer connection of `userId` takes over: the older one is told `room:session-replaced` and
   * detached. True when there was an older connection (its media must close).
   */
  replaceWith(userId: string, sessionId: string): boolean {
    const previous = this.byUser.get(userId);
    if (previous === undefined || previous === sessionId) return false;
    this.broadcaster.toSession(previous, "room:session-replaced", { roomId: this.roomId });
    this.broadcaster.detachSession(previous, this.roomId);
    return true;
  }

  /** Removed by a host or moderator: the connection is told why, then detached. */
  remove(userId: string, notice: { reason: RemovalReason; blocked: BlockScope }): void {
    const sessionId = this.byUser.get(userId);
    if (sessionId === undefined) return;
    this.byUser.delete(userId);
    this.broadcaster.toSession(sessionId, "room:removed", { roomId: this.roomId, ...notice });
    this.broadcaster.detachSession(sessionId, this.roomId);
  }

  /** The room ended: every connection stops hearing it. */
  detachAll(): void {
    for (const sessionId of this.byUser.values()) this.broadcaster.detachSession(sessionId, this.roomId);
    this.byUser.clear();
  }
}
