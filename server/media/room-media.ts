import type { types } from "mediasoup";
import type { Logger } from "../logging/logger";
import { ROUTER_MEDIA_CODECS } from "./codecs";
import { countMedia, type MediaCounts } from "./media-counts";
import { MediaError } from "./media-error";
import type { Direction, MediaAppData, PeerMedia } from "./peer-media";
import { ProducerRecordings, type ProducerRecording } from "./producer-recorder";
import type { PipeEvents, PipeSettings } from "./node-pipes";
import { PublishRights } from "./publish-rights";
import { ReceivePlacement } from "./receive-placement";
import { RoomPipes } from "./room-pipes";
import type { RoomMediaListener } from "./room-media-listener";
import { RoomStreams, type ConsumerOptions } from "./room-streams";
import { RoomTransports } from "./room-transports";
import type { PlainTransportInfo, TransportOptions } from "./transport-builders";
import type { WorkerPool, WorkerSlot } from "./worker-pool";

export type { RoomMediaListener } from "./room-media-listener";
export type { ConsumerOptions } from "./room-streams";

/**
 * The media of one room, over every worker. Role-blind: the room service says who may publish
 * (`allowPublish` / `revokePublish`) and the media layer enforces it on every produce, whatever a
 * client claims.
 *
 * Send transports and producers live on the room's origin router (where the active-speaker
 * observer listens). Receive transports are placed by `ReceivePlacement` on the least-loaded
 * worker; on a worker other than the origin they sit on a listener router fed by one pipe per
 * producer. A consumer is made on whichever router holds the receiver's transport.
 */
export class RoomMedia {
  private readonly peers = new Map<string, PeerMedia>();
  private readonly rights = new PublishRights();
  private readonly placement: ReceivePlacement;
  /** People's transports, and the producers and consumers on them. */
  private readonly transports: RoomTransports;
  private readonly streams: RoomStreams;
  /** Producers being written to files (stopped with the room's media, whoever forgets them). */
  private readonly recordings = new ProducerRecordings();
  private closed = false;
  /** Cluster mode: this room's media on other nodes, through pipes (null on a single node). */
  readonly pipes: RoomPipes | null;

  private constructor(
    readonly roomId: string,
    private readonly slot: WorkerSlot,
    private readonly router: types.Router<MediaAppData>,
    observer: types.ActiveSpeakerObserver,
    private readonly pool: WorkerPool,
    private readonly listener: RoomMediaListener,
    private readonly logger: Logger,
    maxIncomingBitrate: number,
    pipes: { settings: PipeSettings; events: PipeEvents } | undefined,
  ) {
    this.placement = new ReceivePlacement(
      roomId,
      pool,
      { slot, router },
      () => this.streams.producerIds(),
      (userIds) => this.receiversLost(userIds),
      logger,
    );
    this.transports = new RoomTransports({
      roomId,
      peers: this.peers,
      rights: this.rights,
      placement: this.placement,
      origin: { slot, router },
      pool,
      isClosed: () => this.closed,
      maxIncomingBitrate,
      logger,
    });
    this.streams = new RoomStreams({
      roomId,
      peers: this.peers,
      rights: this.rights,
      placement: this.placement,
      observer,
      listener,
      logger,
      isClosed: () => this.closed,
    });
    this.pipes = pipes
      ? new RoomPipes({ roomId, router, ...pipes, streams: this.streams, rights: this.rights, logger }, () =>
          this.assertOpen(),
        )
      : null;
  }

  static async create(input: {
    roomId: string;
    pool: WorkerPool;
    listener: RoomMediaListener;
    logger: Logger;
    /** What each speaker's send transport may take in (MEDIA_MAX_INCOMING_BITRATE). */
    maxIncomingBitrate: number;
    /** Cluster mode: where pipes to other nodes listen, and who hears what happens to them. */
    pipes?: { settings: PipeSettings; events: PipeEvents } | undefined;
  }): Promise<RoomMedia> {
    const slot = await input.pool.acquire();
    try {
      const router = await slot.worker.createRouter<MediaAppData>({
        mediaCodecs: ROUTER_MEDIA_CODECS,
        appData: { roomId: input.roomId, userId: "" },
      });
      const observer = await router.createActiveSpeakerObserver({ interval: 300 });
      const media = new RoomMedia(
        input.roomId,
        slot,
        router,
        observer,
        input.pool,
        input.listener,
        input.logger,
        input.maxIncomingBitrate,
        input.pipes,
      );
      observer.on("dominantspeaker", ({ producer }) =>
        media.listener.activeSpeaker(media.streams.ownerOf(producer.id) ?? null),
      );
      router.on("workerclose", () => media.onWorkerDied());
      return media;
    } catch (error) {
      input.pool.release(slot);
      throw error;
    }
  }

  get rtpCapabilities(): types.RouterRtpCapabilities {
    return this.router.rtpCapabilities;
  }

  get workerIndex(): number {
    return this.slot.index;
  }

  /** Lets this user publish; their next `produce` is accepted, starting paused if `paused`. */
  allowPublish(userId: string, paused: boolean): void {
    this.rights.allow(userId, paused);
  }

  /** Takes publishing away and closes the user's producers at once, server side. */
  revokePublish(userId: string): void {
    this.rights.revoke(userId);
    this.peers.get(userId)?.closeSend();
    this.pipes?.closeImportsOf(userId);
  }

  /** Mute: a paused producer forwards nothing, whatever the client keeps sending. */
  async setPublishPaused(userId: string, paused: boolean): Promise<void> {
    this.rights.setPaused(userId, paused);
    for (const producer of this.peers.get(userId)?.producers.values() ?? []) {
      if (paused) await producer.pause();
      else await producer.resume();
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new MediaError("invalid_state", "This room's audio has been closed.");
  }

  /** Could one more listener be placed on some worker right now (MEDIA_MAX_CONSUMERS_PER_WORKER)? */
  hasRoomForListener(): boolean {
    return this.placement.hasRoom();
  }

  /** Creates (or replaces) the user's WebRTC transport for one direction. */
  async createTransport(userId: string, direction: Direction): Promise<TransportOptions> {
    this.assertOpen();
    return this.transports.create(userId, direction);
  }

  /** A plain RTP transport placed like a browser's (benches, recorders); `recv` sends SRTP to `remote`. */
  async createPlainTransport(
    userId: string,
    direction: Direction,
    options: { remote?: { ip: string; port: number } } = {},
  ): Promise<PlainTransportInfo> {
    this.assertOpen();
    return this.transports.createPlain(userId, direction, options);
  }

  async connectTransport(
    userId: string,
    transportId: string,
    dtlsParameters: types.DtlsParameters,
  ): Promise<void> {
    this.assertOpen();
    await this.transports.connect(userId, transportId, dtlsParameters);
  }

  /** New ICE credentials for a transport whose network path changed (client roamed or dropped). */
  async restartIce(userId: string, transportId: string): Promise<types.IceParameters> {
    this.assertOpen();
    return this.transports.restartIce(userId, transportId);
  }

  async produce(userId: string, transportId: string, rtpParameters: types.RtpParameters): Promise<string> {
    this.assertOpen();
    return this.streams.produce(userId, transportId, rtpParameters);
  }

  async consume(
    userId: string,
    producerId: string,
    rtpCapabilities: types.RtpCapabilities,
  ): Promise<ConsumerOptions> {
    this.assertOpen();
    return this.streams.consume(userId, producerId, rtpCapabilities);
  }

  async resumeConsumer(userId: string, consumerId: string): Promise<void> {
    this.assertOpen();
    await this.streams.resume(userId, consumerId);
  }

  /**
   * Writes one producer's audio to `outputPath` (Ogg/Opus, through ffmpeg) until `stop`. Role-blind:
   * the room decides what to record; this only taps a producer of its router.
   */
  async recordProducer(producerId: string, outputPath: string): Promise<ProducerRecording> {
    this.assertOpen();
    const userId = this.streams.ownerOf(producerId);
    if (userId === undefined) throw new MediaError("not_found", "No such producer.");
    const appData = { roomId: this.roomId, userId };
    return this.recordings.start({
      router: this.router,
      producerId,
      appData,
      outputPath,
      logger: this.logger,
    });
  }

  listProducers(): { producerId: string; userId: string }[] {
    return this.streams.list();
  }

  /** Closes everything a user holds in this room; their publish right stays as the room decided. */
  closePeer(userId: string): void {
    this.peers.get(userId)?.close();
    this.peers.delete(userId);
    this.pipes?.closeImportsOf(userId);
  }

  /** Counts from our books and from the routers themselves, so tests can prove nothing leaked. */
  async counts(): Promise<MediaCounts> {
    const spread = await this.placement.counts();
    return countMedia(this.peers.values(), this.router, {
      ...spread,
      pipes: spread.pipes + (this.pipes?.count ?? 0),
    });
  }

  /** Worker slots holding this room's receivers (tests, diagnostics). */
  receiverWorkers(): number[] {
    return this.placement.workersInUse();
  }

  /** Which worker slot holds one user's receive transport, if they have one. */
  receiverWorkerOf(userId: string): number | undefined {
    return this.peers.get(userId)?.receiveHost?.slot.index;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.recordings.stopAll();
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    this.placement.close();
    this.pipes?.close();
    this.router.close();
    this.pool.release(this.slot);
  }

  /** A listener worker died under some receivers (mediasoup closed their transports and consumers). */
  private receiversLost(userIds: string[]): void {
    if (!this.closed) this.listener.receiversLost(userIds);
  }

  /** mediasoup already closed every object of the dead worker; forget them and tell the room. */
  private onWorkerDied(): void {
    if (this.closed) return;
    this.closed = true;
    this.peers.clear();
    this.streams.forgetAll();
    // Listener routers on the surviving workers are fed by the dead origin: close them too.
    this.placement.close();
    this.logger.error({ workerIndex: this.slot.index }, "room media lost with its worker");
    this.listener.mediaLost();
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
