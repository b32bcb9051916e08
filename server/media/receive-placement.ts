import type { types } from "mediasoup";
import type { Logger } from "../logging/logger";
import { ListenerRouter } from "./listener-router";
import { MediaError } from "./media-error";
import type { MediaAppData, PeerTransport } from "./peer-media";
import type { WorkerPool, WorkerSlot } from "./worker-pool";

/** Where one receive transport lives, and how many consumer seats it holds on that worker. */
export type ReceiveHost = {
  userId: string;
  slot: WorkerSlot;
  router: types.Router<MediaAppData>;
  /** Null when the transport sits on the origin router itself (no pipe needed). */
  listenerRouter: ListenerRouter | null;
  seats: number;
};

/**
 * Places a room's receive transports over every worker. A receive transport holds one consumer per
 * speaker, so it takes `max(1, speakers)` seats; it goes to the worker with the most free seats
 * (the origin worker on a tie, since it needs no pipe). A worker other than the origin gets one
 * listener router for the room, fed by one pipe per producer, made for the first listener there
 * and closed with the last. When no worker has room the answer is `room_full`, never an overload.
 */
export class ReceivePlacement {
  private readonly listenerRouters = new Map<number, Promise<ListenerRouter>>();
  private closed = false;
  private readonly hosts = new Set<ReceiveHost>();
  /** Receivers whose transport closed because its listener router's worker died, by router. */
  private readonly lostWith = new Map<ListenerRouter, string[]>();
  private producerCount = 0;

  constructor(
    private readonly roomId: string,
    private readonly pool: WorkerPool,
    private readonly origin: { slot: WorkerSlot; router: types.Router<MediaAppData> },
    private readonly producerIds: () => string[],
    /** A listener worker died: these users' receive transports are gone, their send side is not. */
    private readonly onReceiversLost: (userIds: string[]) => void,
    private readonly logger: Logger,
  ) {}

  private seatsPerReceiver(): number {
    return Math.max(1, this.producerCount);
  }

  /** Could one more listener be placed right now? */
  hasRoom(): boolean {
    return this.pool.hasSeats(this.seatsPerReceiver());
  }

  /**
   * Builds a receive transport with `make` on the best worker; its seats are given back when it
   * closes, whoever closes it (its user, the room, or its worker dying).
   */
  async openReceiver<T extends PeerTransport>(
    userId: string,
    make: (router: types.Router<MediaAppData>, slot: WorkerSlot) => Promise<T>,
  ): Promise<{ transport: T; host: ReceiveHost }> {
    const host = await this.place(userId);
    let transport: T;
    try {
      transport = await make(host.router, host.slot);
    } catch (error) {
      this.release(host);
      throw error;
    }
    const base: types.Transport<MediaAppData> = transport;
    base.observer.once("close", () => this.release(host));
    return { transport, host };
  }

  /** Takes seats on the best worker and returns the router to build a receive transport on. */
  private async place(userId: string): Promise<ReceiveHost> {
    const seats = this.seatsPerReceiver();
    const slot = this.pool.placeSeats(seats, this.origin.slot.index);
    if (!slot)
      throw new MediaError("room_full", "This room's audio servers are full. Try again in a moment.");
    // Counted before any await, so a burst of joins spreads instead of piling onto one worker.
    this.pool.takeSeats(slot, seats);
    try {
      const onOrigin = slot.worker === this.origin.slot.worker;
      const listenerRouter = onOrigin ? null : await this.listenerRouterOn(slot);
      const host: ReceiveHost = {
        userId,
        slot,
        router: listenerRouter?.router ?? this.origin.router,
        listenerRouter,
        seats,
      };
      listenerRouter?.transportAdded();
      this.hosts.add(host);
      return host;
    } catch (error) {
      this.pool.takeSeats(slot, -seats);
      throw error;
    }
  }

  /** The receive transport on `host` closed (by its user, by us, or with its worker). */
  private release(host: ReceiveHost): void {
    if (!this.hosts.delete(host)) return;
    this.pool.takeSeats(host.slot, -host.seats);
    // Our own closes never find the router closed (the last transport goes first); a dead worker does.
    if (host.listenerRouter?.closed) {
      this.lostWith.set(host.listenerRouter, [
        ...(this.lostWith.get(host.listenerRouter) ?? []),
        host.userId,
      ]);
      return;
    }
    if (host.listenerRouter?.transportRemoved() && !host.listenerRouter.closed) {
      this.listenerRouters.delete(host.slot.index);
      host.listenerRouter.close();
    }
  }

  /** Makes a producer consumable on `host` (a no-op on the origin router). */
  async prepare(host: ReceiveHost, producerId: string): Promise<void> {
    if (host.listenerRouter) await host.listenerRouter.pipe(producerId);
  }

  /** A new speaker: pipe them to every listener router now, and count their seat on every receiver. */
  async producerAdded(producerId: string): Promise<void> {
    this.recount(this.producerCount + 1);
    const routers = await Promise.allSettled([...this.listenerRouters.values()]);
    await Promise.all(
      routers.map((r) =>
        r.status === "fulfilled" && !r.value.closed ? r.value.pipeAll([producerId]) : Promise.resolve(),
      ),
    );
  }

  producerClosed(): void {
    this.recount(this.producerCount - 1);
  }

  private recount(producers: number): void {
    this.producerCount = Math.max(0, producers);
    const seats = this.seatsPerReceiver();
    for (const host of this.hosts) {
      this.pool.takeSeats(host.slot, seats - host.seats);
      host.seats = seats;
    }
  }

  private listenerRouterOn(slot: WorkerSlot): Promise<ListenerRouter> {
    const existing = this.listenerRouters.get(slot.index);
    if (existing) return existing;
    const making = this.makeListenerRouter(slot);
    this.listenerRouters.set(slot.index, making);
    making.catch(() => this.listenerRouters.delete(slot.index));
    return making;
  }

  private async makeListenerRouter(slot: WorkerSlot): Promise<ListenerRouter> {
    const listenerRouter = await ListenerRouter.create({
      slot,
      origin: this.origin.router,
      roomId: this.roomId,
      logger: this.logger,
    });
    listenerRouter.router.on("workerclose", () => this.listenerWorkerDied(listenerRouter));
    await listenerRouter.pipeAll(this.producerIds());
    this.logger.info({ workerIndex: slot.index }, "listener router opened");
    return listenerRouter;
  }

  /**
   * mediasoup closes every transport of a dead worker (each released above, seeing its router
   * closed) before the router's "workerclose": the receivers that were there must build a new
   * receive transport on a live worker. Anyone else, speakers included, is untouched.
   */
  private listenerWorkerDied(listenerRouter: ListenerRouter): void {
    // Synchronous with the worker's death, so the slot cannot hold a newer router yet.
    this.listenerRouters.delete(listenerRouter.slot.index);
    for (const host of [...this.hosts]) if (host.listenerRouter === listenerRouter) this.release(host);
    const lost = this.lostWith.get(listenerRouter) ?? [];
    this.lostWith.delete(listenerRouter);
    this.logger.error(
      { workerIndex: listenerRouter.slot.index, receivers: lost.length },
      "listener worker died",
    );
    if (lost.length > 0 && !this.closed) this.onReceiversLost(lost);
  }

  /** Listener routers open now and pipes they hold (tests prove these go away). */
  async counts(): Promise<{ listenerRouters: number; pipes: number }> {
    const routers = (await Promise.allSettled([...this.listenerRouters.values()])).flatMap((r) =>
      r.status === "fulfilled" && !r.value.closed ? [r.value] : [],
    );
    return { listenerRouters: routers.length, pipes: routers.reduce((sum, r) => sum + r.pipeCount, 0) };
  }

  /** Workers holding receivers of this room, by slot index (tests, diagnostics). */
  workersInUse(): number[] {
    return [...new Set([...this.hosts].map((host) => host.slot.index))].sort((a, b) => a - b);
  }

  close(): void {
    this.closed = true;
    for (const host of this.hosts) this.pool.takeSeats(host.slot, -host.seats);
    this.hosts.clear();
    for (const making of this.listenerRouters.values())
      void making.then(
        (r) => r.close(),
        () => undefined,
      );
    this.listenerRouters.clear();
  }
}
