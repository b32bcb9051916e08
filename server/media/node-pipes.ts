import type { types } from "mediasoup";
import type { Logger } from "../logging/logger";
import { MediaError } from "./media-error";
import type { MediaAppData } from "./peer-media";

/** Where node-to-node media listens (MEDIA_PIPE_LISTEN_IP, MEDIA_PIPE_ANNOUNCED_ADDRESS, MEDIA_PIPE_PORT_MIN/MAX). */
export type PipeSettings = {
  listenIp: string;
  announcedAddress?: string | undefined;
  portRange?: { min: number; max: number } | undefined;
};

/** One end of a pipe between two nodes' routers of a room: its address and SRTP keys. */
export type PipeEndpoint = { ip: string; port: number; srtpParameters: types.SrtpParameters };

/** A producer as it travels through a pipe: the far end produces it again under the same id. */
export type PipedProducer = {
  producerId: string;
  kind: types.MediaKind;
  rtpParameters: types.RtpParameters;
  paused: boolean;
};

type Link = {
  transport: types.PipeTransport<MediaAppData>;
  connectedTo: string | null;
  exports: Map<string, Promise<PipedProducer>>;
};

/** What one end learns about what it sends: the source closed or paused (the far end is told). */
export type PipeEvents = {
  exportClosed(nodeId: string, producerId: string): void;
  exportPaused(nodeId: string, producerId: string, paused: boolean): void;
};

/**
 * A room router's pipes to the same room's router on other nodes: one PipeTransport per remote
 * node (SRTP, RTX/NACK for a lossy link), carrying any number of producers each way. Unlike
 * `pipeToRouter` on one host, nothing links the two ends: the far end learns that a source closed
 * or paused from `events`, which the cluster channel carries.
 */
export class NodePipes {
  private readonly links = new Map<string, Promise<Link>>();

  constructor(
    private readonly router: types.Router<MediaAppData>,
    private readonly roomId: string,
    private readonly settings: PipeSettings,
    private readonly events: PipeEvents,
    private readonly logger: Logger,
  ) {}

  private link(nodeId: string): Promise<Link> {
    let link = this.links.get(nodeId);
    if (!link) {
      link = this.router
        .createPipeTransport<MediaAppData>({
          listenInfo: {
            protocol: "udp",
            ip: this.settings.listenIp,
            ...(this.settings.announcedAddress ? { announcedAddress: this.settings.announcedAddress } : {}),
            ...(this.settings.portRange ? { portRange: this.settings.portRange } : {}),
          },
          enableSrtp: true,
          enableRtx: true,
          appData: { roomId: this.roomId, userId: "" },
        })
        .then((transport) => {
          transport.observer.once("close", () => this.links.delete(nodeId));
          return { transport, connectedTo: null, exports: new Map() };
        });
      link.catch(() => this.links.delete(nodeId));
      this.links.set(nodeId, link);
    }
    return link;
  }

  /** This end's address for `nodeId` (made on first use). */
  async endpoint(nodeId: string): Promise<PipeEndpoint> {
    const { transport } = await this.link(nodeId);
    const srtpParameters = transport.srtpParameters;
    if (!srtpParameters) throw new Error("pipe transport made without SRTP keys");
    const { localAddress, localPort } = transport.tuple;
    return { ip: this.settings.announcedAddress ?? localAddress, port: localPort, srtpParameters };
  }

  /**
   * Points the pipe to `nodeId` at its far end. A far end at a new address (that node rebuilt its
   * media) replaces the old pipe and everything on it.
   */
  async connect(nodeId: string, remote: PipeEndpoint): Promise<PipeEndpoint> {
    const key = `${remote.ip}:${remote.port}`;
    let link = await this.link(nodeId);
    if (link.connectedTo !== null && link.connectedTo !== key) {
      link.transport.close();
      this.links.delete(nodeId);
      link = await this.link(nodeId);
    }
    if (link.connectedTo === null) {
      link.connectedTo = key;
      await link.transport.connect({
        ip: remote.ip,
        port: remote.port,
        srtpParameters: remote.srtpParameters,
      });
    }
    return this.endpoint(nodeId);
  }

  /** Sends `producerId` to `nodeId` (once per node): what the far end needs to produce it again. */
  async export(nodeId: string, producerId: string): Promise<PipedProducer> {
    const link = await this.link(nodeId);
    let exported = link.exports.get(producerId);
    if (!exported) {
      exported = link.transport.consume({ producerId }).then((consumer) => {
        consumer.observer.once("close", () => link.exports.delete(producerId));
        consumer.on("producerclose", () => this.events.exportClosed(nodeId, producerId));
        consumer.on("producerpause", () => this.events.exportPaused(nodeId, producerId, true));
        consumer.on("producerresume", () => this.events.exportPaused(nodeId, producerId, false));
        return {
          producerId,
          kind: consumer.kind,
          rtpParameters: consumer.rtpParameters,
          paused: consumer.producerPaused,
        };
      });
      exported.catch(() => link.exports.delete(producerId));
      link.exports.set(producerId, exported);
    }
    return exported;
  }

  /** Produces here what `nodeId` sends through its pipe, under the producer's own id. */
  async import(
    nodeId: string,
    piped: PipedProducer,
    appData: MediaAppData,
  ): Promise<types.Producer<MediaAppData>> {
    const link = await this.link(nodeId);
    if (link.connectedTo === null)
      throw new MediaError("invalid_state", "The pipe to that node is not connected.");
    return link.transport.produce<MediaAppData>({
      id: piped.producerId,
      kind: piped.kind,
      rtpParameters: piped.rtpParameters,
      paused: piped.paused,
      appData,
    });
  }

  /** The node is gone: its pipe and everything on it close. */
  closeNode(nodeId: string): void {
    void this.links.get(nodeId)?.then(
      (link) => link.transport.close(),
      () => undefined,
    );
    this.links.delete(nodeId);
  }

  get count(): number {
    return this.links.size;
  }

  close(): void {
    for (const nodeId of [...this.links.keys()]) this.closeNode(nodeId);
    this.logger.debug({ roomId: this.roomId }, "node pipes closed");
  }
}
