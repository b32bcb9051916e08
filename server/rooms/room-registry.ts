import type { Logger } from "../logging/logger";
import { RoomError, type RoomStore } from "./room-ports";
import { RoomService, type RoomServiceDeps } from "./room-service";

/**
 * The live rooms of this process. Creation is memoised as a promise, so two people opening the
 * same room at the same moment get the same RoomService (the race mediasoup-demo once had).
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<RoomService>>();

  constructor(
    private readonly deps: RoomServiceDeps & { store: RoomStore; logger: Logger },
  ) {}

  /** The running room, bringing it to life from the store if needed. */
  get(roomId: string): Promise<RoomService> {
    const existing = this.rooms.get(roomId);
    if (existing) return existing;
    const starting = this.start(roomId);
    this.rooms.set(roomId, starting);
    starting.catch(() => this.rooms.delete(roomId));
    return starting;
  }

  /** The room if it is running in this process right now (no loading). */
  async peek(roomId: string): Promise<RoomService | undefined> {
    return this.rooms.get(roomId);
  }

  private async start(roomId: string): Promise<RoomService> {
    const stored = await this.deps.store.findRoom(roomId);
    if (!stored) throw new RoomError("not_found", "There is no such room.");
    if (stored.status === "ended") throw new RoomError("invalid_state", "This room has ended.");
    const service = await RoomService.create(stored, this.deps);
    service.onEnded(() => this.rooms.delete(roomId));
    this.deps.logger.debug({ roomId }, "room started");
    return service;
  }

  get size(): number {
    return this.rooms.size;
  }

  /** Closes every room's media (server shutdown); rooms stay live in the database. */
  async shutdown(): Promise<void> {
    const services = await Promise.allSettled(this.rooms.values());
    for (const result of services) if (result.status === "fulfilled") result.value.shutdown();
    this.rooms.clear();
  }
}
