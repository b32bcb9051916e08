import type { types } from "mediasoup";
import type { Logger } from "../logging/logger";
import { clientRefusalOf, MediaError } from "./media-error";
import type { MediaAppData, PeerMedia } from "./peer-media";
import type { PublishRights } from "./publish-rights";
import type { ReceivePlacement } from "./receive-placement";
import type { RoomMediaListener } from "./room-media-listener";

export type ConsumerOptions = {
  id: string;
  producerId: string;
  userId: string;
  kind: types.MediaKind;
  rtpParameters: types.RtpParameters;
};

/**
 * The audio flowing through one room's transports: producers on send transports (at most one per
 * person, only with the publish right) and consumers on receive transports (one per speaker per
 * listener, created paused). Keeps who owns each producer, so consumers and the active-speaker
 * observer can name the speaker. `RoomMedia` owns the transports and hands them in through `peers`.
 */
export class RoomStreams {
  private readonly owners = new Map<string, string>();

  constructor(
    private readonly room: {
      roomId: string;
      peers: ReadonlyMap<string, PeerMedia>;
      rights: PublishRights;
      placement: ReceivePlacement;
      observer: types.ActiveSpeakerObserver;
      listener: RoomMediaListener;
      logger: Logger;
      isClosed: () => boolean;
    },
  ) {}

  ownerOf(producerId: string): string | undefined {
    return this.owners.get(producerId);
  }

  producerIds(): string[] {
    return [...this.owners.keys()];
  }

  list(): { producerId: string; userId: string }[] {
    return [...this.owners].map(([producerId, userId]) => ({ producerId, userId }));
  }

  /** The worker died under us: every producer is gone with it. */
  forgetAll(): void {
    this.owners.clear();
  }

  async produce(userId: string, transportId: string, rtpParameters: types.RtpParameters): Promise<string> {
    const { rights, listener, observer, roomId } = this.room;
    if (!rights.may(userId)) throw new MediaError("forbidden", "You are not allowed to speak in this room.");
    const peer = this.room.peers.get(userId);
    const found = peer?.transportById(transportId);
    if (!peer || !found || found.direction !== "send")
      throw new MediaError("not_found", "No such send transport.");
    if (peer.producers.size > 0) throw new MediaError("invalid_state", "You are already sending audio.");
    const producer = await found.transport
      .produce<MediaAppData>({
        kind: "audio",
        rtpParameters,
        paused: rights.isPaused(userId),
        appData: { roomId, userId },
      })
      .catch((error: unknown) => {
        const refusal = clientRefusalOf(error, "Those audio (RTP) parameters were not accepted.");
        if (!refusal) throw error;
        this.room.logger.debug({ err: error, userId, transportId }, "produce refused");
        throw refusal;
      });
    peer.producers.set(producer.id, producer);
    this.owners.set(producer.id, userId);
    producer.observer.once("close", () => {
      peer.producers.delete(producer.id);
      this.owners.delete(producer.id);
      this.room.placement.producerClosed();
      if (!this.room.isClosed()) listener.producerClosed({ producerId: producer.id, userId });
    });
    await observer.addProducer({ producerId: producer.id }).catch((error: unknown) => {
      this.room.logger.warn(
        { err: error, producerId: producer.id },
        "active speaker observer refused producer",
      );
    });
    // Piped to every listener worker before anyone is told, so their consume finds it at once.
    await this.room.placement.producerAdded(producer.id);
    listener.producerAdded({ producerId: producer.id, userId });
    return producer.id;
  }

  /**
   * A producer that arrived through a pipe from another node, owned by `userId` there. `announce`:
   * this is the room's owner node, so the room hears of it (and the active-speaker observer
   * listens); on a member's node it is only made consumable for the people connected there.
   */
  async adopt(userId: string, producer: types.Producer<MediaAppData>, announce: boolean): Promise<void> {
    const { listener, observer } = this.room;
    this.owners.set(producer.id, userId);
    producer.observer.once("close", () => {
      this.owners.delete(producer.id);
      this.room.placement.producerClosed();
      if (announce && !this.room.isClosed()) listener.producerClosed({ producerId: producer.id, userId });
    });
    if (announce)
      await observer.addProducer({ producerId: producer.id }).catch((error: unknown) => {
        this.room.logger.warn(
          { err: error, producerId: producer.id },
          "active speaker observer refused producer",
        );
      });
    await this.room.placement.producerAdded(producer.id);
    if (announce) listener.producerAdded({ producerId: producer.id, userId });
  }

  async consume(
    userId: string,
    producerId: string,
    rtpCapabilities: types.RtpCapabilities,
  ): Promise<ConsumerOptions> {
    const owner = this.owners.get(producerId);
    if (owner === undefined) throw new MediaError("not_found", "That speaker is no longer sending audio.");
    const peer = this.room.peers.get(userId);
    const transport = peer?.transports.get("recv");
    const host = peer?.receiveHost;
    if (!peer || !transport || !host)
      throw new MediaError("invalid_state", "Create a receive transport first.");
    await this.room.placement.prepare(host, producerId).catch(() => {
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
      appData: { roomId: this.room.roomId, userId },
    });
    peer.consumers.set(consumer.id, consumer);
    const forget = (notify: boolean) => {
      if (!peer.consumers.delete(consumer.id)) return;
      if (notify && !this.room.isClosed())
        this.room.listener.consumerClosed({ userId, consumerId: consumer.id });
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

  async resume(userId: string, consumerId: string): Promise<void> {
    const consumer = this.room.peers.get(userId)?.consumers.get(consumerId);
    if (!consumer) throw new MediaError("not_found", "No such consumer.");
    await consumer.resume();
  }
}
