import type { types } from "mediasoup";
import { withTimeout } from "./with-timeout";

export type WorkerSample = {
  index: number;
  pid: number;
  /** Consumers living on this worker now (listeners' and pipes'). */
  consumers: number;
  /** User + system CPU the worker process has used (mediasoup's getrusage), or null if it did not answer. */
  cpuSeconds: number | null;
  /** Why the worker is not usable, or null when it answered. */
  problem: string | null;
};

type Slots = {
  workerSlots(): { index: number; worker: types.Worker }[];
  onWorkerReplaced(l: (i: number) => void): unknown;
};

/**
 * Per-worker numbers for /metrics and /api/ready. Consumers are counted from mediasoup's observer
 * events (router → transport → consumer), so every consumer is seen however it was made; each
 * worker is hooked when the pool starts it, before any router exists on it. CPU comes from
 * `worker.getResourceUsage()`, which also proves the worker answers requests.
 */
export class MediaWorkerStats {
  private readonly consumers = new WeakMap<types.Worker, { count: number }>();

  constructor(
    private readonly pool: Slots,
    private readonly timeoutMs = 1000,
  ) {
    for (const slot of pool.workerSlots()) this.hook(slot.worker);
    pool.onWorkerReplaced((index) => {
      const slot = pool.workerSlots()[index];
      if (slot) this.hook(slot.worker);
    });
  }

  private hook(worker: types.Worker): void {
    if (this.consumers.has(worker)) return;
    const tally = { count: 0 };
    this.consumers.set(worker, tally);
    worker.observer.on("newrouter", (router) => {
      router.observer.on("newtransport", (transport) => {
        transport.observer.on("newconsumer", (consumer) => {
          tally.count++;
          consumer.observer.once("close", () => tally.count--);
        });
      });
    });
  }

  async sample(): Promise<WorkerSample[]> {
    return Promise.all(
      this.pool.workerSlots().map(async ({ index, worker }): Promise<WorkerSample> => {
        const consumers = this.consumers.get(worker)?.count ?? 0;
        const base = { index, pid: worker.pid, consumers };
        if (worker.closed) return { ...base, cpuSeconds: null, problem: `media worker ${index} is dead` };
        try {
          const usage = await withTimeout(worker.getResourceUsage(), this.timeoutMs);
          return { ...base, cpuSeconds: (usage.ru_utime + usage.ru_stime) / 1000, problem: null };
        } catch {
          return {
            ...base,
            cpuSeconds: null,
            problem: `media worker ${index} did not answer within ${this.timeoutMs} ms`,
          };
        }
      }),
    );
  }
}
