import type { types } from "mediasoup";
import type { Logger } from "../logging/logger";
import { ROUTER_MEDIA_CODECS } from "./codecs";
import { countMedia, type MediaCounts } from "./media-counts";
import { MediaError } from "./media-error";
import { PeerMedia, type Direction, type MediaAppData, type PeerTransport } from "./peer-media";
import { PublishRights } from "./publish-rights";
import { ReceivePlacement } from "./receive-placement";
import {
  asWebRtc,
  connectPlainReceiver,
  plainInfo,
  plainTransportOn,
  webRtcOptions,
  webRtcTransportOn,
  type PlainTransportInfo,
  type TransportOptions,
} from "./transport-builders";
import type { WorkerPool, WorkerSlot } from "./worker-pool";

/** What the media layer reports upward. It names users, never roles. */
export type RoomMediaListener = {
  producerAdded(info: { producerId: string; userId: string }): void;
  producerClosed(info: { producerId: string; userId: string }): void;
  consumerClosed(info: { userId: string; consumerId: string }): void;
  activeSpeaker(userId: string | null): void;
  /** The room's origin worker died: everything here is gone and the room must rebuild. */
  mediaLost(): void;
  /** A listener worker died: only these users' receive transports are gone (send sides live on). */
  receiversLost(userIds: string[]): void;
};

export type ConsumerOptions = {
  id: string;
  producerId: string;
  userId: string;
  kind: types.MediaKind;
  rtpParameters: types.RtpParameters;
};

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
  private readonly producerOwners = new Map<string, string>();
  private readonly placement: ReceivePlacement;
  private closed = false;

  private constructor(
    readonly roomId: string,
    private readonly slot: WorkerSlot,
    private readonly router: types.Router<MediaAppData>,
    private readonly observer: types.ActiveSpeakerObserver,
    private readonly pool: WorkerPool,
    private readonly listener: RoomMediaListener,
    private readonly logger: Logger,
  ) {
    this.placement = new ReceivePlacement(
      roomId,
      pool,
      { slot, router },
      () => [...this.producerOwners.keys()],
      (userIds) => this.receiversLost(userIds),
      logger,
    );
  }

  static async create(input: {
    roomId: string;
    pool: WorkerPool;
    listener: RoomMediaListener;
    logger: Logger;
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
      );
      observer.on("dominantspeaker", ({ producer }) =>
        media.listener.activeSpeaker(media.producerOwners.get(producer.id) ?? null),
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
  }

  /** Mute: a paused producer forwards nothing, whatever the client keeps sending. */
  async setPublishPaused(userId: string, paused: boolean): Promise<void> {
    this.rights.setPaused(userId, paused);
    for (const producer of this.peers.get(userId)?.producers.values() ?? []) {
      if (paused) await producer.pause();
      else await producer.resume();
    }
  }

  mayPublish(userId: string): boolean {
    return this.rights.may(userId);
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

  /** Could one more listener be placed on some worker right now (MEDIA_MAX_CONSUMERS_PER_WORKER)? */
  hasRoomForListener(): boolean {
    return this.placement.hasRoom();
  }

  /** Creates (or replaces) the user's WebRTC transport for one direction. */
  async createTransport(userId: string, direction: Direction): Promise<TransportOptions> {
    const transport = await this.openTransport(userId, direction, (router, slot) =>
      webRtcTransportOn(router, slot, { roomId: this.roomId, userId }),
    );
    return webRtcOptions(transport);
  }

  /**
   * A plain RTP transport, placed like a browser's (send on the origin, receive by seats), so the
   * fan-out bench measures the very placement and pipes browsers get. `recv` sends SRTP to `remote`.
   */
  async createPlainTransport(
    userId: string,
    direction: Direction,
    options: { remote?: { ip: string; port: number } } = {},
  ): Promise<PlainTransportInfo> {
    const transport = await this.openTransport(userId, direction, (router) =>
      plainTransportOn(router, this.pool.listenIp, direction, { roomId: this.roomId, userId }),
    );
    if (direction === "recv") await connectPlainReceiver(transport, options.remote);
    return plainInfo(transport);
  }

  /**
   * Common to every transport: a send transport needs the publish right and goes on the origin
   * router; a receive transport is placed by consumer seats. A second transport for the same
   * direction replaces the first (a client restarting its connection), which also bounds what one
   * client can allocate.
   */
  private async openTransport<T extends PeerTransport>(
    userId: string,
    direction: Direction,
    make: (router: types.Router<MediaAppData>, slot: WorkerSlot) => Promise<T>,
  ): Promise<T> {
    this.assertOpen();
    if (direction === "send" && !this.rights.may(userId)) {
      throw new MediaError("forbidden", "You are not allowed to speak in this room.");
    }
    const peer = this.peer(userId);
    if (direction === "send") peer.closeSend();
    else peer.transports.get("recv")?.close();
    const { transport, host } =
      direction === "recv"
        ? await this.placement.openReceiver<T>(userId, make)
        : { transport: await make(this.router, this.slot), host: null };
    if (this.closed || this.peers.get(userId) !== peer) {
      // The room or this person went while we were building: nothing may outlive them.
      transport.close();
      throw new MediaError("invalid_state", "This room's audio has been closed.");
    }
    peer.transports.set(direction, transport);
    if (host) peer.receiveHost = host;
    // Seen as a plain Transport: the union's two observers have incompatible overloads.
    const base: types.Transport<MediaAppData> = transport;
    base.observer.once("close", () => {
      if (peer.transports.get(direction) === transport) peer.transports.delete(direction);
      if (host && peer.receiveHost === host) peer.receiveHost = null;
    });
    return transport;
  }

  async connectTransport(
    userId: string,
    transportId: string,
    dtlsParameters: types.DtlsParameters,
  ): Promise<void> {
    this.assertOpen();
    const found = this.peers.get(userId)?.transportById(transportId);
    if (!found) throw new MediaError("not_found", "No such transport.");
    await asWebRtc(found.transport).connect({ dtlsParameters });
  }

  /** New ICE credentials for a transport whose network path changed (client roamed or dropped). */
  async restartIce(userId: string, transportId: string): Promise<types.IceParameters> {
    this.assertOpen();
    const found = this.peers.get(userId)?.transportById(transportId);
    if (!found) throw new MediaError("not_found", "No such transport.");
    return asWebRtc(found.transport).restartIce();
  }

  async produce(userId: string, transportId: string, rtpParameters: types.RtpParameters): Promise<string> {
    this.assertOpen();
    if (!this.rights.may(userId))
      throw new MediaError("forbidden", "You are not allowed to speak in this room.");
    const peer = this.peers.get(userId);
    const found = peer?.transportById(transportId);
    if (!peer || !found || found.direction !== "send")
      throw new MediaError("not_found", "No such send transport.");
    if (peer.producers.size > 0) throw new MediaError("invalid_state", "You are already sending audio.");
    const producer = await found.transport.produce<MediaAppData>({
      kind: "audio",
      rtpParameters,
      paused: this.rights.isPaused(userId),
      appData: { roomId: this.roomId, userId },
    });
    peer.producers.set(producer.id, producer);
    this.producerOwners.set(producer.id, userId);
    producer.observer.once("close", () => {
      peer.producers.delete(producer.id);
      this.producerOwners.delete(producer.id);
      this.placement.producerClosed();
      if (!this.closed) this.listener.producerClosed({ producerId: producer.id, userId });
    });
    await this.observer.addProducer({ producerId: producer.id }).catch((error: unknown) => {
      this.logger.warn({ err: error, producerId: producer.id }, "active speaker observer refused producer");
    });
    // Piped to every listener worker before anyone is told, so their consume finds it at once.
    await this.placement.producerAdded(producer.id);
    this.listener.producerAdded({ producerId: producer.id, userId });
    return producer.id;
  }

  async consume(
    userId: string,
    producerId: string,
    rtpCapabilities: types.RtpCapabilities,
  ): Promise<ConsumerOptions> {
    this.assertOpen();
    const owner = this.producerOwners.get(producerId);
    if (owner === undefined) throw new MediaError("not_found", "That speaker is no longer sending audio.");
    const peer = this.peers.get(userId);
    const transport = peer?.transports.get("recv");
    const host = peer?.receiveHost;
    if (!peer || !transport || !host)
      throw new MediaError("invalid_state", "Create a receive transport first.");
    await this.placement.prepare(host, producerId).catch(() => {
      throw new MediaError("not_found", "That speaker is no longer sending audio.");
    });
    if (!host.router.canConsume({ producerId, rtpCapabilities })) {
      throw new MediaError("invalid_input", "Your browser cannot decode this audio.");
    }
    if ([...peer.consumers.values()].some((c) => c.producerId === producerId))
      throw new MediaError("invalid_state", "Already receiving this speaker.");
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
    return {
      id: consumer.id,
      producerId,
      userId: owner,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters,
    };
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

  /** Counts from our books and from the routers themselves, so tests can prove nothing leaked. */
  async counts(): Promise<MediaCounts> {
    return countMedia(this.peers.values(), this.router, await this.placement.counts());
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
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    this.placement.close();
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
    this.producerOwners.clear();
    // Listener routers on the surviving workers are fed by the dead origin: close them too.
    this.placement.close();
    this.logger.error({ workerIndex: this.slot.index }, "room media lost with its worker");
    this.listener.mediaLost();
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
