import type { Logger } from "../logging/logger";
import { RoomOwnedElsewhere, type RoomOwnership } from "./room-ownership";
import { RoomError, type RoomStore } from "./room-ports";
import { RoomService, type RoomServiceDeps } from "./room-service";

/**
 * The live rooms of this process. Creation is memoised as a promise, so two people opening the
 * same room at the same moment get the same RoomService (the race mediasoup-demo once had).
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<RoomService>>();
  /**
   * Cluster mode: rooms in `rooms` whose lease this node won. A start waiting for its lease is in
   * `rooms` (so it is memoised) but does not run here yet: the takeover sweep starts every live
   * room, also those another node owns, and a member's command routed here during that Redis round
   * trip would be refused ("running on another server") instead of forwarded to the owner.
   */
  private readonly leased = new Set<string>();
  private closed = false;
  private draining = false;
  private sweep: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: RoomServiceDeps & {
      store: RoomStore;
      logger: Logger;
      /** Cluster mode: a room runs here only while this node holds its lease. */
      ownership?: RoomOwnership | undefined;
    },
  ) {
    deps.ownership?.onLost((roomId) => void this.stopLost(roomId));
  }

  /** The running room, bringing it to life from the store if needed. */
  get(roomId: string): Promise<RoomService> {
    if (this.closed)
      return Promise.reject(
        new RoomError("unavailable", "The server is restarting. You will be reconnected in a moment."),
      );
    const existing = this.rooms.get(roomId);
    if (existing) return existing;
    const starting = this.start(roomId);
    this.rooms.set(roomId, starting);
    starting.catch(() => this.forget(roomId));
    return starting;
  }

  /**
   * Before a restart: nobody new comes in (joins get `unavailable`; the client retries against the
   * next process), while members' commands keep working until the shutdown.
   */
  drain(): void {
    this.draining = true;
  }

  /** Why a join is refused now, or null. */
  joinRefusal(): RoomError | null {
    return this.draining || this.closed
      ? new RoomError("unavailable", "The server is restarting. You will be reconnected in a moment.")
      : null;
  }

  /** Is the room running (or starting, its lease won) in this process? No await: the cluster's routing asks this first. */
  isHere(roomId: string): boolean {
    return this.rooms.has(roomId) && (this.deps.ownership === undefined || this.leased.has(roomId));
  }

  private forget(roomId: string): void {
    this.rooms.delete(roomId);
    this.leased.delete(roomId);
  }

  /** The room if it is running in this process right now; never loads one. */
  async peek(roomId: string): Promise<RoomService | undefined> {
    return this.rooms.get(roomId)?.catch(() => undefined);
  }

  private async start(roomId: string): Promise<RoomService> {
    const { ownership } = this.deps;
    // The lease first (one Redis round trip): a room another node runs costs no database read.
    if (ownership) {
      const claim = await ownership.claim(roomId);
      if (!claim.ok) throw new RoomOwnedElsewhere(claim.owner);
      this.leased.add(roomId);
    }
    const service = await this.load(roomId).catch(async (error: unknown) => {
      await ownership?.release(roomId);
      throw error;
    });
    service.onEnded(() => {
      this.forget(roomId);
      void ownership?.release(roomId).catch((error: unknown) => {
        this.deps.logger.warn({ err: error, roomId }, "room lease not released; it lapses by itself");
      });
    });
    this.deps.onChange?.(roomId);
    this.deps.logger.debug({ roomId }, "room started");
    return service;
  }

  private async load(roomId: string): Promise<RoomService> {
    const stored = await this.deps.store.findRoom(roomId);
    if (!stored) throw new RoomError("not_found", "There is no such room.");
    if (stored.status === "ended") throw new RoomError("invalid_state", "This room has ended.");
    if (stored.status === "scheduled") throw new RoomError("invalid_state", "This room has not started yet.");
    // A recording of this room's last run (a restart, or a dead node's) cannot go on: failed.
    await this.deps.recording?.store.failUnfinished(roomId);
    return RoomService.create(stored, this.deps);
  }

  /**
   * Cluster mode: every `everyMs`, live rooms nobody has held a lease on for `graceMs` (their node
   * died) are taken over here, restored from the database as after a restart, so their timers run
   * and their members find them whichever node they come back through. The grace lets a holder
   * take back a lease Redis lost with its data (a restart) before anyone else may: a lease missing
   * for a moment is not a dead node. Another node may win the race; then it runs the room and this
   * one forwards to it.
   */
  sweepUnowned(everyMs: number, graceMs: number): void {
    const { ownership } = this.deps;
    if (this.sweep || !ownership) return;
    const unleasedSince = new Map<string, number>();
    let running = false;
    const round = async () => {
      const ids = (await this.deps.store.liveRoomIds()).filter((id) => !this.rooms.has(id));
      const now = Date.now();
      const due: string[] = [];
      for (const id of [...unleasedSince.keys()]) if (!ids.includes(id)) unleasedSince.delete(id);
      for (const id of ids) {
        if ((await ownership.ownerOf(id)) !== null) unleasedSince.delete(id);
        else if (now - (unleasedSince.get(id) ?? (unleasedSince.set(id, now), now)) >= graceMs) due.push(id);
      }
      await Promise.allSettled(due.map((id) => this.get(id)));
    };
    this.sweep = setInterval(() => {
      if (running || this.draining || this.closed) return;
      running = true;
      void round()
        .catch((error: unknown) => this.deps.logger.warn({ err: error }, "takeover sweep failed"))
        .finally(() => (running = false));
    }, everyMs);
    this.sweep.unref();
  }

  /** Rooms running in this process right now (the hallway's source: never a room that is not). */
  async running(): Promise<RoomService[]> {
    const settled = await Promise.allSettled(this.rooms.values());
    return settled.flatMap((result) =>
      result.status === "fulfilled" && !result.value.isEnded ? [result.value] : [],
    );
  }

  /**
   * After a restart: brings every room the database calls live back to life, so its members can
   * return to it and its timers run. A room nobody comes back to then ends by itself (its stage
   * stays empty), so no room stays "live" in the database with nobody in it.
   */
  async restoreLiveRooms(): Promise<number> {
    const ids = await this.deps.store.liveRoomIds();
    const results = await Promise.allSettled(ids.map((id) => this.get(id)));
    results.forEach((result, index) => {
      // Another node of the cluster runs it: nothing to restore here.
      if (result.status === "rejected" && result.reason instanceof RoomOwnedElsewhere) return;
      if (result.status === "rejected")
        this.deps.logger.warn({ err: result.reason, roomId: ids[index] }, "live room could not be restored");
    });
    return results.filter((result) => result.status === "fulfilled").length;
  }

  /**
   * This node's lease on a room was lost (it lapsed while Redis or this process stalled): another
   * node may be running the room now, so it stops here without touching the database, like a
   * shutdown; its members reconnect and land on the owner.
   */
  private async stopLost(roomId: string): Promise<void> {
    const running = this.rooms.get(roomId);
    if (!running) return;
    this.forget(roomId);
    const service = await running.catch(() => undefined);
    await service?.shutdown();
  }

  /**
   * `hostId` blocked someone on their profile: every room they are running now reads their blocks
   * again and applies them at once (loaded only at a room's start otherwise), so the blocked
   * person is taken out if present and kept out until the room ends.
   */
  async hostBlocksChanged(hostId: string): Promise<void> {
    const hosted = (await this.running()).filter((room) => room.hostId === hostId);
    if (hosted.length === 0) return;
    const blocked = await this.deps.store.hostBlockedUserIds(hostId);
    await Promise.all(
      hosted.map((room) =>
        room
          .applyHostBlocks(hostId, blocked)
          .catch((error: unknown) =>
            this.deps.logger.error(
              { err: error, roomId: room.roomId, hostId },
              "host block not applied to a live room",
            ),
          ),
      ),
    );
  }

  /**
   * Platform staff suspended or banned `userId`: rooms they host end, and they leave every other
   * room running here. Each room on its own, so one failing does not keep the others.
   */
  async sanctioned(userId: string): Promise<void> {
    const rooms = await this.running();
    const results = await Promise.allSettled(
      rooms.map((room) =>
        room.hostId === userId ? room.endForSuspendedHost() : room.removeSanctioned(userId),
      ),
    );
    for (const result of results)
      if (result.status === "rejected")
        this.deps.logger.error({ err: result.reason, userId }, "sanctioned person not taken out of a room");
  }

  get size(): number {
    return this.rooms.size;
  }

  /**
   * Server shutdown: no room starts any more, each room finishes the command it is running, then
   * its media closes. Rooms and their members stay as they are in the database, so a restarted
   * server can bring them back.
   */
  async shutdown(): Promise<void> {
    this.closed = true;
    if (this.sweep) clearInterval(this.sweep);
    const services = await Promise.allSettled(this.rooms.values());
    await Promise.all(
      services.map((result) => (result.status === "fulfilled" ? result.value.shutdown() : Promise.resolve())),
    );
    this.rooms.clear();
    this.leased.clear();
  }
}
