import type { types } from "mediasoup";
import type { Logger } from "../logging/logger";
import { ROUTER_MEDIA_CODECS } from "./codecs";
import { MediaError } from "./media-error";
import { PeerMedia, type Direction, type MediaAppData } from "./peer-media";
import type { WorkerPool, WorkerSlot } from "./worker-pool";

/** What the media layer reports upward. It names users, never roles. */
export type RoomMediaListener = {
  producerAdded(info: { producerId: string; userId: string }): void;
  producerClosed(info: { producerId: string; userId: string }): void;
  consumerClosed(info: { userId: string; consumerId: string }): void;
  activeSpeaker(userId: string | null): void;
  /** The worker under this room died: everything here is gone and the room must rebuild. */
  mediaLost(): void;
};

export type TransportOptions = {
  id: string;
  iceParameters: types.IceParameters;
  iceCandidates: types.IceCandidate[];
  dtlsParameters: types.DtlsParameters;
};

export type ConsumerOptions = {
  id: string;
  producerId: string;
  userId: string;
  kind: types.MediaKind;
  rtpParameters: types.RtpParameters;
};

export type MediaCounts = { peers: number; transports: number; producers: number; consumers: number; routerTransports: number };

/**
 * The media of one room. Role-blind: the room service says who may publish (`allowPublish` /
 * `revokePublish`) and the media layer enforces it on every produce, whatever a client claims.
 *
 * Today a room lives on one router. The seam for spanning workers is `routerForListeners`: a
 * later version puts speakers on this router and pipes their producers to listener routers on
 * other workers, without changing this class's public surface.
 */
export class RoomMedia {
  private readonly peers = new Map<string, PeerMedia>();
  private readonly publishers = new Set<string>();
  private readonly pausedPublishers = new Set<string>();
  private readonly producerOwners = new Map<string, string>();
  private closed = false;

  private constructor(
    readonly roomId: string,
    private readonly slot: WorkerSlot,
    private readonly router: types.Router<MediaAppData>,
    private readonly observer: types.ActiveSpeakerObserver,
    private readonly pool: WorkerPool,
    private readonly listener: RoomMediaListener,
    private readonly logger: Logger,
  ) {}

  static async create(input: { roomId: string; pool: WorkerPool; listener: RoomMediaListener; logger: Logger }): Promise<RoomMedia> {
    const slot = await input.pool.acquire();
    try {
      const router = await slot.worker.createRouter<MediaAppData>({
        mediaCodecs: ROUTER_MEDIA_CODECS,
        appData: { roomId: input.roomId, userId: "" },
      });
      const observer = await router.createActiveSpeakerObserver({ interval: 300 });
      const media = new RoomMedia(input.roomId, slot, router, observer, input.pool, input.listener, input.logger);
      observer.on("dominantspeaker", ({ producer }) => media.listener.activeSpeaker(media.producerOwners.get(producer.id) ?? null));
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
    this.publishers.add(userId);
    if (paused) this.pausedPublishers.add(userId);
    else this.pausedPublishers.delete(userId);
  }

  /** Takes publishing away and closes the user's producers at once, server side. */
  revokePublish(userId: string): void {
    this.publishers.delete(userId);
    this.peers.get(userId)?.closeSend();
  }

  /** Mute: a paused producer forwards nothing, whatever the client keeps sending. */
  async setPublishPaused(userId: string, paused: boolean): Promise<void> {
    if (paused) this.pausedPublishers.add(userId);
    else this.pausedPublishers.delete(userId);
    for (const producer of this.peers.get(userId)?.producers.values() ?? []) {
      if (paused) await producer.pause();
      else await producer.resume();
    }
  }

  mayPublish(userId: string): boolean {
    return this.publishers.has(userId);
  }

  private peer(userId: string): PeerMedia {
    let peer = this.peers.get(userId);
    if (!peer) {
      peer = new PeerMedia(userId);
      this.peers.set(userId, peer);
    }
    return peer;
  }

  private assertOpen(): void {
    if (this.closed) throw new MediaError("invalid_state", "This room's audio has been closed.");
  }

  /** Creates (or replaces) the user's transport for one direction. */
  async createTransport(userId: string, direction: Direction): Promise<TransportOptions> {
    this.assertOpen();
    if (direction === "send" && !this.publishers.has(userId)) {
      throw new MediaError("forbidden", "You are not allowed to speak in this room.");
    }
    const peer = this.peer(userId);
    // A second transport for the same direction replaces the first (a client restarting its
    // connection); this also bounds what one client can allocate.
    if (direction === "send") peer.closeSend();
    else peer.transports.get("recv")?.close();
    const transport = await this.router.createWebRtcTransport<MediaAppData>({
      webRtcServer: this.slot.webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      appData: { roomId: this.roomId, userId },
    });
    peer.transports.set(direction, transport);
    transport.observer.once("close", () => {
      if (peer.transports.get(direction) === transport) peer.transports.delete(direction);
    });
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
    };
  }

  async connectTransport(userId: string, transportId: string, dtlsParameters: types.DtlsParameters): Promise<void> {
    this.assertOpen();
    const found = this.peers.get(userId)?.transportById(transportId);
    if (!found) throw new MediaError("not_found", "No such transport.");
    await found.transport.connect({ dtlsParameters });
  }

  /** New ICE credentials for a transport whose network path changed (client roamed or dropped). */
  async restartIce(userId: string, transportId: string): Promise<types.IceParameters> {
    this.assertOpen();
    const found = this.peers.get(userId)?.transportById(transportId);
    if (!found) throw new MediaError("not_found", "No such transport.");
    return found.transport.restartIce();
  }

  async produce(userId: string, transportId: string, rtpParameters: types.RtpParameters): Promise<string> {
    this.assertOpen();
    if (!this.publishers.has(userId)) throw new MediaError("forbidden", "You are not allowed to speak in this room.");
    const peer = this.peers.get(userId);
    const found = peer?.transportById(transportId);
    if (!peer || !found || found.direction !== "send") throw new MediaError("not_found", "No such send transport.");
    if (peer.producers.size > 0) throw new MediaError("invalid_state", "You are already sending audio.");
    const producer = await found.transport.produce<MediaAppData>({
      kind: "audio",
      rtpParameters,
      paused: this.pausedPublishers.has(userId),
      appData: { roomId: this.roomId, userId },
    });
    peer.producers.set(producer.id, producer);
    this.producerOwners.set(producer.id, userId);
    producer.observer.once("close", () => {
      peer.producers.delete(producer.id);
      this.producerOwners.delete(producer.id);
      if (!this.closed) this.listener.producerClosed({ producerId: producer.id, userId });
    });
    await this.observer.addProducer({ producerId: producer.id }).catch((error: unknown) => {
      this.logger.warn({ err: error, producerId: producer.id }, "active speaker observer refused producer");
    });
    this.listener.producerAdded({ producerId: producer.id, userId });
    return producer.id;
  }

  async consume(userId: string, producerId: string, rtpCapabilities: types.RtpCapabilities): Promise<ConsumerOptions> {
    this.assertOpen();
    const owner = this.producerOwners.get(producerId);
    if (owner === undefined) throw new MediaError("not_found", "That speaker is no longer sending audio.");
    const peer = this.peers.get(userId);
    const transport = peer?.transports.get("recv");
    if (!peer || !transport) throw new MediaError("invalid_state", "Create a receive transport first.");
    if (!this.router.canConsume({ producerId, rtpCapabilities })) {
      throw new MediaError("invalid_input", "Your browser cannot decode this audio.");
    }
    for (const existing of peer.consumers.values()) {
      if (existing.producerId === producerId) throw new MediaError("invalid_state", "Already receiving this speaker.");
    }
    const consumer = await transport.consume<MediaAppData>({
      producerId,
      rtpCapabilities,
      paused: true,
      appData: { roomId: this.roomId, userId },
    });
    peer.consumers.set(consumer.id, consumer);
    const forget = (notify: boolean) => {
      if (!peer.consumers.delete(consumer.id)) return;
      if (notify && !this.closed) this.listener.consumerClosed({ userId, consumerId: consumer.id });
    };
    consumer.on("producerclose", () => forget(true));
    consumer.observer.once("close", () => forget(false));
    return { id: consumer.id, producerId, userId: owner, kind: consumer.kind, rtpParameters: consumer.rtpParameters };
  }

  async resumeConsumer(userId: string, consumerId: string): Promise<void> {
    this.assertOpen();
    const consumer = this.peers.get(userId)?.consumers.get(consumerId);
    if (!consumer) throw new MediaError("not_found", "No such consumer.");
    await consumer.resume();
  }

  listProducers(): { producerId: string; userId: string }[] {
    return [...this.producerOwners].map(([producerId, userId]) => ({ producerId, userId }));
  }

  /** Closes everything a user holds in this room; their publish right stays as the room decided. */
  closePeer(userId: string): void {
    this.peers.get(userId)?.close();
    this.peers.delete(userId);
  }

  /** Counts from our books and from the router itself, so tests can prove nothing leaked. */
  async counts(): Promise<MediaCounts> {
    let transports = 0;
    let producers = 0;
    let consumers = 0;
    for (const peer of this.peers.values()) {
      transports += peer.transports.size;
      producers += peer.producers.size;
      consumers += peer.consumers.size;
    }
    const dump = this.router.closed ? { transportIds: [] } : await this.router.dump();
    return { peers: this.peers.size, transports, producers, consumers, routerTransports: dump.transportIds.length };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    this.router.close();
    this.pool.release(this.slot);
  }

  /** mediasoup already closed every object of the dead worker; forget them and tell the room. */
  private onWorkerDied(): void {
    if (this.closed) return;
    this.closed = true;
    this.peers.clear();
    this.producerOwners.clear();
    this.logger.error({ workerIndex: this.slot.index }, "room media lost with its worker");
    this.listener.mediaLost();
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
