import type { Actor, RoomCommand } from "../domain/room-state";
import { blockForHost, endByStaff, expire } from "../domain/room-machine";
import type { CommandOutput, ReactionEmoji } from "../../src/shared/protocol";
import type { Logger } from "../logging/logger";
import { RoomCommandLoop } from "./room-command-loop";
import { moderationEntryFor } from "./room-moderation-entry";
import { RoomError, type RoomServiceDeps, type StoredRoom } from "./room-ports";
import { assertMaySpeak } from "./speak-verification";
import type { StoredRoomStats } from "./room-stats-ports";

export type { RoomServiceDeps } from "./room-ports";

/**
 * One live room: the commands people and staff send it (join, leave, act, staff actions, reactions).
 * Each runs through the command loop (`RoomCommandLoop`: one at a time, persist before commit);
 * what is read without changing anything is the read model's (`RoomReadModel`).
 */
export class RoomService extends RoomCommandLoop {
  private constructor(
    room: StoredRoom,
    blockedUserIds: string[],
    allowedUserIds: string[],
    deps: RoomServiceDeps,
    logger: Logger,
  ) {
    super(room, blockedUserIds, allowedUserIds, deps, logger);
  }

  static async create(room: StoredRoom, deps: RoomServiceDeps): Promise<RoomService> {
    // The host's own blocks keep those people out of every room they run; this room's bans, out of it.
    const [hostBlocks, roomBans] = await Promise.all([
      deps.store.hostBlockedUserIds(room.hostId),
      deps.store.roomBannedUserIds(room.id),
    ]);
    const blocked = [...new Set([...hostBlocks, ...roomBans])];
    const allowed = room.type === "closed" ? await deps.store.allowedUserIds(room.id) : [];
    const service = new RoomService(room, blocked, allowed, deps, deps.logger.child({ roomId: room.id }));
    await service.media.start();
    await service.stats?.start(service.counts());
    // Members restored from the database have a grace period to come back, like a dropped connection.
    for (const member of room.members) service.timers.absent(member.userId);
    // Nobody is connected yet: if nobody takes the stage (the host never comes, or nobody comes
    // back after a restart), the room ends instead of haunting the hallway.
    service.watchStage();
    return service;
  }

  /**
   * Enters the room on connection `sessionId`. A newer connection of the same user replaces the
   * older one: the old socket is told and detached, its media closed; the member keeps their place.
   */
  join(
    actor: Actor,
    sessionId: string,
    options: { shareKey?: string | undefined } = {},
  ): Promise<CommandOutput<"room:join">> {
    // Read before queueing, so the room never waits on it: whom they follow puts familiar faces first.
    const following = actor.isGuest
      ? Promise.resolve([])
      : this.deps.store.followingIds(actor.userId).catch(() => []);
    return this.serial(async () => {
      if (this.state.status !== "ended")
        await this.admission.admit({ ...actor, shareKey: options.shareKey }, this.presence());
      // A newcomer needs a consumer seat on some worker; members coming back and the host keep theirs.
      const newcomer = !this.hasMember(actor.userId) && actor.userId !== this.state.hostId;
      if (newcomer && this.state.status !== "ended" && !this.media.port.hasRoomForListener(sessionId)) {
        throw new RoomError(
          "room_full",
          "This room is full right now: its audio servers are at capacity. Try again in a moment.",
        );
      }
      const rejoin = this.sessions.isCurrent(actor.userId, sessionId);
      // Admitted: from now on this connection hears the room. Every later delta reaches it; the
      // snapshot below already holds the earlier ones (the client drops repeats by version).
      this.deps.broadcaster.attachSession(sessionId, this.roomId);
      if (this.sessions.replaceWith(actor.userId, sessionId)) this.media.port.closePeer(actor.userId);
      try {
        await this.dispatch(actor, { type: "join" });
      } catch (error) {
        if (!rejoin) this.deps.broadcaster.detachSession(sessionId, this.roomId);
        throw error;
      }
      this.sessions.set(actor.userId, sessionId);
      this.watchStage();
      return {
        snapshot: this.viewFor(actor.userId, await following),
        routerRtpCapabilities: this.media.port.rtpCapabilities,
        you: { userId: actor.userId, isGuest: actor.isGuest },
        audio: { frameMs: this.room.audioFrameMs },
      };
    });
  }

  /**
   * A connection dropped (network, closed tab, server restart on the other side). Its media goes at
   * once; the person keeps their place and role for `rejoinGraceMs`, and leaves only if they have
   * not come back by then. A deliberate leave is `leave`.
   */
  disconnect(actor: Actor, sessionId: string): Promise<void> {
    return this.serial(async () => {
      if (!this.sessions.isCurrent(actor.userId, sessionId)) return;
      this.sessions.forget(actor.userId);
      this.media.port.closePeer(actor.userId);
      // A guest's next connection is a new guest: nobody can come back into this seat.
      if (this.state.members.get(actor.userId)?.isGuest) await this.dispatch(actor, { type: "leave" });
      else this.timers.absent(actor.userId);
      this.watchStage();
    });
  }

  /** Leaves, unless this connection was already replaced by a newer one (then nothing to do). */
  leave(actor: Actor, sessionId: string): Promise<void> {
    return this.serial(async () => {
      if (!this.sessions.isCurrent(actor.userId, sessionId)) return;
      this.sessions.forget(actor.userId);
      if (this.state.status === "ended") return;
      await this.dispatch(actor, { type: "leave" });
      this.watchStage();
    });
  }

  /**
   * Any command of a person already in the room (mute, hands, invitations, moderation, end):
   * the machine decides; refusals come back as RoomError with the machine's code.
   */
  async act(
    actor: Actor,
    sessionId: string,
    command: Exclude<RoomCommand, { type: "join" } | { type: "leave" }>,
  ): Promise<void> {
    await assertMaySpeak(
      this.deps.verifiedToSpeak,
      actor,
      command,
      (userId) => this.state.members.get(userId)?.displayName,
    );
    this.recorder.assertAvailable(command);
    return this.serial(async () => {
      this.assertSession(actor, sessionId);
      await this.dispatch(actor, command);
      // In-room moderation that went through reaches the audit log (the log never throws into the room).
      const entry = moderationEntryFor(actor, this.roomId, command);
      if (entry) this.deps.moderationLog?.moderated(entry);
      this.watchStage();
    });
  }

  /** Platform staff suspended or banned the host: the room ends at once, saying so. */
  endForSuspendedHost(): Promise<void> {
    return this.serial(async () => {
      if (this.state.status === "ended") return;
      await this.commit(expire(this.state, "host-suspended"), null);
    });
  }

  /**
   * Platform staff suspended or banned `userId`: they leave this room at once, as if they had
   * left themselves (their media closes; a host's room is handed over or ends by the usual rules).
   */
  removeSanctioned(userId: string): Promise<void> {
    return this.serial(async () => {
      const member = this.state.members.get(userId);
      if (!member || this.state.status === "ended") return;
      this.sessions.forget(userId);
      this.media.port.closePeer(userId);
      await this.dispatch(
        { userId, displayName: member.displayName, isGuest: member.isGuest },
        { type: "leave" },
      );
      this.watchStage();
    });
  }

  /**
   * A member's reaction: counted at once, outside the command queue (it changes no room state),
   * and sent to everyone with the window's other reactions. Only members present on this
   * connection react; guests in the room may too (a reaction carries no name and no text).
   */
  react(actor: Actor, sessionId: string, emoji: ReactionEmoji): void {
    this.assertSession(actor, sessionId);
    this.reactions.react(actor.userId, emoji);
    this.stats?.reacted();
  }

  /** The room's statistics so far (null when this server keeps none). */
  statsSnapshot(): StoredRoomStats | null {
    return this.stats?.snapshot() ?? null;
  }

  /**
   * `hostId` blocked people on their profile while the room runs (`blockedUserIds` is their whole
   * block list, freshly read). If they still host this room, each new one is kept out from now on
   * and taken out if present, as by the host's own "remove and block from my rooms".
   */
  applyHostBlocks(hostId: string, blockedUserIds: readonly string[]): Promise<void> {
    return this.serial(async () => {
      for (const userId of blockedUserIds) {
        if (this.state.status === "ended" || this.state.hostId !== hostId) break;
        await this.commit(blockForHost(this.state, userId), null);
      }
      this.watchStage();
    });
  }

  /**
   * Platform staff end the room from outside it, with their reason: every member's page reads it
   * (the `room:ended` note, and the room's end note afterwards). Auditing is the caller's.
   */
  endByStaff(reason: string): Promise<void> {
    return this.serial(async () => {
      await this.commit(endByStaff(this.state, reason), null);
    });
  }

  /** Lets someone into a closed room (a host's or moderator's ping). */
  grantAccess(userId: string): Promise<void> {
    return this.admission.grant(userId);
  }
}
