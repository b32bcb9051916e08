import type { Actor, RoomCommand, RoomEffect, RoomEvent, RoomState } from "../domain/room-state";
import { applyRoomCommand, createRoomState } from "../domain/room-machine";
import type { Logger } from "../logging/logger";
import type { ConsumerOptions, RoomMedia, RoomMediaListener, TransportOptions } from "../media/room-media";
import type { Direction } from "../media/peer-media";
import type { RoomSnapshot } from "../../src/shared/protocol";
import { RoomError, type RoomBroadcaster, type RoomStore, type StoredRoom } from "./room-ports";
import type { types } from "mediasoup";

export type RoomServiceDeps = {
  store: RoomStore;
  broadcaster: RoomBroadcaster;
  logger: Logger;
  now: () => number;
  createMedia: (roomId: string, listener: RoomMediaListener) => Promise<RoomMedia>;
};

/**
 * One live room. Commands run one at a time (a promise chain), so two people acting at once can
 * never interleave half-applied changes. Each command goes through the pure machine; its events
 * are persisted first, then the state is committed, effects reach the media layer, and events
 * are broadcast in version order.
 */
export class RoomService {
  private state: RoomState;
  private media!: RoomMedia;
  private queue: Promise<unknown> = Promise.resolve();
  /** The one connection each member is currently using. */
  private readonly sessions = new Map<string, string>();
  private activeSpeakerId: string | null = null;
  private stopped = false;
  private readonly endedListeners = new Set<() => void>();

  private constructor(
    room: StoredRoom,
    private readonly deps: RoomServiceDeps,
    private readonly logger: Logger,
  ) {
    this.state = createRoomState({ roomId: room.id, title: room.title, hostId: room.hostId });
  }

  static async create(room: StoredRoom, deps: RoomServiceDeps): Promise<RoomService> {
    const service = new RoomService(room, deps, deps.logger.child({ roomId: room.id }));
    service.media = await deps.createMedia(room.id, service.mediaListener());
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

  private mediaListener(): RoomMediaListener {
    const { broadcaster } = this.deps;
    return {
      producerAdded: (info) => broadcaster.toRoom(this.roomId, "media:producer-added", info, this.sessions.get(info.userId)),
      producerClosed: (info) => broadcaster.toRoom(this.roomId, "media:producer-closed", info),
      consumerClosed: ({ userId, consumerId }) => {
        const sessionId = this.sessions.get(userId);
        if (sessionId) broadcaster.toSession(sessionId, "media:consumer-closed", { consumerId });
      },
      activeSpeaker: (userId) => {
        this.activeSpeakerId = userId;
        broadcaster.toRoom(this.roomId, "room:active-speaker", { userId });
      },
    };
  }

  /** Runs `task` after every earlier command of this room has finished. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const guarded = () => {
      if (this.stopped) return Promise.reject(new RoomError("invalid_state", "The server is restarting. Please rejoin in a moment."));
      return task();
    };
    const run = this.queue.then(guarded, guarded);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async dispatch(actor: Actor, command: RoomCommand): Promise<void> {
    const result = applyRoomCommand(this.state, actor, command, this.deps.now());
    if (!result.ok) throw new RoomError(result.error.code, result.error.message);
    await this.persist(result.events, actor);
    const before = this.state.version;
    this.state = result.state;
    await this.runEffects(result.effects);
    result.events.forEach((event, index) => this.broadcast(event, before + index + 1));
    if (this.state.status === "ended") this.finish();
  }

  private async persist(events: RoomEvent[], actor: Actor): Promise<void> {
    const at = new Date(this.deps.now());
    for (const event of events) {
      if (event.type === "member-joined" || event.type === "member-updated") {
        await this.deps.store.saveMemberRole(this.roomId, event.member.userId, event.member.role, at);
      } else if (event.type === "member-left") {
        await this.deps.store.markMemberLeft(this.roomId, event.userId, at);
      } else {
        await this.deps.store.markRoomEnded(this.roomId, at);
        this.logger.info({ userId: actor.userId }, "room ended");
      }
    }
  }

  private async runEffects(effects: RoomEffect[]): Promise<void> {
    for (const effect of effects) {
      switch (effect.type) {
        case "allow-publish":
          this.media.allowPublish(effect.userId, effect.paused);
          break;
        case "revoke-publish":
          this.media.revokePublish(effect.userId);
          break;
        case "pause-publish":
          await this.media.setPublishPaused(effect.userId, effect.paused);
          break;
        case "close-member-media":
          this.media.closePeer(effect.userId);
          break;
        case "close-room-media":
          this.media.close();
          break;
      }
    }
  }

  private broadcast(event: RoomEvent, version: number): void {
    const { broadcaster } = this.deps;
    switch (event.type) {
      case "member-joined":
        return broadcaster.toRoom(this.roomId, "room:member-joined", { version, member: event.member });
      case "member-updated":
        return broadcaster.toRoom(this.roomId, "room:member-updated", { version, member: event.member });
      case "member-left":
        return broadcaster.toRoom(this.roomId, "room:member-left", { version, userId: event.userId });
      case "room-ended":
        return broadcaster.toRoom(this.roomId, "room:ended", { version, reason: event.reason });
    }
  }

  private finish(): void {
    for (const sessionId of this.sessions.values()) this.deps.broadcaster.detachSession(sessionId, this.roomId);
    this.sessions.clear();
    for (const listener of this.endedListeners) listener();
  }

  snapshot(): RoomSnapshot {
    return {
      roomId: this.state.roomId,
      title: this.state.title,
      status: this.state.status,
      hostId: this.state.hostId,
      version: this.state.version,
      members: Object.values(this.state.members),
      producers: this.media.listProducers(),
      activeSpeakerId: this.activeSpeakerId,
    };
  }

  /**
   * Enters the room on connection `sessionId`. A newer connection of the same user replaces the
   * older one: the old socket is told and detached, its media closed; the member keeps their place.
   */
  join(actor: Actor, sessionId: string): Promise<{ snapshot: RoomSnapshot; routerRtpCapabilities: types.RouterRtpCapabilities }> {
    return this.serial(async () => {
      const previous = this.sessions.get(actor.userId);
      if (previous !== undefined && previous !== sessionId) {
        this.deps.broadcaster.toSession(previous, "room:session-replaced", { roomId: this.roomId });
        this.deps.broadcaster.detachSession(previous, this.roomId);
        this.media.closePeer(actor.userId);
      }
      await this.dispatch(actor, { type: "join" });
      this.sessions.set(actor.userId, sessionId);
      return { snapshot: this.snapshot(), routerRtpCapabilities: this.media.rtpCapabilities };
    });
  }

  /** Leaves, unless this connection was already replaced by a newer one (then nothing to do). */
  leave(actor: Actor, sessionId: string): Promise<void> {
    return this.serial(async () => {
      if (this.sessions.get(actor.userId) !== sessionId) return;
      this.sessions.delete(actor.userId);
      if (this.state.status === "ended") return;
      await this.dispatch(actor, { type: "leave" });
    });
  }

  setMuted(actor: Actor, sessionId: string, muted: boolean): Promise<void> {
    return this.serial(async () => {
      this.assertSession(actor, sessionId);
      await this.dispatch(actor, { type: "set-muted", muted });
    });
  }

  end(actor: Actor, sessionId: string): Promise<void> {
    return this.serial(async () => {
      this.assertSession(actor, sessionId);
      await this.dispatch(actor, { type: "end" });
    });
  }

  private assertSession(actor: Actor, sessionId: string): void {
    if (this.stopped) throw new RoomError("invalid_state", "The server is restarting. Please rejoin in a moment.");
    if (this.state.status === "ended") throw new RoomError("invalid_state", "This room has ended.");
    if (this.sessions.get(actor.userId) !== sessionId) throw new RoomError("invalid_state", "Join the room first.");
  }

  createTransport(actor: Actor, sessionId: string, direction: Direction): Promise<TransportOptions> {
    return this.serial(async () => {
      this.assertSession(actor, sessionId);
      return this.media.createTransport(actor.userId, direction);
    });
  }

  connectTransport(actor: Actor, sessionId: string, transportId: string, dtlsParameters: types.DtlsParameters): Promise<void> {
    this.assertSession(actor, sessionId);
    // Not serialised: the DTLS handshake can take a moment and must not hold up the room.
    return this.media.connectTransport(actor.userId, transportId, dtlsParameters);
  }

  produce(actor: Actor, sessionId: string, transportId: string, rtpParameters: types.RtpParameters): Promise<string> {
    return this.serial(async () => {
      this.assertSession(actor, sessionId);
      return this.media.produce(actor.userId, transportId, rtpParameters);
    });
  }

  consume(actor: Actor, sessionId: string, producerId: string, rtpCapabilities: types.RtpCapabilities): Promise<ConsumerOptions> {
    return this.serial(async () => {
      this.assertSession(actor, sessionId);
      return this.media.consume(actor.userId, producerId, rtpCapabilities);
    });
  }

  resumeConsumer(actor: Actor, sessionId: string, consumerId: string): Promise<void> {
    this.assertSession(actor, sessionId);
    return this.media.resumeConsumer(actor.userId, consumerId);
  }

  /** For tests and diagnostics: media object counts of this room. */
  mediaCounts() {
    return this.media.counts();
  }

  /** Server shutdown: lets the running command finish, refuses the rest, closes the media. */
  async shutdown(): Promise<void> {
    this.stopped = true;
    await this.queue;
    this.media.close();
  }
}
