import type { types } from "mediasoup";
import type { Logger } from "../logging/logger";
import { ROUTER_MEDIA_CODECS } from "./codecs";
import type { MediaAppData } from "./peer-media";
import type { WorkerSlot } from "./worker-pool";

/**
 * A room's router on a worker other than its origin, serving only receive transports. Every
 * producer of the origin router reaches it through one pipe (`pipeToRouter`), whatever the number
 * of listeners here: the pipe producer keeps the producer's id, so listeners consume by the same
 * id on any worker. mediasoup closes a pipe producer when its source producer closes, and closes
 * the origin's pipe transport when this router (or its worker) goes.
 */
export class ListenerRouter {
  private readonly pipes = new Map<string, Promise<void>>();
  /** Receive transports placed here; the router closes when the last one goes. */
  private transports = 0;

  private constructor(
    readonly slot: WorkerSlot,
    readonly router: types.Router<MediaAppData>,
    private readonly origin: types.Router<MediaAppData>,
    private readonly logger: Logger,
  ) {}

  static async create(input: {
    slot: WorkerSlot;
    origin: types.Router<MediaAppData>;
    roomId: string;
    logger: Logger;
  }): Promise<ListenerRouter> {
    const router = await input.slot.worker.createRouter<MediaAppData>({
      mediaCodecs: ROUTER_MEDIA_CODECS,
      appData: { roomId: input.roomId, userId: "" },
    });
    return new ListenerRouter(input.slot, router, input.origin, input.logger);
  }

  get closed(): boolean {
    return this.router.closed;
  }

  /** Makes `producerId` consumable here (once; concurrent callers share the same pipe). */
  pipe(producerId: string): Promise<void> {
    let piping = this.pipes.get(producerId);
    if (!piping) {
      piping = this.origin
        .pipeToRouter({ producerId, router: this.router })
        .then(({ pipeProducer }) => {
          pipeProducer?.observer.once("close", () => this.pipes.delete(producerId));
        })
        .catch((error: unknown) => {
          this.pipes.delete(producerId);
          throw error;
        });
      this.pipes.set(producerId, piping);
    }
    return piping;
  }

  /** Pipes every producer in `producerIds`, logging (not throwing) the ones that went meanwhile. */
  async pipeAll(producerIds: readonly string[]): Promise<void> {
    await Promise.all(
      producerIds.map((producerId) =>
        this.pipe(producerId).catch((error: unknown) =>
          this.logger.warn(
            { err: error, producerId, workerIndex: this.slot.index },
            "could not pipe producer",
          ),
        ),
      ),
    );
  }

  get pipeCount(): number {
    return this.pipes.size;
  }

  transportAdded(): void {
    this.transports++;
  }

  /** One receive transport here closed; true when it was the last (the caller then closes us). */
  transportRemoved(): boolean {
    this.transports = Math.max(0, this.transports - 1);
    return this.transports === 0;
  }

  close(): void {
    this.pipes.clear();
    this.router.close();
  }
}
