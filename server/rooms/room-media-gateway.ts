import type { Actor, RoomEffect } from "../domain/room-state";
import type { Logger } from "../logging/logger";
import type {
  ConsumerOptionsOutput,
  DtlsParametersInput,
  IceParametersOutput,
  RtpCapabilitiesInput,
  RtpParametersInput,
  TransportOptionsOutput,
} from "../../src/shared/protocol";
import { RoomError } from "./room-ports";
import { RoomListenIns } from "./room-listen-ins";
import { recreateMedia, roomMediaListener } from "./room-media-events";
import type { RoomBroadcaster, RoomMediaEvents, RoomMediaPort } from "./room-ports";

/** Follows the stage's media as the room reports it (role-blind: producers and voices). */
export type StageWatcher = Pick<RoomMediaEvents, "producerAdded" | "producerClosed" | "activeSpeaker">;

/** What the gateway needs from its room: who is connected, the room's queue, its rules. */
export type RoomMediaHooks = {
  sessionOf: (userId: string) => string | undefined;
  /** Runs a task in the room's command queue (after every earlier command). */
  serial: <T>(task: () => Promise<T>) => Promise<T>;
  /** Refuses anyone who is not in the room on this connection. */
  assertSession: (actor: Actor, sessionId: string) => void;
  /** People the room lets publish now, and whether they are muted (to restore after a rebuild). */
  publishers: () => { userId: string; muted: boolean }[];
  /** Refuses a listen-in once the room is over or the server stops. */
  assertLive: () => void;
};

const MEDIA_EFFECTS = [
  "allow-publish",
  "revoke-publish",
  "pause-publish",
  "close-member-media",
  "close-room-media",
] as const;
type MediaEffect = Extract<RoomEffect, { type: (typeof MEDIA_EFFECTS)[number] }>;

/**
 * The room's side of its media: holds the media port, carries the machine's media effects to it,
 * checks every media command against the room (joined on this connection), and builds the media
 * again when its origin worker dies. The room service decides; this class only connects.
 */
export class RoomMediaGateway {
  private current!: RoomMediaPort;
  private speakerId: string | null = null;
  /** Who else follows the stage's producers and voices (the recorder). */
  private readonly watchers: StageWatcher[] = [];
  private readonly speakerListeners = new Set<(userId: string | null) => void>();
  /** Staff listening silently (no members: see RoomListenIns). */
  readonly listenIns = new RoomListenIns();

  constructor(
    private readonly roomId: string,
    private readonly deps: {
      broadcaster: RoomBroadcaster;
      logger: Logger;
      now: () => number;
      createMedia: (roomId: string, events: RoomMediaEvents) => Promise<RoomMediaPort>;
    },
    private readonly hooks: RoomMediaHooks,
  ) {}

  async start(): Promise<void> {
    this.current = await this.deps.createMedia(this.roomId, this.events());
  }

  /** The media port itself, for what the room reads (capabilities, producers, seats). */
  get port(): RoomMediaPort {
    return this.current;
  }

  get activeSpeakerId(): string | null {
    return this.speakerId;
  }

  /** Adds a follower of producers coming and going and of the loudest voice (the room's recorder). */
  watch(watcher: StageWatcher): void {
    this.watchers.push(watcher);
  }

  /** Told each time the loudest voice changes (the room's statistics follow it). */
  onActiveSpeaker(listener: (userId: string | null) => void): void {
    this.speakerListeners.add(listener);
  }

  private speakerChanged(userId: string | null): void {
    this.speakerId = userId;
    for (const listener of this.speakerListeners) listener(userId);
  }

  private events(): RoomMediaEvents {
    const events = roomMediaListener({
      roomId: this.roomId,
      broadcaster: this.deps.broadcaster,
      sessionOf: this.hooks.sessionOf,
      onActiveSpeaker: (userId) => this.speakerChanged(userId),
      onMediaLost: () => void this.rebuild(),
      producers: () => this.current.listProducers(),
      listenIns: this.listenIns,
    });
    return {
      ...events,
      producerAdded: (info) => {
        events.producerAdded(info);
        for (const watcher of this.watchers) watcher.producerAdded(info);
      },
      producerClosed: (info) => {
        events.producerClosed(info);
        for (const watcher of this.watchers) watcher.producerClosed(info);
      },
      activeSpeaker: (userId) => {
        events.activeSpeaker(userId);
        for (const watcher of this.watchers) watcher.activeSpeaker(userId);
      },
    };
  }

  /**
   * The origin worker died. The room itself (roles, hands, versions) is intact: build new media on
   * a live worker, give publish rights back to everyone on stage, and tell every client to
   * re-establish its transports. Other rooms on other workers never notice.
   */
  private rebuild(): Promise<void> {
    return this.hooks
      .serial(async () => {
        const started = this.deps.now();
        this.current = await recreateMedia(
          () => this.deps.createMedia(this.roomId, this.events()),
          this.deps.logger,
        );
        for (const { userId, muted } of this.hooks.publishers()) this.current.allowPublish(userId, muted);
        this.speakerChanged(null);
        this.deps.logger.warn({ ms: this.deps.now() - started }, "room media rebuilt after worker death");
        this.deps.broadcaster.toRoom(this.roomId, "media:reset", { reason: "media-server-restarted" });
        // Listen-ins had their media on the old worker: they open theirs again (`staff:listen`).
        for (const sessionId of this.listenIns.sessions())
          this.deps.broadcaster.toSession(sessionId, "media:reset", { reason: "media-server-restarted" });
      })
      .catch((error: unknown) => this.deps.logger.error({ err: error }, "could not rebuild room media"));
  }

  /** Carries out one of the machine's media effects; false for effects that are not about media. */
  async apply(effect: RoomEffect): Promise<boolean> {
    if (!isMediaEffect(effect)) return false;
    switch (effect.type) {
      case "allow-publish":
        this.current.allowPublish(effect.userId, effect.paused);
        break;
      case "revoke-publish":
        this.current.revokePublish(effect.userId);
        break;
      case "pause-publish":
        await this.current.setPublishPaused(effect.userId, effect.paused);
        break;
      case "close-member-media":
        this.current.closePeer(effect.userId);
        break;
      case "close-room-media":
        this.current.close();
        break;
    }
    return true;
  }

  createTransport(
    actor: Actor,
    sessionId: string,
    direction: "send" | "recv",
  ): Promise<TransportOptionsOutput> {
    return this.hooks.serial(async () => {
      this.hooks.assertSession(actor, sessionId);
      return this.current.createTransport(actor.userId, direction);
    });
  }

  connectTransport(
    actor: Actor,
    sessionId: string,
    transportId: string,
    dtlsParameters: DtlsParametersInput,
  ): Promise<void> {
    this.hooks.assertSession(actor, sessionId);
    // Not serialised: the DTLS handshake can take a moment and must not hold up the room.
    return this.current.connectTransport(actor.userId, transportId, dtlsParameters);
  }

  restartIce(actor: Actor, sessionId: string, transportId: string): Promise<IceParametersOutput> {
    this.hooks.assertSession(actor, sessionId);
    return this.current.restartIce(actor.userId, transportId);
  }

  produce(
    actor: Actor,
    sessionId: string,
    transportId: string,
    rtpParameters: RtpParametersInput,
  ): Promise<string> {
    return this.hooks.serial(async () => {
      this.hooks.assertSession(actor, sessionId);
      return this.current.produce(actor.userId, transportId, rtpParameters);
    });
  }

  consume(
    actor: Actor,
    sessionId: string,
    producerId: string,
    rtpCapabilities: RtpCapabilitiesInput,
  ): Promise<ConsumerOptionsOutput> {
    return this.hooks.serial(async () => {
      this.hooks.assertSession(actor, sessionId);
      return this.current.consume(actor.userId, producerId, rtpCapabilities);
    });
  }

  resumeConsumer(actor: Actor, sessionId: string, consumerId: string): Promise<void> {
    this.hooks.assertSession(actor, sessionId);
    return this.current.resumeConsumer(actor.userId, consumerId);
  }

  /**
   * A staff connection starts listening silently: a receive transport under its own media key
   * (replacing an earlier one of the same connection). Who may do this is the edge's to check.
   */
  listenIn(sessionId: string): Promise<TransportOptionsOutput> {
    return this.hooks.serial(async () => {
      this.hooks.assertLive();
      const previous = this.listenIns.keyFor(sessionId);
      if (previous !== undefined) this.current.closePeer(previous);
      const key = this.listenIns.add(sessionId);
      try {
        return await this.current.createTransport(key, "recv");
      } catch (error) {
        this.listenIns.remove(sessionId);
        this.current.closePeer(key);
        throw error;
      }
    });
  }

  private listenKey(sessionId: string): string {
    const key = this.listenIns.keyFor(sessionId);
    if (key === undefined) throw new RoomError("invalid_state", "Open the listen-in first.");
    return key;
  }

  listenConnect(sessionId: string, transportId: string, dtlsParameters: DtlsParametersInput): Promise<void> {
    return this.current.connectTransport(this.listenKey(sessionId), transportId, dtlsParameters);
  }

  listenConsume(
    sessionId: string,
    producerId: string,
    rtpCapabilities: RtpCapabilitiesInput,
  ): Promise<ConsumerOptionsOutput> {
    return this.hooks.serial(async () => {
      this.hooks.assertLive();
      return this.current.consume(this.listenKey(sessionId), producerId, rtpCapabilities);
    });
  }

  listenResume(sessionId: string, consumerId: string): Promise<void> {
    return this.current.resumeConsumer(this.listenKey(sessionId), consumerId);
  }

  /** The listen-in of this connection ends (left the page, closed the socket); its media goes. */
  listenLeave(sessionId: string): boolean {
    const key = this.listenIns.remove(sessionId);
    if (key === undefined) return false;
    this.current.closePeer(key);
    return true;
  }
}

function isMediaEffect(effect: RoomEffect): effect is MediaEffect {
  return MEDIA_EFFECTS.some((type) => type === effect.type);
}
