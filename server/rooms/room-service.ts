import type { Actor, ApplyResult, RoomCommand, RoomEffect, RoomState } from "../domain/room-state";
import {
  applyRoomCommand,
  expire,
  mayPublish,
  roomSnapshotFields,
  type RoomSnapshotFields,
} from "../domain/room-machine";
import { AudienceIndex } from "../domain/audience-index";
import { RoomPresenceFeed } from "./room-presence-feed";
import type { AccessDecision, RoomPresence } from "../domain/room-access";
import { RoomAdmission, type Entrant } from "./room-admission";
import { RoomTimers } from "./room-timers";
import { RoomMediaGateway } from "./room-media-gateway";
import { restoreRoomState } from "../domain/room-restore";
import type { Logger } from "../logging/logger";
import type {
  AudioFrameMs,
  AudiencePage,
  Member,
  ProducerInfo,
  Role,
  RoomCounts,
  RoomSnapshot,
  RouterRtpCapabilitiesOutput,
} from "../../src/shared/protocol";
import { persistRoomEvents } from "./room-event-io";
import {
  RoomError,
  type RoomBroadcaster,
  type RoomMediaEvents,
  type RoomMediaPort,
  type RoomStore,
  type Scheduler,
  type StoredRoom,
} from "./room-ports";

export type RoomServiceDeps = {
  store: RoomStore;
  broadcaster: RoomBroadcaster;
  logger: Logger;
  now: () => number;
  /** Most people on stage at once (host, moderators, speakers). */
  stageLimit: number;
  /** Most people in the room at once (ROOM_MAX_MEMBERS); newcomers past it get room_full. */
  memberLimit: number;
  /** How long a dropped (or restored) member keeps their place before they are taken out. */
  rejoinGraceMs: number;
  /** How long a room may go with nobody connected on its stage before it ends. */
  emptyStageGraceMs: number;
  /** Told after anything a hallway shows changed (members, roles, the room starting or ending). */
  onChange?: (roomId: string) => void;
  /** Clock and timers of the audience batches and the write-behind (real ones unless a test fakes them). */
  scheduler?: Scheduler;
  createMedia: (roomId: string, events: RoomMediaEvents) => Promise<RoomMediaPort>;
};

/**
 * One live room. Commands run one at a time (a promise chain), so two people acting at once can
 * never interleave half-applied changes. Each command goes through the pure machine; its events
 * are persisted first, then the state is committed, effects reach the media layer, and events
 * are broadcast in version order.
 */
export class RoomService {
  private state: RoomState;
  /** The room's media: effects, media commands, rebuilds. The socket edge calls it directly. */
  readonly media: RoomMediaGateway;
  private queue: Promise<unknown> = Promise.resolve();
  /** The one connection each member is currently using. */
  private readonly sessions = new Map<string, string>();
  private stopped = false;
  private readonly endedListeners = new Set<() => void>();
  private readonly timers: RoomTimers;
  private readonly admission: RoomAdmission;
  /** Counts, paging, batched audience broadcasts and write-behind rows: presence at scale. */
  private readonly presenceFeed: RoomPresenceFeed;

  private constructor(
    readonly room: StoredRoom,
    blockedUserIds: string[],
    allowedUserIds: string[],
    private readonly deps: RoomServiceDeps,
    private readonly logger: Logger,
  ) {
    // Versions start at the room's start time, so they never go backwards across restarts.
    this.state = restoreRoomState({
      roomId: room.id,
      title: room.title,
      hostId: room.hostId,
      stageLimit: deps.stageLimit,
      memberLimit: deps.memberLimit,
      blockedUserIds,
      coHostIds: room.coHostIds,
      version: deps.now(),
      members: room.members,
    });
    this.admission = new RoomAdmission(
      room.id,
      {
        type: room.type,
        hostId: () => this.state.hostId,
        coHostIds: room.coHostIds,
        shareKey: room.shareKey,
      },
      allowedUserIds,
      () => this.state.blockedUserIds,
      deps.store,
    );
    this.presenceFeed = new RoomPresenceFeed({
      roomId: room.id,
      index: AudienceIndex.of(this.state),
      store: deps.store,
      broadcaster: deps.broadcaster,
      logger,
      ...(deps.scheduler ? { scheduler: deps.scheduler } : {}),
    });
    this.media = new RoomMediaGateway(
      room.id,
      { broadcaster: deps.broadcaster, logger: this.logger, now: deps.now, createMedia: deps.createMedia },
      {
        sessionOf: (userId) => this.sessions.get(userId),
        serial: (task) => this.serial(task),
        assertSession: (actor, sessionId) => this.assertSession(actor, sessionId),
        publishers: () =>
          [...this.state.stage.values()]
            .filter((member) => mayPublish(this.state, member.userId))
            .map((member) => ({ userId: member.userId, muted: member.muted })),
      },
    );
    this.timers = new RoomTimers(
      { rejoin: deps.rejoinGraceMs, emptyStage: deps.emptyStageGraceMs },
      (userId) => this.absenceOver(userId),
      () => this.stageEmptyTooLong(),
    );
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

  get roomId(): string {
    return this.state.roomId;
  }

  get isEnded(): boolean {
    return this.state.status === "ended";
  }

  onEnded(listener: () => void): void {
    this.endedListeners.add(listener);
  }

  /** Runs `task` after every earlier command of this room has finished. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
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
    await persistRoomEvents(
      this.deps.store,
      this.presenceFeed.writer,
      this.roomId,
      result.events,
      this.state,
      at,
    );
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
    if (result.events.length > 0) this.deps.onChange?.(this.roomId);
    if (this.state.status === "ended") this.finish();
  }

  /** Someone connected is on stage (the room is being run), as opposed to a stage of absent seats. */
  private stageIsManned(): boolean {
    return this.state.stage.some((member) => this.sessions.has(member.userId));
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
      switch (effect.type) {
        case "disconnect-member": {
          const sessionId = this.sessions.get(effect.userId);
          if (sessionId === undefined) break;
          this.sessions.delete(effect.userId);
          this.deps.broadcaster.toSession(sessionId, "room:removed", {
            roomId: this.roomId,
            reason: effect.reason,
            blocked: effect.blocked,
          });
          this.deps.broadcaster.detachSession(sessionId, this.roomId);
          break;
        }
        case "ban-from-room":
          await this.deps.store.banFromRoom(this.roomId, effect.userId);
          break;
        case "block-user-for-host":
          await this.deps.store.blockUserForHost(effect.hostId, effect.userId);
          break;
      }
    }
  }

  private finish(): void {
    this.timers.clear();
    this.presenceFeed.stopBatches();
    for (const sessionId of this.sessions.values())
      this.deps.broadcaster.detachSession(sessionId, this.roomId);
    this.sessions.clear();
    for (const listener of this.endedListeners) listener();
  }

  /**
   * The whole room (every member, the hand queue as ids): for tests and diagnostics only, never
   * sent to a client (a join answers with the bounded `viewFor`).
   */
  inspect(): RoomSnapshotFields & { producers: ProducerInfo[]; activeSpeakerId: string | null } {
    return {
      ...roomSnapshotFields(this.state),
      producers: this.media.port.listProducers(),
      activeSpeakerId: this.media.activeSpeakerId,
    };
  }

  /** The bounded snapshot one member gets on joining: stage, counts, first audience page, people they follow. */
  viewFor(userId: string, followingIds: readonly string[] = []): RoomSnapshot {
    return {
      ...this.presenceFeed.viewFor(this.state, { userId, followingIds }),
      producers: this.media.port.listProducers(),
      activeSpeakerId: this.media.activeSpeakerId,
    };
  }

  /** The room's exact counts: people on stage, in the audience, raised hands. */
  counts(): RoomCounts {
    return this.presenceFeed.counts(this.state);
  }

  /**
   * A page of the audience for a member (`room:audience`). Answered from memory at once, outside
   * the command queue: reading a page changes nothing. A cursor we did not make is invalid_input.
   */
  audience(
    actor: Actor,
    sessionId: string,
    cursor: string | undefined,
    limit: number,
  ): AudiencePage & { counts: RoomCounts } {
    this.assertSession(actor, sessionId);
    const page = this.presenceFeed.page(this.state, cursor, limit);
    if (page === null)
      throw new RoomError(
        "invalid_input",
        "That audience cursor is not valid; start again from the first page.",
      );
    return { ...page, counts: this.counts() };
  }

  /** The whole hand queue, oldest first; only for those who take questions (hosts, moderators). */
  handQueue(actor: Actor, sessionId: string): Member[] {
    this.assertSession(actor, sessionId);
    const self = this.state.members.get(actor.userId);
    if (!self || (self.role !== "host" && self.role !== "moderator"))
      throw new RoomError("forbidden", "Only hosts and moderators see the hand queue.");
    return this.state.handQueue.flatMap((userId) => this.state.members.get(userId) ?? []);
  }

  /**
   * Enters the room on connection `sessionId`. A newer connection of the same user replaces the
   * older one: the old socket is told and detached, its media closed; the member keeps their place.
   */
  join(
    actor: Actor,
    sessionId: string,
    options: { shareKey?: string | undefined } = {},
  ): Promise<{
    snapshot: RoomSnapshot;
    routerRtpCapabilities: RouterRtpCapabilitiesOutput;
    you: { userId: string; isGuest: boolean };
    audio: { frameMs: AudioFrameMs };
  }> {
    // Read before queueing, so the room never waits on it: whom they follow puts familiar faces first.
    const following = actor.isGuest
      ? Promise.resolve([])
      : this.deps.store.followingIds(actor.userId).catch(() => []);
    return this.serial(async () => {
      if (this.state.status !== "ended") {
        const decision = await this.admission.decide(
          { userId: actor.userId, isGuest: actor.isGuest, shareKey: options.shareKey },
          this.presence(),
        );
        if (!decision.ok) throw new RoomError("forbidden", decision.message);
        if (decision.via === "share-link") await this.admission.grant(actor.userId);
      }
      // A newcomer needs a consumer seat on some worker; members coming back and the host keep theirs.
      const newcomer = !this.hasMember(actor.userId) && actor.userId !== this.state.hostId;
      if (newcomer && this.state.status !== "ended" && !this.media.port.hasRoomForListener()) {
        throw new RoomError(
          "room_full",
          "This room is full right now: its audio servers are at capacity. Try again in a moment.",
        );
      }
      const previous = this.sessions.get(actor.userId);
      if (previous !== undefined && previous !== sessionId) {
        this.deps.broadcaster.toSession(previous, "room:session-replaced", { roomId: this.roomId });
        this.deps.broadcaster.detachSession(previous, this.roomId);
        this.media.port.closePeer(actor.userId);
      }
      await this.dispatch(actor, { type: "join" });
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
      if (this.sessions.get(actor.userId) !== sessionId) return;
      this.sessions.delete(actor.userId);
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
      if (this.sessions.get(actor.userId) !== sessionId) return;
      this.sessions.delete(actor.userId);
      if (this.state.status === "ended") return;
      await this.dispatch(actor, { type: "leave" });
      this.watchStage();
    });
  }

  /**
   * Any command of a person already in the room (mute, hands, invitations, moderation, end):
   * the machine decides; refusals come back as RoomError with the machine's code.
   */
  act(
    actor: Actor,
    sessionId: string,
    command: Exclude<RoomCommand, { type: "join" } | { type: "leave" }>,
  ): Promise<void> {
    return this.serial(async () => {
      this.assertSession(actor, sessionId);
      await this.dispatch(actor, command);
      this.watchStage();
    });
  }

  /** Who is here and who is on stage right now, as the access rule sees it. */
  presence(): RoomPresence {
    const { members, stage } = this.state;
    return { stageUserIds: [...stage.keys()], isMember: (userId) => members.has(userId) };
  }

  /** Could this person enter the room now? (Pings ask before they notify anyone.) */
  accessFor(viewer: Entrant): Promise<AccessDecision> {
    return this.admission.decide(viewer, this.presence());
  }

  /** Lets someone into a closed room (a host's or moderator's ping). */
  grantAccess(userId: string): Promise<void> {
    return this.admission.grant(userId);
  }

  hasMember(userId: string): boolean {
    return this.state.members.has(userId);
  }

  memberRole(userId: string): Role | undefined {
    return this.state.members.get(userId)?.role;
  }

  /** The room as the hallway needs it: its policy, who is on stage (host first), and the counts. */
  hallwayFacts() {
    const counts = this.counts();
    const stage = this.presenceFeed
      .stageMembers(this.state)
      .sort((a, b) => (a.role === "host" ? -1 : b.role === "host" ? 1 : a.joinedAt - b.joinedAt));
    return {
      room: this.room,
      hostId: this.state.hostId,
      policy: this.admission.policy(),
      presence: this.presence(),
      stage: stage.map((m) => ({ userId: m.userId, displayName: m.displayName, avatarUrl: m.avatarUrl })),
      listenerCount: counts.audience,
      /** People with a live connection (the rest are reconnecting, or not back since a restart). */
      connectedCount: this.sessions.size,
      ended: this.state.status === "ended",
    };
  }

  private assertSession(actor: Actor, sessionId: string): void {
    if (this.stopped)
      throw new RoomError("invalid_state", "The server is restarting. Please rejoin in a moment.");
    if (this.state.status === "ended") throw new RoomError("invalid_state", "This room has ended.");
    if (this.sessions.get(actor.userId) !== sessionId)
      throw new RoomError("invalid_state", "Join the room first.");
  }

  /** Which worker slot holds this room's media (diagnostics, tests). */
  get workerIndex(): number {
    return this.media.port.workerIndex;
  }

  /** For tests and diagnostics: media object counts of this room. */
  mediaCounts() {
    return this.media.port.counts();
  }

  /** Server shutdown: lets the running command finish, refuses the rest, closes the media. */
  async shutdown(): Promise<void> {
    this.stopped = true;
    this.timers.clear();
    await this.queue;
    // Queued audience rows are written before the process goes: a clean restart loses nobody.
    await this.presenceFeed
      .close()
      .catch((error: unknown) => this.logger.error({ err: error }, "audience rows lost at shutdown"));
    this.media.port.close();
  }
}
