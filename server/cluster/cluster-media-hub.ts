import type { z } from "zod";
import type { Logger } from "../logging/logger";
import { MediaError } from "../media/media-error";
import type { PipeEvents, PipeSettings } from "../media/node-pipes";
import { RoomMedia, type RoomMediaListener } from "../media/room-media";
import type { WorkerPool } from "../media/worker-pool";
import type { RoomBroadcaster, RoomMediaEvents } from "../rooms/room-ports";
import {
  importBody,
  MEDIA_METHODS,
  pausedBody,
  pipeInBody,
  pipeInReply,
  producerBody,
  rightsBody,
  roomBody,
} from "./cluster-media-protocol";
import { EdgeRoomMedia } from "./edge-room-media";
import type { NodeChannel } from "./node-channel";
import { OwnedRoomMedia } from "./owned-room-media";

export type ClusterMediaDeps = {
  channel: NodeChannel;
  pool: WorkerPool;
  pipeSettings: PipeSettings;
  maxIncomingBitrate: number;
  broadcaster: Pick<RoomBroadcaster, "toSession">;
  logger: Logger;
};

function parsed<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) throw new MediaError("invalid_input", "Malformed cluster media message.");
  return result.data;
}

/**
 * This node's part of every room's media in cluster mode: the rooms it owns (`createOwned`, the
 * room registry's media factory) and the rooms other nodes own that have members connected here
 * (`edgeFor`), and the channel messages between them. Which node a member is connected to is
 * told by the socket edge (`nodeOfMember`), which alone knows.
 */
export class ClusterMediaHub {
  private readonly owned = new Map<string, OwnedRoomMedia>();
  private readonly edges = new Map<string, Promise<EdgeRoomMedia>>();
  /** Set by the socket edge: the node of a member of a room this node owns, if not this one. */
  nodeOfMember: (roomId: string, userId: string) => string | undefined = () => undefined;
  /** Set by the socket edge: for a connection on another node, whether its node has a media seat. */
  remoteMediaRoom: (sessionId: string) => boolean | undefined = () => undefined;
  /** Set by the socket edge: is this connection, here, a member of that room? */
  isMemberHere: (sessionId: string, roomId: string) => boolean = () => false;

  constructor(private readonly deps: ClusterMediaDeps) {
    this.listen();
  }

  private pipeEvents(roomId: string): PipeEvents {
    const { channel } = this.deps;
    return {
      exportClosed: (nodeId, producerId) =>
        channel.notify(nodeId, MEDIA_METHODS.sourceClosed, { roomId, producerId }),
      exportPaused: (nodeId, producerId, paused) =>
        channel.notify(nodeId, MEDIA_METHODS.sourcePaused, { roomId, producerId, paused }),
    };
  }

  private makeMedia(roomId: string, listener: RoomMediaListener): Promise<RoomMedia> {
    return RoomMedia.create({
      roomId,
      pool: this.deps.pool,
      listener,
      logger: this.deps.logger.child({ component: "media", roomId }),
      maxIncomingBitrate: this.deps.maxIncomingBitrate,
      pipes: { settings: this.deps.pipeSettings, events: this.pipeEvents(roomId) },
    });
  }

  /** The media of a room this node owns (the registry's `createMedia` in cluster mode). */
  async createOwned(roomId: string, events: RoomMediaEvents): Promise<OwnedRoomMedia> {
    const local = await this.makeMedia(roomId, events);
    // Rebuilt after its worker died: the member nodes' pipes led to the old router.
    const previous = this.owned.get(roomId);
    for (const nodeId of previous?.memberNodes ?? [])
      this.deps.channel.notify(nodeId, MEDIA_METHODS.roomClosed, { roomId });
    const owned = new OwnedRoomMedia(
      roomId,
      local,
      this.deps.channel,
      (room, userId) => this.nodeOfMember(room, userId),
      () => {
        if (this.owned.get(roomId) === owned) this.owned.delete(roomId);
      },
      (sessionId) => this.remoteMediaRoom(sessionId),
    );
    this.owned.set(roomId, owned);
    return owned;
  }

  private ownedRoom(roomId: string, fromNodeId: string): OwnedRoomMedia {
    const owned = this.owned.get(roomId);
    if (!owned || owned.local.isClosed || !owned.local.pipes)
      throw new MediaError("not_found", "This room's audio is not on this server.");
    owned.memberNodes.add(fromNodeId);
    return owned;
  }

  /** The media here of a room `ownerNodeId` owns, made (and piped to the owner) on first use. */
  edgeFor(roomId: string, ownerNodeId: string): Promise<EdgeRoomMedia> {
    const existing = this.edges.get(roomId);
    if (existing) {
      return existing.then((edge) => {
        if (edge.ownerNodeId === ownerNodeId && !edge.media.isClosed) return edge;
        this.closeEdge(roomId);
        return this.edgeFor(roomId, ownerNodeId);
      });
    }
    const starting = this.startEdge(roomId, ownerNodeId);
    this.edges.set(roomId, starting);
    starting.catch(() => this.edges.delete(roomId));
    return starting;
  }

  private async startEdge(roomId: string, ownerNodeId: string): Promise<EdgeRoomMedia> {
    const { channel, broadcaster, logger } = this.deps;
    let edge: EdgeRoomMedia | null = null;
    const listener: RoomMediaListener = {
      producerAdded: ({ producerId, userId }) => edge?.sendToOwner(producerId, userId),
      producerClosed: () => undefined, // the pipe's consumer tells the owner (exportClosed)
      consumerClosed: ({ userId, consumerId }) => {
        const sessionId = edge?.sessionOf(userId);
        if (sessionId) broadcaster.toSession(sessionId, "media:consumer-closed", { consumerId });
      },
      activeSpeaker: () => undefined, // the owner's observer hears every speaker
      mediaLost: () => this.mediaLost(roomId),
      receiversLost: (userIds) => {
        const producers = edge?.media.listProducers() ?? [];
        for (const userId of userIds) {
          const sessionId = edge?.sessionOf(userId);
          if (sessionId)
            broadcaster.toSession(sessionId, "media:reset", { reason: "receive-moved", producers });
        }
      },
    };
    const media = await this.makeMedia(roomId, listener);
    const pipes = media.pipes;
    if (!pipes) throw new Error("cluster media made without pipes");
    try {
      const raw = await channel.request(ownerNodeId, MEDIA_METHODS.pipeIn, {
        roomId,
        endpoint: await pipes.endpoint(ownerNodeId),
      });
      const reply = parsed(pipeInReply, raw);
      await pipes.connect(ownerNodeId, reply.endpoint);
      for (const { userId, paused } of reply.publishers) media.allowPublish(userId, paused);
    } catch (error) {
      media.close();
      throw error;
    }
    edge = new EdgeRoomMedia(roomId, ownerNodeId, media, pipes, channel, this.isMemberHere, logger);
    return edge;
  }

  /** This node's worker under the room's media died: members here set their media up again. */
  private mediaLost(roomId: string): void {
    const edge = this.edges.get(roomId);
    this.edges.delete(roomId);
    void edge?.then((lost) => {
      for (const sessionId of lost.sessionIds())
        this.deps.broadcaster.toSession(sessionId, "media:reset", { reason: "media-server-restarted" });
    });
  }

  /** A member here left the room (or their socket closed): their media here goes; the last one closes it. */
  memberGone(roomId: string, userId: string): void {
    void this.edges.get(roomId)?.then(
      (edge) => {
        edge.forget(userId);
        if (edge.memberCount > 0) return;
        this.closeEdge(roomId);
        this.deps.channel.notify(edge.ownerNodeId, MEDIA_METHODS.nodeLeft, { roomId });
      },
      () => undefined,
    );
  }

  /** Could this node's workers take one more listener (asked before a join is forwarded)? */
  hasMediaRoom(): boolean {
    return this.deps.pool.hasSeats(1);
  }

  /** Closes this node's media of a room another node owned (the owner is gone). */
  closeEdge(roomId: string): void {
    const edge = this.edges.get(roomId);
    this.edges.delete(roomId);
    void edge?.then(
      (closing) => closing.close(),
      () => undefined,
    );
  }

  private withEdge(roomId: string, act: (edge: EdgeRoomMedia) => void | Promise<void>): void {
    void this.edges.get(roomId)?.then(act, () => undefined);
  }

  private listen(): void {
    const { channel } = this.deps;
    // The owner's side.
    channel.handle(MEDIA_METHODS.pipeIn, async (body, from) => {
      const { roomId, endpoint } = parsed(pipeInBody, body);
      const owned = this.ownedRoom(roomId, from);
      const pipes = owned.local.pipes;
      if (!pipes) throw new MediaError("not_found", "This room's audio is not on this server.");
      return { endpoint: await pipes.connect(from, endpoint), publishers: pipes.publishers() };
    });
    channel.handle(MEDIA_METHODS.exportProducer, async (body, from) => {
      const { roomId, producerId } = parsed(producerBody, body);
      const pipes = this.ownedRoom(roomId, from).local.pipes;
      const userId = pipes?.ownerOf(producerId);
      if (!pipes || userId === undefined)
        throw new MediaError("not_found", "That speaker is no longer sending audio.");
      return { userId, piped: await pipes.export(from, producerId) };
    });
    channel.handle(MEDIA_METHODS.importProducer, async (body, from) => {
      const { roomId, userId, piped } = parsed(importBody, body);
      await this.ownedRoom(roomId, from).local.pipes?.import(from, userId, piped, true);
      return {};
    });
    channel.onNotice(MEDIA_METHODS.nodeLeft, (body, from) => {
      const { roomId } = parsed(roomBody, body);
      const owned = this.owned.get(roomId);
      owned?.memberNodes.delete(from);
      owned?.local.pipes?.closeNode(from);
    });
    // Both sides: what came through a pipe follows its source.
    channel.onNotice(MEDIA_METHODS.sourceClosed, (body) => {
      const { roomId, producerId } = parsed(producerBody, body);
      this.owned.get(roomId)?.local.pipes?.closeImport(producerId);
      this.withEdge(roomId, (edge) => edge.media.pipes?.closeImport(producerId));
    });
    channel.onNotice(MEDIA_METHODS.sourcePaused, (body) => {
      const { roomId, producerId, paused } = parsed(pausedBody, body);
      void this.owned.get(roomId)?.local.pipes?.setImportPaused(producerId, paused);
      this.withEdge(roomId, (edge) => edge.media.pipes?.setImportPaused(producerId, paused));
    });
    // A member's node: the owner's decisions about its members.
    channel.onNotice(MEDIA_METHODS.rights, (body) => {
      const { roomId, userId, change } = parsed(rightsBody, body);
      this.withEdge(roomId, async (edge) => {
        if (change === "allow") edge.media.allowPublish(userId, false);
        else if (change === "revoke") edge.media.revokePublish(userId);
        else if (change === "close") edge.forget(userId);
        else await edge.media.setPublishPaused(userId, change === "pause");
      });
    });
    channel.onNotice(MEDIA_METHODS.roomClosed, (body) => this.closeEdge(parsed(roomBody, body).roomId));
  }

  close(): void {
    for (const roomId of [...this.edges.keys()]) this.closeEdge(roomId);
  }
}
