import type { types } from "mediasoup";
import { MediaError } from "./media-error";
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
    if (this.room.isClosed() || this.room.peers.get(userId) !== peer) {
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

  async connect(userId: string, transportId: string, dtlsParameters: types.DtlsParameters): Promise<void> {
    const found = this.room.peers.get(userId)?.transportById(transportId);
    if (!found) throw new MediaError("not_found", "No such transport.");
    await asWebRtc(found.transport).connect({ dtlsParameters });
  }

  /** New ICE credentials for a transport whose network path changed (client roamed or dropped). */
  async restartIce(userId: string, transportId: string): Promise<types.IceParameters> {
    const found = this.room.peers.get(userId)?.transportById(transportId);
    if (!found) throw new MediaError("not_found", "No such transport.");
    return asWebRtc(found.transport).restartIce();
  }
}
