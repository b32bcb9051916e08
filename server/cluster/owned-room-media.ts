import type { RoomMedia } from "../media/room-media";
import type { RoomMediaPort } from "../rooms/room-ports";
import { MEDIA_METHODS } from "./cluster-media-protocol";
import type { NodeChannel } from "./node-channel";

/**
 * A room's media on its owner node, in cluster mode: the room's own `RoomMedia` (origin router,
 * active-speaker observer, its listeners here), and what the room decides about a member
 * connected to another node sent on to that node, whose workers hold the member's transports
 * (server/cluster/edge-room-media.ts). The room service cannot tell: it sees one media port.
 */
export class OwnedRoomMedia implements RoomMediaPort {
  /** Nodes whose media for this room is piped to ours (told when the room's media closes). */
  readonly memberNodes = new Set<string>();

  constructor(
    readonly roomId: string,
    readonly local: RoomMedia,
    private readonly channel: NodeChannel,
    /** The node a member is connected to, when not this one. */
    private readonly nodeOfMember: (roomId: string, userId: string) => string | undefined,
    private readonly onClosed: () => void,
    /** For a connection on another node: whether that node's workers have a seat (it serves the media). */
    private readonly remoteMediaRoom: (sessionId: string) => boolean | undefined,
  ) {}

  private tell(userId: string, change: "allow" | "revoke" | "pause" | "resume" | "close"): void {
    const nodeId = this.nodeOfMember(this.roomId, userId);
    if (nodeId !== undefined)
      this.channel.notify(nodeId, MEDIA_METHODS.rights, { roomId: this.roomId, userId, change });
  }

  get rtpCapabilities(): RoomMediaPort["rtpCapabilities"] {
    return this.local.rtpCapabilities;
  }

  get workerIndex(): number {
    return this.local.workerIndex;
  }

  allowPublish(userId: string, paused: boolean): void {
    // Kept here too: a producer coming from the member's node is taken only with the right.
    this.local.allowPublish(userId, paused);
    this.tell(userId, "allow");
    if (paused) this.tell(userId, "pause");
  }

  revokePublish(userId: string): void {
    this.local.revokePublish(userId);
    this.tell(userId, "revoke");
  }

  async setPublishPaused(userId: string, paused: boolean): Promise<void> {
    await this.local.setPublishPaused(userId, paused);
    this.tell(userId, paused ? "pause" : "resume");
  }

  closePeer(userId: string): void {
    this.local.closePeer(userId);
    this.tell(userId, "close");
  }

  close(): void {
    this.local.close();
    this.onClosed();
    for (const nodeId of this.memberNodes)
      this.channel.notify(nodeId, MEDIA_METHODS.roomClosed, { roomId: this.roomId });
    this.memberNodes.clear();
  }

  createTransport: RoomMediaPort["createTransport"] = (userId, direction) =>
    this.local.createTransport(userId, direction);
  connectTransport: RoomMediaPort["connectTransport"] = (userId, transportId, dtls) =>
    this.local.connectTransport(userId, transportId, dtls);
  restartIce: RoomMediaPort["restartIce"] = (userId, transportId) =>
    this.local.restartIce(userId, transportId);
  produce: RoomMediaPort["produce"] = (userId, transportId, rtp) =>
    this.local.produce(userId, transportId, rtp);
  consume: RoomMediaPort["consume"] = (userId, producerId, caps) =>
    this.local.consume(userId, producerId, caps);
  resumeConsumer: RoomMediaPort["resumeConsumer"] = (userId, consumerId) =>
    this.local.resumeConsumer(userId, consumerId);
  listProducers: RoomMediaPort["listProducers"] = () => this.local.listProducers();
  recordProducer: RoomMediaPort["recordProducer"] = (producerId, path) =>
    this.local.recordProducer(producerId, path);
  hasRoomForListener: RoomMediaPort["hasRoomForListener"] = (sessionId) =>
    (sessionId === undefined ? undefined : this.remoteMediaRoom(sessionId)) ??
    this.local.hasRoomForListener();
  counts: RoomMediaPort["counts"] = () => this.local.counts();
}
