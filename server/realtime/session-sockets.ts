import type { SessionEndListener } from "../accounts/account-ports";

/** setTimeout's longest delay (~24.8 days); sessions last 30, so longer waits are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How long an ended session is remembered, to close a socket whose handshake raced the sign-out. */
const ENDED_MEMORY_MS = 60_000;

type Tracked = { close: () => void; timer: NodeJS.Timeout | undefined };

/**
 * The open sockets of each sign-in session, so a socket never outlives the session that opened
 * it (SEC-9): sign-out (or any revocation, through `sessionEnded`) closes them at once, and each
 * is closed by a timer when its session expires. Guests have no session and are not tracked.
 */
export class SessionSockets implements SessionEndListener {
  private readonly bySession = new Map<string, Set<Tracked>>();
  private readonly ended = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Tracks one socket of `sessionId` until the returned function is called (on its disconnect).
   * `close` disconnects it; it is called at `expiresAt`, on sign-out, or at once if the session
   * has already ended (a sign-out that landed while this socket was being authenticated).
   */
  track(sessionId: string, expiresAt: Date, close: () => void): () => void {
    const entry: Tracked = { close, timer: undefined };
    if (this.ended.has(sessionId) || expiresAt.getTime() <= this.now()) {
      close();
      return () => undefined;
    }
    const sockets = this.bySession.get(sessionId) ?? new Set<Tracked>();
    sockets.add(entry);
    this.bySession.set(sessionId, sockets);
    const arm = () => {
      const wait = expiresAt.getTime() - this.now();
      if (wait <= 0) {
        this.closeEntry(sessionId, entry);
        return;
      }
      entry.timer = setTimeout(arm, Math.min(wait, MAX_TIMER_MS));
      entry.timer.unref();
    };
    arm();
    return () => this.forget(sessionId, entry);
  }

  /** The session ended early: close every socket it opened. */
  sessionEnded(sessionId: string): void {
    const at = this.now();
    this.ended.set(sessionId, at);
    for (const [id, endedAt] of this.ended) if (endedAt < at - ENDED_MEMORY_MS) this.ended.delete(id);
    for (const entry of [...(this.bySession.get(sessionId) ?? [])]) this.closeEntry(sessionId, entry);
  }

  /** Open sockets of one session (for tests and diagnostics). */
  count(sessionId: string): number {
    return this.bySession.get(sessionId)?.size ?? 0;
  }

  private closeEntry(sessionId: string, entry: Tracked): void {
    this.forget(sessionId, entry);
    entry.close();
  }

  private forget(sessionId: string, entry: Tracked): void {
    clearTimeout(entry.timer);
    const sockets = this.bySession.get(sessionId);
    if (!sockets) return;
    sockets.delete(entry);
    if (sockets.size === 0) this.bySession.delete(sessionId);
  }
}
