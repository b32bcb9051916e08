import { clientCommands, fail, type Ack, type ClientCommandName } from "../../../src/shared/protocol";
import type { NodeChannel } from "../../cluster/node-channel";
import type { Logger } from "../../logging/logger";
import { RoomError } from "../../rooms/room-ports";
import type { NodeAddress } from "../../rooms/room-ownership";
import { roomChannel, type RoomsSocket } from "../socket-types";
import {
  CLUSTER_METHODS,
  forwardedReplySchema,
  isListenCommand,
  isRoomCommand,
  type ForwardedCommand,
  type ForwardedReply,
} from "./forwarded-command";

export type CommandRoutingDeps = {
  channel: NodeChannel;
  /** Does this node run the room right now (no lookup needed)? */
  runsHere(roomId: string): boolean;
  /** The room's lease holder, or null when nobody holds it (the next join here claims it). */
  ownerOf(roomId: string): Promise<NodeAddress | null>;
  logger: Logger;
  /** Could this node's workers take one more listener? (The owner asks at a forwarded join.) */
  hasMediaRoom(): boolean;
  /** A forwarded command was answered: the member was in `before` and is now in `after`. */
  forwarded(socket: RoomsSocket, before: string, ownerNodeId: string, after: string | undefined): void;
  /**
   * A listen-in command was answered: the connection now listens to `roomId` through node
   * `ownerNodeId` (`roomId` undefined: to no room of another node).
   */
  listened(socket: RoomsSocket, ownerNodeId: string, roomId: string | undefined): void;
  /** Ends this connection's listen-in of a room run here (its listen-in moved to another node). */
  endListenHere(roomId: string, socketId: string): Promise<void>;
};

/**
 * The member's node's side of command forwarding: a room command for a room another node owns
 * goes to that node (server/realtime/cluster/remote-members.ts runs it there) and its ack comes
 * back unchanged, so a member cannot tell which node they are connected to. A staff listen-in of
 * such a room goes there the same way. Everything else, and every room this node runs or may
 * claim, runs here.
 */
export class CommandRouting {
  /**
   * Nodes holding a stand-in of a socket here (it forwarded a command there): all told when the
   * socket closes, even after it left their room (a leave keeps the stand-in).
   */
  private readonly standInNodes = new Map<string, Set<string>>();

  constructor(private readonly deps: CommandRoutingDeps) {}

  runsHere(roomId: string): boolean {
    return this.deps.runsHere(roomId);
  }

  /** The owner node of the room this command is about, or null to run it here. */
  private async remoteOwner(
    name: ClientCommandName,
    socket: RoomsSocket,
    input: unknown,
  ): Promise<string | null> {
    const roomId = targetOf(name, socket, input);
    if (roomId === undefined || this.deps.runsHere(roomId)) return null;
    const owner = await this.deps.ownerOf(roomId);
    return owner && owner.nodeId !== this.deps.channel.nodeId ? owner.nodeId : null;
  }

  async run(
    name: ClientCommandName,
    socket: RoomsSocket,
    input: unknown,
    runHere: () => Promise<Ack<unknown>>,
  ): Promise<Ack<unknown>> {
    let ownerNodeId: string | null;
    try {
      ownerNodeId = await this.remoteOwner(name, socket, input);
    } catch {
      return fail("unavailable", "The server cannot find this room's server right now. Try again.");
    }
    // Entering a room leaves the previous one first, wherever that one runs: the owner of the new
    // room cannot reach a room of a third node.
    const previous = socket.data.roomId;
    const target = name === "room:join" ? joinTarget(input) : undefined;
    if (
      target !== undefined &&
      previous !== undefined &&
      previous !== target &&
      !this.deps.runsHere(previous)
    ) {
      const previousOwner = await this.deps.ownerOf(previous).catch(() => null);
      if (previousOwner && previousOwner.nodeId !== this.deps.channel.nodeId)
        await this.forward(previousOwner.nodeId, "room:leave", socket, {}).catch(() => undefined);
      await socket.leave(roomChannel(previous));
      socket.data.roomId = undefined;
    }
    const listenedBefore = socket.data.listeningTo;
    let ack: Ack<unknown>;
    if (ownerNodeId === null) {
      ack = await runHere();
      // Listening to a room run here now, or to none: no other node holds this listen-in any more.
      const listening = socket.data.listeningTo;
      if (isListenCommand(name) && (listening === undefined || this.deps.runsHere(listening)))
        this.deps.listened(socket, this.deps.channel.nodeId, undefined);
    } else
      try {
        ack = await this.forward(ownerNodeId, name, socket, input);
      } catch (error) {
        if (error instanceof RoomError) return fail(error.code, error.message);
        this.deps.logger.error({ err: error, event: name }, "forwarded command failed");
        return fail("internal", "Something went wrong on the server. Please try again.");
      }
    if (name === "staff:listen" && ack.ok && listenedBefore !== undefined)
      await this.endPreviousListen(socket, listenedBefore, ownerNodeId ?? this.deps.channel.nodeId);
    return ack;
  }

  /**
   * A new listen-in started on `nowOn`: the previous one ends, where it was. On the same node the
   * handler there ended it already (as on a single node); elsewhere it is ended here.
   */
  private async endPreviousListen(socket: RoomsSocket, previous: string, nowOn: string): Promise<void> {
    const self = this.deps.channel.nodeId;
    const wasOn = this.deps.runsHere(previous)
      ? self
      : (await this.deps.ownerOf(previous).catch(() => null))?.nodeId;
    if (wasOn === undefined || wasOn === nowOn) return;
    if (wasOn === self) return this.deps.endListenHere(previous, socket.id);
    // Not through forward(): what the old node says of the listen-in must not replace the new one's.
    await this.request(wasOn, "staff:listen-leave", socket, {}).catch(() => undefined);
  }

  /** Nodes to tell that this socket closed (its stand-ins and listen-ins there end); forgets them. */
  standInsOf(socketId: string): string[] {
    const nodes = [...(this.standInNodes.get(socketId) ?? [])];
    this.standInNodes.delete(socketId);
    return nodes;
  }

  private async request(
    ownerNodeId: string,
    name: ClientCommandName,
    socket: RoomsSocket,
    input: unknown,
  ): Promise<ForwardedReply> {
    const command: ForwardedCommand = {
      command: name,
      input,
      socket: {
        id: socket.id,
        actor: socket.data.actor,
        addressKey: socket.data.addressKey,
        mediaRoom: this.deps.hasMediaRoom(),
      },
    };
    const raw = await this.deps.channel.request(ownerNodeId, CLUSTER_METHODS.roomCommand, command);
    const reply = forwardedReplySchema.safeParse(raw);
    if (!reply.success)
      throw new RoomError("internal", "The room's server answered in a way this one cannot read.");
    return reply.data;
  }

  private async forward(
    ownerNodeId: string,
    name: ClientCommandName,
    socket: RoomsSocket,
    input: unknown,
  ): Promise<Ack<unknown>> {
    const nodes = this.standInNodes.get(socket.id) ?? new Set<string>();
    this.standInNodes.set(socket.id, nodes.add(ownerNodeId));
    if (isListenCommand(name)) {
      const reply = await this.request(ownerNodeId, name, socket, input);
      // The owner's view of what this connection listens to now; its room membership is not touched.
      socket.data.listeningTo = reply.listeningTo;
      this.deps.listened(socket, ownerNodeId, reply.listeningTo);
      return reply.ack;
    }
    const before = name === "room:join" ? (joinTarget(input) ?? "") : (socket.data.roomId ?? "");
    const reply = await this.request(ownerNodeId, name, socket, input);
    // The owner's view of where this member is now: joined, left, or taken out.
    socket.data.roomId = reply.roomId;
    this.deps.forwarded(socket, before, ownerNodeId, reply.roomId);
    return reply.ack;
  }
}

/**
 * The room a command is about: the room joined, the member's room, or for staff the room listened
 * to. A member's connection asking to listen in is refused by the handler here, with its words.
 */
function targetOf(name: ClientCommandName, socket: RoomsSocket, input: unknown): string | undefined {
  if (isListenCommand(name)) {
    if (name !== "staff:listen") return socket.data.listeningTo;
    return socket.data.roomId === undefined ? listenTarget(input) : undefined;
  }
  if (!isRoomCommand(name)) return undefined;
  return name === "room:join" ? joinTarget(input) : socket.data.roomId;
}

function joinTarget(input: unknown): string | undefined {
  const parsed = clientCommands["room:join"].input.safeParse(input);
  return parsed.success ? parsed.data.roomId : undefined;
}

function listenTarget(input: unknown): string | undefined {
  const parsed = clientCommands["staff:listen"].input.safeParse(input);
  return parsed.success ? parsed.data.roomId : undefined;
}
