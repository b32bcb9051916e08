import { clientCommands, fail, type Ack, type ClientCommandName } from "../../../src/shared/protocol";
import type { NodeChannel } from "../../cluster/node-channel";
import type { Logger } from "../../logging/logger";
import { RoomError } from "../../rooms/room-ports";
import type { NodeAddress } from "../../rooms/room-ownership";
import { roomChannel, type RoomsSocket } from "../socket-types";
import {
  CLUSTER_METHODS,
  forwardedReplySchema,
  isRoomCommand,
  type ForwardedCommand,
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
};

/**
 * The member's node's side of command forwarding: a room command for a room another node owns
 * goes to that node (server/realtime/cluster/remote-members.ts runs it there) and its ack comes
 * back unchanged, so a member cannot tell which node they are connected to. Everything else, and
 * every room this node runs or may claim, runs here.
 */
export class CommandRouting {
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
    if (!isRoomCommand(name)) return null;
    const roomId = name === "room:join" ? joinTarget(input) : socket.data.roomId;
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
    if (ownerNodeId === null) return runHere();
    try {
      return await this.forward(ownerNodeId, name, socket, input);
    } catch (error) {
      if (error instanceof RoomError) return fail(error.code, error.message);
      this.deps.logger.error({ err: error, event: name }, "forwarded command failed");
      return fail("internal", "Something went wrong on the server. Please try again.");
    }
  }

  private async forward(
    ownerNodeId: string,
    name: ClientCommandName,
    socket: RoomsSocket,
    input: unknown,
  ): Promise<Ack<unknown>> {
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
    // The owner's view of where this member is now: joined, left, or taken out.
    const before = name === "room:join" ? (joinTarget(input) ?? "") : (socket.data.roomId ?? "");
    socket.data.roomId = reply.data.roomId;
    this.deps.forwarded(socket, before, ownerNodeId, reply.data.roomId);
    return reply.data.ack;
  }
}

function joinTarget(input: unknown): string | undefined {
  const parsed = clientCommands["room:join"].input.safeParse(input);
  return parsed.success ? parsed.data.roomId : undefined;
}
