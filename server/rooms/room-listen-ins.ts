/**
 * Platform staff listening to one room silently. A listen-in is a connection, not a member: the
 * room's state (and so its counts, audience pages, hallway card and every broadcast) never holds
 * it. Its media lives under a key of its own in the role-blind media layer, which only ever gives
 * it a receive transport and consumers: it has no publish right, so a send transport or a produce
 * is refused there like anyone's without one.
 */
export class RoomListenIns {
  /** Socket (session) id → media key. */
  private readonly byConnection = new Map<string, string>();
  private readonly byKey = new Map<string, string>();

  /** The media key of this connection's listen-in: never a user id (those are cuids or guest-…). */
  static keyOf(sessionId: string): string {
    return `listen_${sessionId}`;
  }

  add(sessionId: string): string {
    const key = RoomListenIns.keyOf(sessionId);
    this.byConnection.set(sessionId, key);
    this.byKey.set(key, sessionId);
    return key;
  }

  /** The key of this connection's listen-in, if it has one. */
  keyFor(sessionId: string): string | undefined {
    return this.byConnection.get(sessionId);
  }

  /** The connection a media key belongs to (so a closed consumer reaches its listener). */
  sessionOfKey(key: string): string | undefined {
    return this.byKey.get(key);
  }

  remove(sessionId: string): string | undefined {
    const key = this.byConnection.get(sessionId);
    if (key === undefined) return undefined;
    this.byConnection.delete(sessionId);
    this.byKey.delete(key);
    return key;
  }

  sessions(): string[] {
    return [...this.byConnection.keys()];
  }

  /** Every listen-in, as [sessionId, key]; emptied (the room ended). */
  drain(): [string, string][] {
    const all = [...this.byConnection];
    this.byConnection.clear();
    this.byKey.clear();
    return all;
  }

  get size(): number {
    return this.byConnection.size;
  }
}
