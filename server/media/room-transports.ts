import type { types } from "mediasoup";
import type { Logger } from "../logging/logger";
import { clientRefusalOf, MediaError } from "./media-error";
import { PeerMedia, type Direction, type MediaAppData, type PeerTransport } from "./peer-media";
import type { PublishRights } from "./publish-rights";
import type { ReceivePlacement } from "./receive-placement";
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

/**
 * The transports of one room's people: opening them where they belong (send on the origin router,
 * only with the publish right; receive where `ReceivePlacement` finds seats), connecting them, and
 * restarting ICE. At most one transport per person per direction: a second replaces the first (a
 * client restarting its connection), which also bounds what one client can allocate.
 */
export class RoomTransports {
  constructor(
    private readonly room: {
      roomId: string;
      peers: Map<string, PeerMedia>;
      rights: PublishRights;
      placement: ReceivePlacement;
      origin: { slot: WorkerSlot; router: types.Router<MediaAppData> };
      pool: WorkerPool;
      isClosed: () => boolean;
      /** Told to each sender through the bandwidth estimate (MEDIA_MAX_INCOMING_BITRATE). */
      maxIncomingBitrate: number;
      logger: Logger;
    },
  ) {}

  /** Creates (or replaces) the user's WebRTC transport for one direction. */
  async create(userId: string, direction: Direction): Promise<TransportOptions> {
    const transport = await this.open(userId, direction, (router, slot) =>
      webRtcTransportOn(router, slot, { roomId: this.room.roomId, userId }),
    );
    return webRtcOptions(transport);
  }

  /**
   * A plain RTP transport, placed like a browser's (send on the origin, receive by seats), so the
   * fan-out bench measures the very placement and pipes browsers get. `recv` sends SRTP to `remote`.
   */
  async createPlain(
    userId: string,
    direction: Direction,
    options: { remote?: { ip: string; port: number } } = {},
  ): Promise<PlainTransportInfo> {
    const transport = await this.open(userId, direction, (router) =>
      plainTransportOn(router, this.room.pool.listenIp, direction, { roomId: this.room.roomId, userId }),
    );
    if (direction === "recv") await connectPlainReceiver(transport, options.remote);
    return plainInfo(transport);
  }

  private peer(userId: string): PeerMedia {
    let peer = this.room.peers.get(userId);
    if (!peer) {
      peer = new PeerMedia(userId);
      this.room.peers.set(userId, peer);
    }
    return peer;
  }

  /** Common to every transport: the publish right for sending, the right router, the books. */
  private async open<T extends PeerTransport>(
    userId: string,
    direction: Direction,
    make: (router: types.Router<MediaAppData>, slot: WorkerSlot) => Promise<T>,
  ): Promise<T> {
    if (direction === "send" && !this.room.rights.may(userId)) {
      throw new MediaError("forbidden", "You are not allowed to speak in this room.");
    }
    const peer = this.peer(userId);
    if (direction === "send") peer.closeSend();
    else peer.transports.get("recv")?.close();
    const { slot, router } = this.room.origin;
    const { transport, host } =
      direction === "recv"
        ? await this.room.placement.openReceiver<T>(userId, make)
        : { transport: await make(router, slot), host: null };
    // Seen as a plain Transport: the union's two observers have incompatible overloads.
    const base: types.Transport<MediaAppData> = transport;
    if (direction === "send")
      await base
        .setMaxIncomingBitrate(this.room.maxIncomingBitrate)
        .catch((error: unknown) =>
          this.room.logger.warn({ err: error, userId }, "max incoming bitrate not set"),
        );
    if (this.room.isClosed() || this.room.peers.get(userId) !== peer) {
      // The room or this person went while we were building: nothing may outlive them.
      transport.close();
      throw new MediaError("invalid_state", "This room's audio has been closed.");
    }
    peer.transports.set(direction, transport);
    if (host) peer.receiveHost = host;
    base.observer.once("close", () => {
      if (peer.transports.get(direction) === transport) peer.transports.delete(direction);
      if (host && peer.receiveHost === host) peer.receiveHost = null;
    });
    return transport;
  }

  /**
   * Starts DTLS on a transport, once. A second connect, or parameters mediasoup refuses, is the
   * client's mistake: refused with invalid_state / invalid_input and logged at debug only.
   */
  async connect(userId: string, transportId: string, dtlsParameters: types.DtlsParameters): Promise<void> {
    const peer = this.room.peers.get(userId);
    const found = peer?.transportById(transportId);
    if (!peer || !found) throw new MediaError("not_found", "No such transport.");
    const transport = asWebRtc(found.transport);
    if (peer.connected.has(transport.id))
      throw new MediaError("invalid_state", "This transport is already connected.");
    peer.connected.add(transport.id);
    try {
      await transport.connect({ dtlsParameters });
    } catch (error) {
      peer.connected.delete(transport.id);
      const refusal = clientRefusalOf(error, "Those DTLS parameters were not accepted.");
      if (!refusal) throw error;
      this.room.logger.debug({ err: error, userId, transportId }, "connect-transport refused");
      throw refusal;
    }
  }

  /** New ICE credentials for a transport whose network path changed (client roamed or dropped). */
  async restartIce(userId: string, transportId: string): Promise<types.IceParameters> {
    const found = this.room.peers.get(userId)?.transportById(transportId);
    if (!found) throw new MediaError("not_found", "No such transport.");
    return asWebRtc(found.transport).restartIce();
  }
}
