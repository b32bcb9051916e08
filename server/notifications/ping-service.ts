import type { PingOutput, PingRefusal, Role } from "../../src/shared/protocol";
import type { AccessDecision } from "../domain/room-access";
import type { Actor } from "../domain/room-state";
import type { Logger } from "../logging/logger";
import { RoomError } from "../rooms/room-ports";
import type { Notifier } from "./notification-ports";
import type { NotificationStore } from "./notification-store";
import { decidePing, decidePinger, PING_COOLDOWN_MS, type PingTargetFacts } from "./ping-rules";

/** What pinging needs of a live room (RoomService provides it). */
export interface PingRoom {
  readonly roomId: string;
  /** The person's role, or undefined when they are not in the room. */
  memberRole(userId: string): Role | undefined;
  hasMember(userId: string): boolean;
  /** Could this person enter the room now (type, stage, the host's blocks)? */
  accessFor(viewer: { userId: string; isGuest: boolean }): Promise<AccessDecision>;
  /** Closed rooms: lets the person in from now on. */
  grantAccess(userId: string): Promise<void>;
}

export type PingServiceDeps = {
  store: Pick<NotificationStore, "followeesAmong" | "lastPings">;
  notifier: Notifier;
  logger: Logger;
  now: () => number;
};

/**
 * Pings people into a room: gathers the facts, lets the pure rules decide per person, lets in the
 * people a host or moderator pinged into a closed room, and notifies the rest. Each person asked
 * for is answered, pinged or refused with a code; nothing is dropped silently.
 */
export class PingService {
  /**
   * One ping command at a time per pinger (across rooms, as the cooldown is), so a double tap, or
   * the same people pinged from two rooms at once, cannot beat the cooldown.
   */
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: PingServiceDeps) {}

  ping(actor: Actor, room: PingRoom, userIds: readonly string[]): Promise<PingOutput> {
    const key = actor.userId;
    const previous = this.running.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.run(actor, room, [...new Set(userIds)]));
    this.running.set(key, next);
    void next
      .finally(() => {
        if (this.running.get(key) === next) this.running.delete(key);
      })
      .catch(() => undefined);
    return next;
  }

  private async run(actor: Actor, room: PingRoom, userIds: string[]): Promise<PingOutput> {
    const pinger = { userId: actor.userId, isGuest: actor.isGuest, role: room.memberRole(actor.userId) };
    const allowed = decidePinger(pinger);
    if (!allowed.ok) throw new RoomError(allowed.code, allowed.message);

    const now = this.deps.now();
    const [followees, lastPings] = await Promise.all([
      this.deps.store.followeesAmong(actor.userId, userIds),
      this.deps.store.lastPings(actor.userId, userIds, new Date(now - PING_COOLDOWN_MS)),
    ]);
    const pinged: string[] = [];
    const refused: PingRefusal[] = [];
    for (const userId of userIds) {
      const followed = followees.has(userId);
      const facts: PingTargetFacts = {
        userId,
        followedByPinger: followed,
        inRoom: room.hasMember(userId),
        // Only people the pinger follows are looked up: nothing is learnt about strangers.
        access: followed ? await room.accessFor({ userId, isGuest: false }) : { ok: true, via: "open" },
        lastPingedAt: lastPings.get(userId)?.getTime() ?? null,
      };
      const decision = decidePing(pinger, facts, now);
      if (!decision.ok) {
        refused.push({ userId, code: decision.code, message: decision.message });
        continue;
      }
      if (decision.grantAccess) await room.grantAccess(userId);
      pinged.push(userId);
    }
    await this.deps.notifier.notify(pinged, { kind: "ping", actorId: actor.userId, roomId: room.roomId });
    this.deps.logger.info(
      { roomId: room.roomId, userId: actor.userId, pinged: pinged.length, refused: refused.length },
      "pinged",
    );
    return { pinged, refused };
  }
}
