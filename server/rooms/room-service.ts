import type { Actor, ApplyResult, RoomCommand, RoomEffect } from "../domain/room-state";
import { applyRoomCommand, blockForHost, endByStaff, expire } from "../domain/room-machine";
import { VERIFY_TO_SPEAK_MESSAGE, type CommandOutput, type ReactionEmoji } from "../../src/shared/protocol";
import type { Logger } from "../logging/logger";
import { RoomReadModel } from "./room-read-model";
import { RoomReactions } from "./room-reactions";
import { RoomRecorder } from "./room-recorder";
import { RoomTimers } from "./room-timers";
import { persistRoomCommand } from "./room-event-io";
import { RoomError, type RoomModerationEntry, type RoomServiceDeps, type StoredRoom } from "./room-ports";

export type { RoomServiceDeps } from "./room-ports";

/**
 * One live room. Commands run one at a time (a promise chain), so two people acting at once can
 * never interleave half-applied changes. Each command goes through the pure machine; its events
 * are persisted first, then the state is committed, effects reach the media layer, and events
 * are broadcast in version order.
 */
export class RoomService extends RoomReadModel {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly endedListeners = new Set<() => void>();
  private readonly timers: RoomTimers;
  private readonly reactions: RoomReactions;
  readonly recorder: RoomRecorder;

  private constructor(
    room: StoredRoom,
    blockedUserIds: string[],
    allowedUserIds: string[],
    deps: RoomServiceDeps,
    logger: Logger,
  ) {
    super(room, blockedUserIds, allowedUserIds, deps, logger);
    this.timers = new RoomTimers(
      { rejoin: deps.rejoinGraceMs, emptyStage: deps.emptyStageGraceMs },
      (userId) => this.absenceOver(userId),
      () => this.stageEmptyTooLong(),
    );
    this.reactions = new RoomReactions(room.id, deps.broadcaster, deps.scheduler);
    this.recorder = new RoomRecorder(
      { roomId: room.id, hostId: () => this.state.hostId },
      deps.recording,
      {
        port: () => this.media.port,
        activeSpeakerId: () => this.media.activeSpeakerId,
        nameOf: (userId) => this.state.members.get(userId)?.displayName ?? "",
      },
      this.logger,
      deps.now,
    );
    this.media.watch(this.recorder);
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
    // Members restored from the database have a grace period to come back, like a dropped connection.
    for (const member of room.members) service.timers.absent(member.userId);
    // Nobody is connected yet: if nobody takes the stage (the host never comes, or nobody comes
    // back after a restart), the room ends instead of haunting the hallway.
    service.watchStage();
    return service;
  }

  onEnded(listener: () => void): void {
    this.endedListeners.add(listener);
  }

  /** Runs `task` after every earlier command of this room has finished. */
  protected serial<T>(task: () => Promise<T>): Promise<T> {
    const guarded = () => {
      if (this.stopped)
        return Promise.reject(
          new RoomError("invalid_state", "The server is restarting. Please rejoin in a moment."),
        );
      return task();
    };
    const run = this.queue.then(guarded, guarded);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async dispatch(actor: Actor, command: RoomCommand): Promise<void> {
    await this.commit(applyRoomCommand(this.state, actor, command, this.deps.now()), actor);
  }

  /** Carries out one decision of the machine: persist, commit, effects, broadcast. */
  private async commit(result: ApplyResult, actor: Actor | null): Promise<void> {
    if (!result.ok) throw new RoomError(result.error.code, result.error.message);
    const at = new Date(this.deps.now());
    await this.persist(result, actor, at);
    for (const event of result.events) {
      if (event.type === "room-ended")
        this.logger.info({ userId: actor?.userId, reason: event.reason }, "room ended");
    }
    const before = this.state;
    this.state = result.state;
    this.presenceFeed.committed(result.events, before, this.state, at);
    await this.runEffects(result.effects);
    // Versioned events go out now, in order; audience churn joins the room's next batch.
    this.presenceFeed.broadcast(result.events, before.version, this.state);
    if (result.events.length > 0) this.tellListenIns(result.events);
    if (result.events.length > 0) this.deps.onChange?.(this.roomId);
    if (this.state.status === "ended") this.finish();
  }

  /**
   * Every write of one command, in one transaction, before anything changes in memory. A write
   * that fails leaves the room exactly as it was (nothing committed, applied or broadcast): the
   * caller hears `internal`, and the failure is logged here, with the room's context.
   */
  private async persist(
    result: Extract<ApplyResult, { ok: true }>,
    actor: Actor | null,
    at: Date,
  ): Promise<void> {
    try {
      await persistRoomCommand(
        this.deps.store,
        this.presenceFeed.writer,
        this.roomId,
        result,
        this.state,
        at,
      );
    } catch (error) {
      const events = result.events.map((event) => event.type);
      this.logger.error(
        { err: error, userId: actor?.userId, events },
        "room command not saved; nothing changed",
      );
      throw new RoomError("internal", "That could not be saved, so nothing changed. Please try again.");
    }
  }

  /**
   * Starts or stops the empty-stage countdown. Someone connected on stage keeps the room going;
   * a stage of absent people (all dropped, or the host never came) ends it after the grace period.
   */
  private watchStage(): void {
    this.timers.stage(!this.stageIsManned() && this.state.status !== "ended" && !this.stopped);
  }

  private stageEmptyTooLong(): void {
    void this.serial(async () => {
      if (this.stageIsManned() || this.state.status === "ended") {
        this.watchStage();
        return;
      }
      await this.commit(expire(this.state, "stage-empty"), null);
    }).catch((error: unknown) => this.logger.warn({ err: error }, "empty room could not be ended"));
  }

  /** A dropped member's seat was kept long enough: they leave, unless they came back meanwhile. */
  private absenceOver(userId: string): void {
    void this.serial(async () => {
      const member = this.state.members.get(userId);
      if (!member || this.sessions.has(userId) || this.state.status === "ended") return;
      await this.dispatch(
        { userId, displayName: member.displayName, isGuest: member.isGuest },
        { type: "leave" },
      );
      this.watchStage();
    }).catch((error: unknown) =>
      this.logger.warn({ err: error, userId }, "absent member could not be removed"),
    );
  }

  private async runEffects(effects: RoomEffect[]): Promise<void> {
    for (const effect of effects) {
      if (await this.media.apply(effect)) continue;
      if (await this.recorder.apply(effect)) continue;
      switch (effect.type) {
        case "disconnect-member":
          this.sessions.remove(effect.userId, { reason: effect.reason, blocked: effect.blocked });
          break;
        case "ban-from-room":
        case "block-user-for-host":
          break; // written with the command's transaction, before the commit (see persist)
      }
    }
  }

  /** Staff listening in follow the stage on their own connections (they are in no broadcast). */
  private tellListenIns(events: Extract<ApplyResult, { ok: true }>["events"]): void {
    const { listenIns } = this.media;
    if (listenIns.size === 0) return;
    const ended = events.find((event) => event.type === "room-ended");
    const state = { ...this.listenState(), endReason: ended?.type === "room-ended" ? ended.reason : null };
    for (const sessionId of listenIns.sessions())
      this.deps.broadcaster.toSession(sessionId, "staff:listen-state", state);
  }

  private finish(): void {
    // The room's media closed with it; listen-ins have nothing left to hear.
    this.media.listenIns.drain();
    this.timers.clear();
    this.reactions.close();
    this.presenceFeed.stopBatches();
    this.sessions.detachAll();
    for (const listener of this.endedListeners) listener();
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
      if (newcomer && this.state.status !== "ended" && !this.media.port.hasRoomForListener()) {
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
    await this.assertMaySpeak(actor, command);
    this.recorder.assertAvailable(command);
    return this.serial(async () => {
      this.assertSession(actor, sessionId);
      await this.dispatch(actor, command);
      this.logModeration(actor, command);
      this.watchStage();
    });
  }

  /** Hands a moderation command that went through to the audit log (mute, move, remove, block, end). */
  private logModeration(actor: Actor, command: RoomCommand): void {
    const log = this.deps.moderationLog;
    if (!log) return;
    const base = { actorId: actor.userId, roomId: this.roomId };
    let entry: RoomModerationEntry | null = null;
    if (command.type === "mute-member")
      entry = { ...base, action: "room.mute", targetUserId: command.userId };
    else if (command.type === "move-to-audience")
      entry = { ...base, action: "room.move_to_audience", targetUserId: command.userId };
    else if (command.type === "remove-member")
      entry =
        command.block === "none"
          ? { ...base, action: "room.remove", targetUserId: command.userId }
          : {
              ...base,
              action: "room.block",
              targetUserId: command.userId,
              details: { scope: command.block },
            };
    else if (command.type === "end") entry = { ...base, action: "room.end", targetUserId: null };
    if (entry) log.moderated(entry);
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
   * REQUIRE_VERIFIED_TO_SPEAK: nobody unverified comes on stage, by raising a hand, by being
   * invited, or by accepting an invitation. Read before the command queues (a database read);
   * the room's own rules are the machine's, inside the queue.
   */
  private async assertMaySpeak(actor: Actor, command: RoomCommand): Promise<void> {
    const verified = this.deps.verifiedToSpeak;
    if (!verified) return;
    const mine =
      command.type === "raise-hand" || (command.type === "respond-to-invitation" && command.accept);
    if (mine && !actor.isGuest && !(await verified(actor.userId)))
      throw new RoomError("verification_required", VERIFY_TO_SPEAK_MESSAGE);
    if (command.type === "invite-to-speak" && !(await verified(command.userId))) {
      const name = this.state.members.get(command.userId)?.displayName ?? "This person";
      throw new RoomError(
        "verification_required",
        `${name} has not verified their real name, and only verified people speak on this server. They can verify in Settings → Verification.`,
      );
    }
  }

  /**
   * A member's reaction: counted at once, outside the command queue (it changes no room state),
   * and sent to everyone with the window's other reactions. Only members present on this
   * connection react; guests in the room may too (a reaction carries no name and no text).
   */
  react(actor: Actor, sessionId: string, emoji: ReactionEmoji): void {
    this.assertSession(actor, sessionId);
    this.reactions.react(actor.userId, emoji);
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

  /** Server shutdown: lets the running command finish, refuses the rest, closes the media. */
  async shutdown(): Promise<void> {
    this.stopped = true;
    this.timers.clear();
    this.reactions.close();
    await this.queue;
    this.recorder.stop();
    await this.recorder.settled();
    // Queued audience rows are written before the process goes: a clean restart loses nobody.
    await this.presenceFeed
      .close()
      .catch((error: unknown) => this.logger.error({ err: error }, "audience rows lost at shutdown"));
    this.media.port.close();
  }
}
