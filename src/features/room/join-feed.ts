import type { CommandOutput } from "@/shared/protocol";

/** The answer to `room:join`, as features that keep their own state (chat, recording) receive it. */
export type JoinAnswer = CommandOutput<"room:join">;

/**
 * Tells feature modules of every successful (re)join. A listener added while the room is joined is
 * told the current answer at once, so a feature mounted late misses nothing.
 */
export class JoinFeed {
  private readonly listeners = new Set<(answer: JoinAnswer) => void>();
  private last: JoinAnswer | null = null;

  joined(answer: JoinAnswer): void {
    this.last = answer;
    for (const listener of this.listeners) listener(answer);
  }

  /** The room is no longer joined (ended, removed, reconnecting): a late listener waits for the next. */
  lost(): void {
    this.last = null;
  }

  subscribe(listener: (answer: JoinAnswer) => void): () => void {
    this.listeners.add(listener);
    if (this.last) listener(this.last);
    return () => void this.listeners.delete(listener);
  }
}
