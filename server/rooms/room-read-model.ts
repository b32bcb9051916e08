import type {
  ListenState,
  AudiencePage,
  Member,
  ProducerInfo,
  Role,
  RoomCounts,
  RoomSnapshot,
} from "../../src/shared/protocol";
import type { AccessDecision, RoomPresence } from "../domain/room-access";
import { mayPublish, roomSnapshotFields, type RoomSnapshotFields } from "../domain/room-machine";
import { restoreRoomState } from "../domain/room-restore";
import type { Actor, RoomState } from "../domain/room-state";
import type { Logger } from "../logging/logger";
import { RoomAdmission, type Entrant } from "./room-admission";
import { RoomMediaGateway } from "./room-media-gateway";
import { RoomError, type RoomServiceDeps, type StoredRoom } from "./room-ports";
import { RoomPresenceFeed } from "./room-presence-feed";
import { RoomSessions } from "./room-sessions";

/**
 * The read side of one live room: its state in memory and every question asked of it (snapshots,
 * counts, audience pages, the hallway's facts, who may come in). Reading never queues behind a
 * command and never changes anything. The command side, `RoomService`, extends this class: it is
 * the only code that replaces `state`.
 */
export abstract class RoomReadModel {
  protected state: RoomState;
  /** The room's media: effects, media commands, rebuilds. The socket edge calls it directly. */
  readonly media: RoomMediaGateway;
  protected readonly sessions: RoomSessions;
  protected readonly admission: RoomAdmission;
  /** Counts, paging, batched audience broadcasts and write-behind rows: presence at scale. */
  protected readonly presenceFeed: RoomPresenceFeed;
  /** The server is shutting down: every command and query is refused. */
  protected stopped = false;

  protected constructor(
    readonly room: StoredRoom,
    blockedUserIds: string[],
    allowedUserIds: string[],
    protected readonly deps: RoomServiceDeps,
    protected readonly logger: Logger,
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
      settings: room.settings,
    });
    this.sessions = new RoomSessions(room.id, deps.broadcaster);
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
      state: this.state,
      store: deps.store,
      broadcaster: deps.broadcaster,
      logger,
      ...(deps.scheduler ? { scheduler: deps.scheduler } : {}),
    });
    this.media = new RoomMediaGateway(
      room.id,
      { broadcaster: deps.broadcaster, logger, now: deps.now, createMedia: deps.createMedia },
      {
        sessionOf: (userId) => this.sessions.of(userId),
        serial: (task) => this.serial(task),
        assertSession: (actor, sessionId) => this.assertSession(actor, sessionId),
        publishers: () =>
          [...this.state.stage.values()]
            .filter((member) => mayPublish(this.state, member.userId))
            .map((member) => ({ userId: member.userId, muted: member.muted })),
        assertLive: () => {
          if (this.stopped)
            throw new RoomError("invalid_state", "The server is restarting. Try again in a moment.");
          if (this.state.status === "ended") throw new RoomError("invalid_state", "This room has ended.");
        },
      },
    );
  }

  /** Runs `task` after every earlier command of this room (the command side's queue). */
  protected abstract serial<T>(task: () => Promise<T>): Promise<T>;

  get roomId(): string {
    return this.state.roomId;
  }

  /** Who runs the room now (a host may hand it over). */
  get hostId(): string {
    return this.state.hostId;
  }

  /** The host is recording the stage (the room's page tells people before they enter). */
  get isRecording(): boolean {
    return this.state.recording;
  }

  get isEnded(): boolean {
    return this.state.status === "ended";
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

  /** Members per role (metrics): the stage is small, the audience is counted already. */
  roleCounts(): Record<Role, number> {
    const counts: Record<Role, number> = { host: 0, moderator: 0, speaker: 0, listener: 0 };
    for (const member of this.presenceFeed.stageMembers(this.state)) counts[member.role]++;
    counts.listener = this.counts().audience;
    return counts;
  }

  /** The room as a silent listener follows it: the stage, counts, who is sending audio. */
  listenState(): ListenState {
    return {
      roomId: this.roomId,
      title: this.room.title,
      status: this.state.status,
      endReason: null,
      stage: this.presenceFeed.stageMembers(this.state).map((m) => ({
        userId: m.userId,
        displayName: m.displayName,
        avatarUrl: m.avatarUrl,
        role: m.role,
        muted: m.muted,
      })),
      counts: this.counts(),
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

  /** Who is here and who is on stage right now, as the access rule sees it. */
  presence(): RoomPresence {
    const { members, stage } = this.state;
    return { stageUserIds: [...stage.keys()], isMember: (userId) => members.has(userId) };
  }

  /** Could this person enter the room now? (Pings ask before they notify anyone.) */
  accessFor(viewer: Entrant): Promise<AccessDecision> {
    return this.admission.decide(viewer, this.presence());
  }

  /** Up to `limit` members not in `skip`, in no set order (the cluster's hallway: server/cluster). */
  memberIds(limit: number, skip: ReadonlySet<string>): string[] {
    const ids: string[] = [];
    for (const userId of this.state.members.keys()) if (!skip.has(userId) && ids.push(userId) >= limit) break;
    return ids;
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
      stage: stage.map((m) => ({
        userId: m.userId,
        displayName: m.displayName,
        avatarUrl: m.avatarUrl,
        realNameVerified: m.realNameVerified === true,
      })),
      listenerCount: counts.audience,
      /** People with a live connection (the rest are reconnecting, or not back since a restart). */
      connectedCount: this.sessions.size,
      ended: this.state.status === "ended",
      recording: this.state.recording,
    };
  }

  /** Someone connected is on stage (the room is being run), as opposed to a stage of absent seats. */
  protected stageIsManned(): boolean {
    return this.state.stage.some((member) => this.sessions.has(member.userId));
  }

  /** Refuses anyone not in the live room on this connection (for features beside the room: chat). */
  assertPresent(actor: Actor, sessionId: string): void {
    this.assertSession(actor, sessionId);
  }

  /** Refuses anyone who is not in the (live) room on this connection. */
  protected assertSession(actor: Actor, sessionId: string): void {
    if (this.stopped)
      throw new RoomError("invalid_state", "The server is restarting. Please rejoin in a moment.");
    if (this.state.status === "ended") throw new RoomError("invalid_state", "This room has ended.");
    if (!this.sessions.isCurrent(actor.userId, sessionId))
      throw new RoomError("invalid_state", "Join the room first.");
  }

  /** Which worker slot holds this room's media (diagnostics, tests). */
  get workerIndex(): number {
    return this.media.port.workerIndex;
  }

  /** For tests and diagnostics: the connection each connected member is in the room on. */
  connections(): { userId: string; sessionId: string }[] {
    return this.sessions.entries();
  }

  /** For tests and diagnostics: media object counts of this room. */
  mediaCounts() {
    return this.media.port.counts();
  }
}
