import { z } from "zod";
import type { SessionEndListener } from "../accounts/account-ports";
import type { Logger } from "../logging/logger";
import type { LiveSanctions } from "../moderation/platform-ports";
import type { HostBlockListener } from "../rooms/host-block-notices";
import type { RoomBroadcaster } from "../rooms/room-ports";
import type { ClusterEvents, RoomsServer } from "../realtime/socket-types";

/** How long a sanction or a block waits for the other nodes' rooms before answering anyway. */
export const REMOTE_APPLY_WAIT_MS = 3_000;

// Read back from Redis (another node, maybe another version of the app): checked before use.
const idSchema = z.string().min(1).max(200);
const idsSchema = z.array(idSchema).min(1).max(10_000);

/** What this node does itself: close its sockets of a session, apply a sanction or blocks to its rooms. */
export type LocalEffects = {
  sessions: SessionEndListener;
  rooms: { sanctioned(userId: string): Promise<void>; hostBlocksChanged(hostId: string): Promise<void> };
};

type AppliedEvent = "cluster:sanctioned" | "cluster:host-blocks-changed";

/**
 * Sign-outs, session revocations, staff sanctions and host blocks, applied on every node of the
 * cluster: here, and through the Socket.IO adapter (`serverSideEmit`, carried by the same Redis
 * stream as broadcasts, so a node whose Redis connection blipped still gets them when it is back)
 * on each other node, which applies them to the sockets and rooms it holds. Each node keeps its own
 * SessionSockets, so the "ended while its handshake was running" memory and the expiry timers work
 * on every node alike (a Socket.IO room per session, disconnected from afar, would lose the first).
 * A sanction and a block wait for the other nodes (at most REMOTE_APPLY_WAIT_MS: a dead node's
 * rooms are not running anywhere), so when staff or the host see "done", the person is out.
 */
export class ClusterRelay implements SessionEndListener, HostBlockListener {
  /**
   * @param io the Socket.IO server, in cluster mode only (a single node's in-memory adapter has no
   *   peers to tell); null, every call is the local effect alone.
   */
  constructor(
    private readonly io: RoomsServer | null,
    private readonly local: LocalEffects,
    private readonly logger: Logger,
  ) {
    if (!io) return;
    io.on("cluster:sessions-ended", (sessionIds) => {
      const parsed = idsSchema.safeParse(sessionIds);
      if (!parsed.success) return logger.warn("unreadable cluster:sessions-ended skipped");
      for (const id of parsed.data) local.sessions.sessionEnded(id);
    });
    this.applyOnRequest(io, "cluster:sanctioned", (userId) => local.rooms.sanctioned(userId));
    this.applyOnRequest(io, "cluster:host-blocks-changed", (hostId) => local.rooms.hostBlocksChanged(hostId));
  }

  /** One session ended (sign-out): its sockets close on every node. */
  sessionEnded(sessionId: string): void {
    this.sessionsEnded([sessionId]);
  }

  /** These sessions ended (a sanction revoked them): their sockets close on every node. */
  sessionsEnded(sessionIds: readonly string[]): void {
    for (const id of sessionIds) this.local.sessions.sessionEnded(id);
    if (sessionIds.length > 0) this.io?.serverSideEmit("cluster:sessions-ended", [...sessionIds]);
  }

  /** Staff suspended or banned `userId`: the rooms they host end and they leave the rest, on every node. */
  async sanctioned(userId: string): Promise<void> {
    await Promise.all([this.local.rooms.sanctioned(userId), this.others("cluster:sanctioned", userId)]);
  }

  /** `hostId` blocked someone: the rooms they run, on every node, apply it at once. */
  async hostBlocksChanged(hostId: string): Promise<void> {
    await Promise.all([
      this.local.rooms.hostBlocksChanged(hostId),
      this.others("cluster:host-blocks-changed", hostId),
    ]);
  }

  /** How platform sanctions reach live rooms and connections (the staff notice is a broadcast already). */
  liveSanctions(broadcaster: Pick<RoomBroadcaster, "toUser">): LiveSanctions {
    return {
      takeOutOfRooms: (userId) => this.sanctioned(userId),
      tell: (userId, notice) => broadcaster.toUser(userId, "account:sanctioned", notice),
      sessionsEnded: (ids) => this.sessionsEnded(ids),
    };
  }

  /** Asks every other node to apply `event` and waits for their answers, bounded; never throws. */
  private async others(event: AppliedEvent, id: string): Promise<void> {
    const { io, logger } = this;
    if (!io) return;
    let timer: NodeJS.Timeout | undefined;
    const answered = io.serverSideEmitWithAck(event, id).then(
      (answers) => {
        if (answers.some((applied) => !applied))
          logger.warn({ event }, "a node could not apply a cluster message");
      },
      // The adapter's own timeout: a node it still counts did not answer (it is dying or stalled).
      (error: unknown) => logger.warn({ err: error, event }, "not every node answered a cluster message"),
    );
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        logger.warn({ event, waitedMs: REMOTE_APPLY_WAIT_MS }, "other nodes slow to apply a cluster message");
        resolve();
      }, REMOTE_APPLY_WAIT_MS);
      timer.unref();
    });
    try {
      await Promise.race([answered, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private applyOnRequest(io: RoomsServer, event: AppliedEvent, apply: (id: string) => Promise<void>): void {
    const listener: ClusterEvents[AppliedEvent] = (raw, done?: (applied: boolean) => void) => {
      const parsed = idSchema.safeParse(raw);
      if (!parsed.success) {
        this.logger.warn({ event }, "unreadable cluster message skipped");
        return done?.(false);
      }
      apply(parsed.data).then(
        () => done?.(true),
        (error: unknown) => {
          this.logger.error({ err: error, event }, "cluster message not applied here");
          done?.(false);
        },
      );
    };
    io.on(event, listener);
  }
}
