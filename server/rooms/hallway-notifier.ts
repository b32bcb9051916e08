import type { Logger } from "../logging/logger";
import type { HallwayPush } from "./room-directory";
import { realScheduler, type RoomBroadcaster, type Scheduler } from "./room-ports";

type Broadcaster = Pick<RoomBroadcaster, "toHallway" | "toUser">;

/**
 * Tells hallway watchers what changed, at most once per `intervalMs` per room (and once per
 * interval for changes that are not one room's, like a newly scheduled room). A busy room
 * (people joining every second) costs each watcher one small message per interval, not one per
 * join. The first change after a quiet spell goes out at once, so a new room shows up without delay.
 *
 * What goes out depends on the room (see `HallwayPush`): an open room's card, to everyone but the
 * people its host blocked; `hallway:room-removed` when it leaves the hallway; for social and
 * closed rooms only `hallway:changed`, on which each watcher refetches its own filtered hallway.
 */
export class HallwayNotifier {
  private readonly rooms = new Map<
    string,
    { lastSentAt: number; pending: { cancel(): void } | null; hiddenFrom: readonly string[] }
  >();
  private global: { lastSentAt: number; pending: { cancel(): void } | null } = {
    lastSentAt: Number.NEGATIVE_INFINITY,
    pending: null,
  };

  constructor(
    private readonly deps: {
      broadcaster: Broadcaster;
      /** What watchers should hear about a room now (the directory decides visibility). */
      describe: (roomId: string) => Promise<HallwayPush>;
      logger: Logger;
      scheduler?: Scheduler;
      intervalMs?: number;
    },
  ) {}

  private get scheduler(): Scheduler {
    return this.deps.scheduler ?? realScheduler;
  }

  private get intervalMs(): number {
    return this.deps.intervalMs ?? 1000;
  }

  /** Something a hallway shows changed: in room `roomId`, or (no id) in the list as a whole. */
  changed(roomId?: string): void {
    if (roomId === undefined) return this.throttle(this.global, () => this.sendGlobal());
    let room = this.rooms.get(roomId);
    if (!room) {
      room = { lastSentAt: Number.NEGATIVE_INFINITY, pending: null, hiddenFrom: [] };
      this.rooms.set(roomId, room);
    }
    const state = room;
    this.throttle(state, () => void this.sendRoom(roomId, state));
  }

  close(): void {
    this.global.pending?.cancel();
    for (const room of this.rooms.values()) room.pending?.cancel();
    this.rooms.clear();
  }

  private throttle(slot: { lastSentAt: number; pending: { cancel(): void } | null }, send: () => void): void {
    if (slot.pending !== null) return;
    const wait = slot.lastSentAt + this.intervalMs - this.scheduler.now();
    const run = () => {
      slot.pending = null;
      slot.lastSentAt = this.scheduler.now();
      send();
    };
    if (wait <= 0) return run();
    slot.pending = this.scheduler.after(wait, run);
  }

  private sendGlobal(): void {
    this.deps.broadcaster.toHallway("hallway:changed", { at: this.scheduler.now() });
  }

  private async sendRoom(roomId: string, state: { hiddenFrom: readonly string[] }): Promise<void> {
    try {
      const push = await this.deps.describe(roomId);
      const { broadcaster } = this.deps;
      if (push.kind === "per-viewer") {
        broadcaster.toHallway("hallway:changed", { at: this.scheduler.now(), roomId });
        return;
      }
      if (push.kind === "gone") {
        this.rooms.delete(roomId);
        broadcaster.toHallway("hallway:room-removed", { roomId });
        return;
      }
      // Someone blocked since the last push had the card: take it away from them, then keep it from them.
      for (const userId of push.hiddenFrom)
        if (!state.hiddenFrom.includes(userId))
          broadcaster.toUser(userId, "hallway:room-removed", { roomId });
      state.hiddenFrom = push.hiddenFrom;
      broadcaster.toHallway("hallway:room-updated", { room: push.card }, push.hiddenFrom);
    } catch (error) {
      this.deps.logger.warn({ err: error, roomId }, "hallway push failed");
    }
  }
}
