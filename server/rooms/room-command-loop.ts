import type { Actor, ApplyResult, RoomCommand, RoomEffect } from "../domain/room-state";
import { applyRoomCommand, expire } from "../domain/room-machine";
import type { Logger } from "../logging/logger";
import { RoomReadModel } from "./room-read-model";
import { RoomReactions } from "./room-reactions";
import { RoomRecorder } from "./room-recorder";
import { RoomTimers } from "./room-timers";
import { RoomStatsRecorder } from "./room-stats-recorder";
import { persistRoomCommand } from "./room-event-io";
import { RoomError, type RoomServiceDeps, type StoredRoom } from "./room-ports";

/**
 * The engine under one live room: commands run one at a time (a promise chain), so two people
 * acting at once can never interleave half-applied changes. Each decision of the pure machine is
 * persisted first, then the state is committed, effects reach the media layer, and events are
 * broadcast in version order. The timers that act on their own (a dropped member's grace, an
 * empty stage) queue their commands here too. `RoomService` adds the public commands on top;
 * keeping the loop apart keeps the order of those steps in one short file.
 */
export abstract class RoomCommandLoop extends RoomReadModel {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly endedListeners = new Set<() => void>();
  protected readonly timers: RoomTimers;
  protected readonly reactions: RoomReactions;
  /** Records the stage while the host has recording on (the machine's recording effects). */
  readonly recorder: RoomRecorder;
  /** The room's samples for its host's chart (null when this server keeps none). */
  protected readonly stats: RoomStatsRecorder | null;

  protected constructor(
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
    const name = (userId: string) => this.state.members.get(userId)?.displayName ?? "Someone";
    this.stats = deps.stats
      ? new RoomStatsRecorder(room.id, deps.stats, logger, name, this.counts(), deps.scheduler)
      : null;
    this.media.onActiveSpeaker((userId) => this.stats?.activeSpeaker(userId));
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

  protected async dispatch(actor: Actor, command: RoomCommand): Promise<void> {
    await this.commit(applyRoomCommand(this.state, actor, command, this.deps.now()), actor);
  }

  /** Carries out one decision of the machine: persist, commit, effects, broadcast. */
  protected async commit(result: ApplyResult, actor: Actor | null): Promise<void> {
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
    this.stats?.committed(result.events, before, this.counts());
    await this.runEffects(result.effects);
    // Versioned events go out now, in order; audience churn joins the room's next batch.
    this.presenceFeed.broadcast(result.events, before.version, this.state);
    if (result.events.length > 0) this.tellListenIns(result.events);
    if (result.events.length > 0) this.deps.onChange?.(this.roomId);
    if (this.state.status === "ended") {
      // The last span is written before the room leaves the registry: its chart is complete at once.
      await this.stats?.close();
      this.finish();
    }
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
  protected watchStage(): void {
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

  /** Server shutdown: lets the running command finish, refuses the rest, closes the media. */
  async shutdown(): Promise<void> {
    this.stopped = true;
    this.timers.clear();
    this.reactions.close();
    await this.queue;
    this.recorder.stop();
    await this.recorder.settled();
    await this.stats?.close();
    // Queued audience rows are written before the process goes: a clean restart loses nobody.
    await this.presenceFeed
      .close()
      .catch((error: unknown) => this.logger.error({ err: error }, "audience rows lost at shutdown"));
    this.media.port.close();
  }
}
