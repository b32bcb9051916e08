import type { types } from "mediasoup";
import type { Logger } from "../logging/logger";
import { MediaError } from "./media-error";
import {
  NodePipes,
  type PipeEndpoint,
  type PipeEvents,
  type PipedProducer,
  type PipeSettings,
} from "./node-pipes";
import type { MediaAppData } from "./peer-media";
import type { PublishRights } from "./publish-rights";
import type { RoomStreams } from "./room-streams";

/**
 * A room's media across nodes (cluster mode), role-blind like the rest: the room's owner node and
 * each node with members of the room pipe producers to each other. On the owner, a producer that
 * came from a member's node is `announce`d (the room hears of it, the active-speaker observer
 * listens) and only taken from someone the room lets publish; on a member's node, producers from
 * the owner are only made consumable there.
 */
export class RoomPipes {
  /** Producers that came in through a pipe, by id, with whose they are. */
  private readonly imports = new Map<string, { userId: string; producer: types.Producer<MediaAppData> }>();

  private readonly pipes: NodePipes;

  constructor(
    private readonly room: {
      roomId: string;
      router: types.Router<MediaAppData>;
      settings: PipeSettings;
      events: PipeEvents;
      streams: RoomStreams;
      rights: PublishRights;
      logger: Logger;
    },
    private readonly assertOpen: () => void,
  ) {
    this.pipes = new NodePipes(room.router, room.roomId, room.settings, room.events, room.logger);
  }

  get count(): number {
    return this.pipes.count;
  }

  close(): void {
    this.pipes.close();
  }

  endpoint(nodeId: string): Promise<PipeEndpoint> {
    this.assertOpen();
    return this.pipes.endpoint(nodeId);
  }

  /** Points the pipe to `nodeId` at `remote`; answers this end's address. */
  connect(nodeId: string, remote: PipeEndpoint): Promise<PipeEndpoint> {
    this.assertOpen();
    return this.pipes.connect(nodeId, remote);
  }

  /** Sends one of this room's producers (local or imported) to `nodeId`. */
  export(nodeId: string, producerId: string): Promise<PipedProducer> {
    this.assertOpen();
    if (this.room.streams.ownerOf(producerId) === undefined)
      throw new MediaError("not_found", "That speaker is no longer sending audio.");
    return this.pipes.export(nodeId, producerId);
  }

  /** Who may publish in this room now (for a node whose media for the room starts late). */
  publishers(): { userId: string; paused: boolean }[] {
    return this.room.rights.list();
  }

  /** Whose a producer of this room is (local or imported), or undefined. */
  ownerOf(producerId: string): string | undefined {
    return this.room.streams.ownerOf(producerId);
  }

  async import(nodeId: string, userId: string, piped: PipedProducer, announce: boolean): Promise<void> {
    this.assertOpen();
    if (announce && !this.room.rights.may(userId))
      throw new MediaError("forbidden", "You are not allowed to speak in this room.");
    if (this.imports.has(piped.producerId) || this.room.streams.ownerOf(piped.producerId) !== undefined)
      return;
    const producer = await this.pipes.import(nodeId, piped, { roomId: this.room.roomId, userId });
    this.imports.set(producer.id, { userId, producer });
    producer.observer.once("close", () => this.imports.delete(producer.id));
    await this.room.streams.adopt(userId, producer, announce);
  }

  /** The far end says a producer it sent closed. */
  closeImport(producerId: string): void {
    this.imports.get(producerId)?.producer.close();
  }

  async setImportPaused(producerId: string, paused: boolean): Promise<void> {
    const producer = this.imports.get(producerId)?.producer;
    if (!producer) return;
    if (paused) await producer.pause();
    else await producer.resume();
  }

  /** Someone's publishing ended (revoked, left): what they sent through pipes closes too. */
  closeImportsOf(userId: string): void {
    for (const entry of [...this.imports.values()]) if (entry.userId === userId) entry.producer.close();
  }

  closeNode(nodeId: string): void {
    this.pipes.closeNode(nodeId);
  }
}
