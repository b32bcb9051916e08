import type {
  ConsumerOptionsOutput,
  DtlsParametersInput,
  IceParametersOutput,
  RtpCapabilitiesInput,
  RtpParametersInput,
  TransportOptionsOutput,
} from "../../src/shared/protocol";
import type { Actor } from "../domain/room-state";
import type { Logger } from "../logging/logger";
import { MediaError } from "../media/media-error";
import type { RoomMedia } from "../media/room-media";
import type { RoomPipes } from "../media/room-pipes";
import { RoomError } from "../rooms/room-ports";
import { exportReply, MEDIA_METHODS } from "./cluster-media-protocol";
import type { NodeChannel } from "./node-channel";

/** The media commands a member sends, as the socket edge calls them (like RoomMediaGateway's). */
export type MemberMedia = {
  createTransport(
    actor: Actor,
    sessionId: string,
    direction: "send" | "recv",
  ): Promise<TransportOptionsOutput>;
  connectTransport(
    actor: Actor,
    sessionId: string,
    transportId: string,
    dtls: DtlsParametersInput,
  ): Promise<void>;
  restartIce(actor: Actor, sessionId: string, transportId: string): Promise<IceParametersOutput>;
  produce(actor: Actor, sessionId: string, transportId: string, rtp: RtpParametersInput): Promise<string>;
  consume(
    actor: Actor,
    sessionId: string,
    producerId: string,
    caps: RtpCapabilitiesInput,
  ): Promise<ConsumerOptionsOutput>;
  resumeConsumer(actor: Actor, sessionId: string, consumerId: string): Promise<void>;
};

/**
 * A room's media on a node that does not own the room but has members of it connected (cluster
 * mode): a `RoomMedia` on this node's workers, whose producers come from the owner through one
 * pipe (each asked for when the first member here consumes it), and whose speakers' producers are
 * sent to the owner, where the room hears them. Publish rights come from the owner
 * (`MEDIA_METHODS.rights`); this node only checks that the connection is a member here.
 */
export class EdgeRoomMedia implements MemberMedia {
  /** The members connected here, by user id: their connection (for events meant for them alone). */
  private readonly sessions = new Map<string, string>();
  private readonly importing = new Map<string, Promise<void>>();

  constructor(
    readonly roomId: string,
    readonly ownerNodeId: string,
    readonly media: RoomMedia,
    private readonly pipes: RoomPipes,
    private readonly channel: NodeChannel,
    /** Is this connection a member of this room, connected here? */
    private readonly isMemberHere: (sessionId: string, roomId: string) => boolean,
    private readonly logger: Logger,
  ) {}

  sessionOf(userId: string): string | undefined {
    return this.sessions.get(userId);
  }

  sessionIds(): string[] {
    return [...this.sessions.values()];
  }

  get memberCount(): number {
    return this.sessions.size;
  }

  private check(actor: Actor, sessionId: string): string {
    if (!this.isMemberHere(sessionId, this.roomId))
      throw new RoomError("invalid_state", "Join the room first (or again).");
    this.sessions.set(actor.userId, sessionId);
    return actor.userId;
  }

  /** The member left this node's part of the room: their transports close. */
  forget(userId: string): void {
    this.sessions.delete(userId);
    this.media.closePeer(userId);
  }

  createTransport(
    actor: Actor,
    sessionId: string,
    direction: "send" | "recv",
  ): Promise<TransportOptionsOutput> {
    return this.media.createTransport(this.check(actor, sessionId), direction);
  }

  connectTransport(
    actor: Actor,
    sessionId: string,
    transportId: string,
    dtls: DtlsParametersInput,
  ): Promise<void> {
    return this.media.connectTransport(this.check(actor, sessionId), transportId, dtls);
  }

  restartIce(actor: Actor, sessionId: string, transportId: string): Promise<IceParametersOutput> {
    return this.media.restartIce(this.check(actor, sessionId), transportId);
  }

  /** A speaker here publishes: the producer is made here, then sent to the owner (see `sendToOwner`). */
  produce(actor: Actor, sessionId: string, transportId: string, rtp: RtpParametersInput): Promise<string> {
    return this.media.produce(this.check(actor, sessionId), transportId, rtp);
  }

  async consume(
    actor: Actor,
    sessionId: string,
    producerId: string,
    caps: RtpCapabilitiesInput,
  ): Promise<ConsumerOptionsOutput> {
    const userId = this.check(actor, sessionId);
    await this.bringHere(producerId);
    return this.media.consume(userId, producerId, caps);
  }

  resumeConsumer(actor: Actor, sessionId: string, consumerId: string): Promise<void> {
    return this.media.resumeConsumer(this.check(actor, sessionId), consumerId);
  }

  /** Makes a producer of the room consumable here: asked of the owner once, shared by everyone here. */
  private bringHere(producerId: string): Promise<void> {
    if (this.pipes.ownerOf(producerId) !== undefined) return Promise.resolve();
    let importing = this.importing.get(producerId);
    if (!importing) {
      importing = this.channel
        .request(this.ownerNodeId, MEDIA_METHODS.exportProducer, { roomId: this.roomId, producerId })
        .then(async (raw) => {
          const reply = exportReply.safeParse(raw);
          if (!reply.success) throw new MediaError("not_found", "That speaker is no longer sending audio.");
          await this.pipes.import(this.ownerNodeId, reply.data.userId, reply.data.piped, false);
        })
        .finally(() => this.importing.delete(producerId));
      this.importing.set(producerId, importing);
    }
    return importing;
  }

  /**
   * A speaker connected here started sending: the owner gets the producer through the pipe and
   * announces it to the room. Refused there (the right was taken meanwhile): it closes here too.
   */
  sendToOwner(producerId: string, userId: string): void {
    void this.pipes
      .export(this.ownerNodeId, producerId)
      .then((piped) =>
        this.channel.request(this.ownerNodeId, MEDIA_METHODS.importProducer, {
          roomId: this.roomId,
          userId,
          piped,
        }),
      )
      .catch((error: unknown) => {
        this.logger.warn({ err: error, producerId, userId }, "speaker's audio not taken by the room's owner");
        this.media.revokePublish(userId);
      });
  }

  close(): void {
    this.sessions.clear();
    this.media.close();
  }
}
