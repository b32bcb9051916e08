import { OVERDUE_GRACE_HOURS } from "../../src/shared/protocol";
import { SlidingWindowLimiter } from "../auth/sliding-window-limiter";
import type { Limits } from "../config/limits";
import { decideRoomQuota, type RoomQuotaAction, type RoomQuotaDecision } from "../domain/room-quota";
import type { RoomQuotaStore } from "./room-quota-ports";

const HOUR_MS = 3_600_000;

export type RoomQuotaRefusal = Extract<RoomQuotaDecision, { ok: false }>;

/**
 * Guards every way a room comes to be or comes to life (started now, scheduled, a scheduled one
 * opened) with the per-person limits of `decideRoomQuota`. The check and the work it guards run
 * one at a time per host, so parallel requests cannot all pass a count taken before any of them
 * wrote (one process serves the app, so an in-memory queue is the whole lock). A refusal changes
 * nothing and uses up no hourly creation.
 */
export class RoomQuotas {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly creations: SlidingWindowLimiter;

  constructor(
    private readonly deps: {
      store: RoomQuotaStore;
      limits: Pick<Limits["rooms"], "creationsPerHour" | "livePerUser" | "scheduledPerUser">;
      now: () => number;
    },
  ) {
    this.creations = new SlidingWindowLimiter(deps.limits.creationsPerHour, HOUR_MS, deps.now);
  }

  /**
   * Runs `work` (which makes or opens a room of `hostId`) if the host's limits allow it, else
   * answers the refusal without running it. `actorIsHost` false: a co-host is opening the room.
   */
  guard<T>(
    request: { hostId: string; action: RoomQuotaAction; actorIsHost?: boolean },
    work: () => Promise<T>,
  ): Promise<{ ok: true; value: T } | RoomQuotaRefusal> {
    const previous = this.queues.get(request.hostId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.check(request, work));
    this.queues.set(request.hostId, next);
    void next
      .finally(() => {
        if (this.queues.get(request.hostId) === next) this.queues.delete(request.hostId);
      })
      .catch(() => undefined);
    return next;
  }

  private async check<T>(
    request: { hostId: string; action: RoomQuotaAction; actorIsHost?: boolean },
    work: () => Promise<T>,
  ): Promise<{ ok: true; value: T } | RoomQuotaRefusal> {
    const creates = request.action !== "start-scheduled";
    const counts = await this.deps.store.hostedRoomCounts(
      request.hostId,
      new Date(this.deps.now() - OVERDUE_GRACE_HOURS * HOUR_MS),
    );
    const decision = decideRoomQuota({
      action: request.action,
      counts,
      limits: this.deps.limits,
      creationRetryAfterMs: creates ? this.creations.retryAfterMs(request.hostId) : 0,
      actorIsHost: request.actorIsHost,
    });
    if (!decision.ok) return decision;
    const value = await work();
    if (creates) this.creations.record(request.hostId);
    return { ok: true, value };
  }
}
