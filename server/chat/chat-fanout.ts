import type { ChatMessage } from "../../src/shared/protocol";
import type { RoomBroadcaster, Scheduler } from "../rooms/room-ports";

/**
 * Sends one room's new messages in short windows: the first message of a window starts its timer;
 * when it fires, every message of the window goes to every member as ONE `chat:messages`. A
 * quiet room costs nothing (no timer); a busy room of thousands costs each member one write per
 * window however many people wrote (docs/BENCHMARKS.md, "Chat fan-out"). A message deleted
 * before its window closes is never sent.
 */
export class ChatFanout {
  private pending: ChatMessage[] = [];
  private timer: { cancel(): void } | null = null;
  private closed = false;

  constructor(
    private readonly roomId: string,
    private readonly broadcaster: Pick<RoomBroadcaster, "toRoom">,
    private readonly scheduler: Scheduler,
    private readonly windowMs: number,
  ) {}

  push(message: ChatMessage): void {
    if (this.closed) return;
    this.pending.push(message);
    if (this.windowMs <= 0) return this.flush();
    this.timer ??= this.scheduler.after(this.windowMs, () => this.flush());
  }

  /** Drops a message still waiting for its window; true if it was there (then nobody saw it). */
  drop(messageId: string): boolean {
    const before = this.pending.length;
    this.pending = this.pending.filter((message) => message.id !== messageId);
    return this.pending.length !== before;
  }

  private flush(): void {
    this.timer = null;
    if (this.closed || this.pending.length === 0) return;
    const messages = this.pending;
    this.pending = [];
    this.broadcaster.toRoom(this.roomId, "chat:messages", { messages });
  }

  /** Sends what is waiting now and stops (the room ended, or the server stops). */
  close(): void {
    this.timer?.cancel();
    this.flush();
    this.closed = true;
  }
}
