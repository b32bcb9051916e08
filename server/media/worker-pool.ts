import * as mediasoup from "mediasoup";
import type { types } from "mediasoup";
import type { Logger } from "../logging/logger";

export type WorkerPoolOptions = {
  numWorkers: number;
  listenIp: string;
  announcedAddress?: string | undefined;
  /** Worker i listens on basePort + i (UDP and TCP); 0 lets the OS pick a free port. */
  basePort: number;
  /**
   * Most consumer seats one worker takes (MEDIA_MAX_CONSUMERS_PER_WORKER): past it a listener goes
   * to another worker, and when every worker is full the room says so instead of overloading one.
   */
  maxConsumersPerWorker?: number;
  logger: Logger;
};

type PooledWorker = {
  index: number;
  worker: types.Worker;
  webRtcServer: types.WebRtcServer;
  /** Rooms whose origin router is on this worker, for spreading origins. */
  routers: number;
  /** Consumer seats taken on this worker (receive transports, see `takeSeats`). */
  seats: number;
};

export type WorkerSlot = { index: number; worker: types.Worker; webRtcServer: types.WebRtcServer };

/**
 * One mediasoup worker per core, each with a WebRtcServer so the whole process needs only a
 * fixed, small set of ports (one UDP + one TCP per worker) — what firewalls and NAT rules need.
 * A worker that dies is replaced in its slot; listeners of `onWorkerReplaced` rebuild what it held.
 */
export class WorkerPool {
  private readonly slots: PooledWorker[] = [];
  private closed = false;
  private readonly replacedListeners = new Set<(index: number) => void>();

  private constructor(private readonly options: WorkerPoolOptions) {}

  static async create(options: WorkerPoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(options);
    for (let index = 0; index < options.numWorkers; index++) {
      pool.slots.push(await pool.startWorker(index));
    }
    options.logger.info(
      { workers: options.numWorkers, version: mediasoup.version },
      "mediasoup worker pool ready",
    );
    return pool;
  }

  private async startWorker(index: number): Promise<PooledWorker> {
    const { logger } = this.options;
    const worker = await mediasoup.createWorker({ logLevel: "warn", appData: { index } });
    const listen = (protocol: "udp" | "tcp"): types.TransportListenInfo => ({
      protocol,
      ip: this.options.listenIp,
      ...(this.options.announcedAddress ? { announcedAddress: this.options.announcedAddress } : {}),
      ...(this.options.basePort > 0 ? { port: this.options.basePort + index } : {}),
    });
    const webRtcServer = await worker.createWebRtcServer({ listenInfos: [listen("udp"), listen("tcp")] });
    const slot: PooledWorker = { index, worker, webRtcServer, routers: 0, seats: 0 };
    worker.on("died", (error) => {
      logger.error({ err: error, workerIndex: index, pid: worker.pid }, "mediasoup worker died");
      void this.replace(slot);
    });
    return slot;
  }

  private async replace(dead: PooledWorker): Promise<void> {
    if (this.closed) return;
    try {
      const fresh = await this.startWorker(dead.index);
      this.slots[dead.index] = fresh;
      this.options.logger.warn(
        { workerIndex: dead.index, pid: fresh.worker.pid },
        "mediasoup worker replaced",
      );
      for (const listener of this.replacedListeners) listener(dead.index);
    } catch (error) {
      this.options.logger.fatal(
        { err: error, workerIndex: dead.index },
        "could not replace a dead mediasoup worker",
      );
    }
  }

  /**
   * Takes the live worker with the fewest routers and counts one more on it. While every worker
   * is dead (being replaced), waits for a replacement, up to `timeoutMs`.
   */
  async acquire(timeoutMs = 10_000): Promise<WorkerSlot> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.closed) throw new Error("worker pool is closed");
      const live = this.slots.filter((slot) => !slot.worker.closed);
      if (live.length > 0) {
        const slot = live.reduce((best, candidate) => (candidate.routers < best.routers ? candidate : best));
        slot.routers++;
        return { index: slot.index, worker: slot.worker, webRtcServer: slot.webRtcServer };
      }
      if (Date.now() > deadline) throw new Error("no live mediasoup worker");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /**
   * Where the next listener goes: the live worker with the fewest consumer seats taken that still
   * has `seats` free under the ceiling (ties go to `preferIndex`, the room's origin worker, which
   * needs no pipe). Null when every live worker is full.
   */
  placeSeats(seats: number, preferIndex: number): WorkerSlot | null {
    const ceiling = this.options.maxConsumersPerWorker ?? Number.POSITIVE_INFINITY;
    const open = this.slots.filter((slot) => !slot.worker.closed && slot.seats + seats <= ceiling);
    if (open.length === 0) return null;
    const best = open.reduce((a, b) =>
      b.seats < a.seats || (b.seats === a.seats && b.index === preferIndex) ? b : a,
    );
    return { index: best.index, worker: best.worker, webRtcServer: best.webRtcServer };
  }

  /** Could `seats` more consumers be placed anywhere right now? */
  hasSeats(seats: number): boolean {
    return this.placeSeats(seats, -1) !== null;
  }

  /** Counts `delta` seats (negative gives back) on a worker; ignored if it has since been replaced. */
  takeSeats(placed: WorkerSlot, delta: number): void {
    const slot = this.slots[placed.index];
    if (!slot || slot.worker !== placed.worker) return;
    slot.seats = Math.max(0, slot.seats + delta);
  }

  /** Seats taken per worker slot (diagnostics, tests, benches). */
  seatsPerWorker(): number[] {
    return this.slots.map((slot) => slot.seats);
  }

  get listenIp(): string {
    return this.options.listenIp;
  }

  /** Gives back a router's place; ignored if that worker has since been replaced. */
  release(acquired: WorkerSlot): void {
    const slot = this.slots[acquired.index];
    if (slot && slot.worker === acquired.worker && slot.routers > 0) slot.routers--;
  }

  /** Called with the slot index after a dead worker was replaced. Returns an unsubscribe. */
  onWorkerReplaced(listener: (index: number) => void): () => void {
    this.replacedListeners.add(listener);
    return () => this.replacedListeners.delete(listener);
  }

  /** The worker in each slot right now, dead or alive (metrics and readiness read them). */
  workerSlots(): WorkerSlot[] {
    return this.slots.map(({ index, worker, webRtcServer }) => ({ index, worker, webRtcServer }));
  }

  workerPids(): number[] {
    return this.slots.map((slot) => slot.worker.pid);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const slot of this.slots) slot.worker.close();
  }
}
