import { fail } from "../../../src/shared/protocol";
import type { NodeChannel } from "../../cluster/node-channel";
import type { Logger } from "../../logging/logger";
import { RoomError } from "../../rooms/room-ports";
import type { Handler } from "../define-handler";
import { stopListening } from "../handlers/staff-handlers";
import type { RealtimeDeps } from "../realtime-deps";
import type { CommandSocket, RoomsServer, SocketData } from "../socket-types";
import {
  CLUSTER_METHODS,
  forwardedCommandSchema,
  isForwardable,
  socketGoneSchema,
  type ForwardedReply,
} from "./forwarded-command";

/** How often the owner checks that the nodes its remote members are on are still alive. */
const NODE_CHECK_MS = 2_000;
/**
 * How long a node's heartbeat must stay missing before its members are let go. Longer than a
 * heartbeat's life, so a Redis restart (every key gone until the next beat) is never a death.
 */
const DEAD_AFTER_MS = 6_000;

const memberKey = (roomId: string, userId: string) => `${roomId}\u0000${userId}`;

/**
 * A member connected to another node, as the room's owner sees them: the same `CommandSocket`
 * the handlers get for a local connection. Joining and leaving channels goes through the Socket.IO
 * adapter (`io.in(id).socketsJoin`), which applies it on the node holding the real socket in the
 * same stream as the room's broadcasts, so no event can overtake the subscription.
 */
class StandIn implements CommandSocket {
  connected = true;
  /** Whether the member's node had a media seat for one more listener, at their last command. */
  mediaRoom = true;
  /** Its entries in RemoteMembers' (room, person) index. */
  readonly memberKeys = new Set<string>();

  constructor(
    readonly id: string,
    readonly nodeId: string,
    public data: SocketData,
    private readonly io: RoomsServer,
  ) {}

  join(channel: string): void {
    this.io.in(this.id).socketsJoin(channel);
  }

  leave(channel: string): void {
    this.io.in(this.id).socketsLeave(channel);
  }
}

/**
 * The owner's side of command forwarding: runs the room commands members on other nodes sent to
 * their node (and the listen-in commands of staff there), through the very handlers (schema,
 * rules, ack) a local command goes through, and lets members go and ends listen-ins when their
 * socket or their whole node is gone.
 */
export class RemoteMembers {
  private readonly standIns = new Map<string, StandIn>();
  /** The stand-in of each (room, person), for the media's "which node is this member on". */
  private readonly byMember = new Map<string, StandIn>();
  private readonly handlers: ReadonlyMap<string, Handler<RealtimeDeps>>;
  private readonly timer: NodeJS.Timeout;
  private readonly missingSince = new Map<string, number>();

  constructor(
    private readonly io: RoomsServer,
    private readonly channel: NodeChannel,
    private readonly deps: RealtimeDeps,
    handlers: readonly Handler<RealtimeDeps>[],
    private readonly logger: Logger,
  ) {
    this.handlers = new Map(handlers.filter((h) => isForwardable(h.name)).map((h) => [h.name, h]));
    channel.handle(CLUSTER_METHODS.roomCommand, (body, from) => this.run(body, from));
    channel.onNotice(CLUSTER_METHODS.socketGone, (body) => {
      const parsed = socketGoneSchema.safeParse(body);
      if (parsed.success) for (const id of parsed.data.socketIds) void this.gone(id);
    });
    this.timer = setInterval(() => void this.dropDeadNodes(), NODE_CHECK_MS);
    this.timer.unref();
  }

  /** The node holding a remote member's socket, or undefined for a socket of this node. */
  nodeOf(sessionId: string): string | undefined {
    return this.standIns.get(sessionId)?.nodeId;
  }

  /** For a member on another node: whether their node has a media seat; undefined for a local socket. */
  mediaRoomOf(sessionId: string): boolean | undefined {
    return this.standIns.get(sessionId)?.mediaRoom;
  }

  /** The node a member of a room here is connected to, when it is another node. */
  nodeOfMember(roomId: string, userId: string): string | undefined {
    const standIn = this.byMember.get(memberKey(roomId, userId));
    // The index is refreshed after each command; a removal between two commands is checked here.
    return standIn?.data.roomId === roomId && this.standIns.has(standIn.id) ? standIn.nodeId : undefined;
  }

  private async run(body: unknown, fromNodeId: string): Promise<ForwardedReply> {
    const parsed = forwardedCommandSchema.safeParse(body);
    if (!parsed.success) throw new RoomError("invalid_input", "Malformed forwarded command.");
    const { command, input, socket } = parsed.data;
    const handler = this.handlers.get(command);
    if (!handler) return { ack: fail("invalid_input", `Unknown room command ${command}.`) };
    let standIn = this.standIns.get(socket.id);
    if (!standIn) {
      standIn = new StandIn(
        socket.id,
        fromNodeId,
        { actor: socket.actor, roomId: undefined, addressKey: socket.addressKey },
        this.io,
      );
      this.standIns.set(socket.id, standIn);
    }
    standIn.mediaRoom = socket.mediaRoom ?? true;
    const ack = await handler.run(standIn, this.deps, input);
    const roomId = standIn.data.roomId;
    if (roomId !== undefined) {
      const key = memberKey(roomId, standIn.data.actor.userId);
      this.byMember.set(key, standIn);
      standIn.memberKeys.add(key);
    }
    return { ack, roomId, listeningTo: standIn.data.listeningTo };
  }

  /**
   * The socket closed on its node: its listen-in here ends, and its member leaves as a drop does
   * (seat kept for the grace).
   */
  private async gone(socketId: string): Promise<void> {
    const standIn = this.standIns.get(socketId);
    if (!standIn) return;
    this.standIns.delete(socketId);
    standIn.connected = false;
    for (const key of standIn.memberKeys) if (this.byMember.get(key) === standIn) this.byMember.delete(key);
    await stopListening(standIn, this.deps).catch((error: unknown) =>
      this.logger.debug({ err: error }, "remote listen-in end skipped"),
    );
    const roomId = standIn.data.roomId;
    if (roomId === undefined) return;
    try {
      const room = await this.deps.registry.peek(roomId);
      await room?.disconnect(standIn.data.actor, socketId);
    } catch (error) {
      this.logger.debug({ err: error, roomId }, "remote member's disconnect skipped");
    }
  }

  /** A node that stopped beating took its sockets with it: their members drop. */
  private async dropDeadNodes(): Promise<void> {
    const nodes = new Set([...this.standIns.values()].map((standIn) => standIn.nodeId));
    for (const nodeId of [...this.missingSince.keys()])
      if (!nodes.has(nodeId)) this.missingSince.delete(nodeId);
    for (const nodeId of nodes) {
      if (await this.channel.isAlive(nodeId)) {
        this.missingSince.delete(nodeId);
        continue;
      }
      const since = this.missingSince.get(nodeId) ?? Date.now();
      this.missingSince.set(nodeId, since);
      if (Date.now() - since < DEAD_AFTER_MS) continue;
      this.missingSince.delete(nodeId);
      this.logger.warn({ nodeId }, "node gone: its members of rooms here drop");
      for (const standIn of [...this.standIns.values()])
        if (standIn.nodeId === nodeId) await this.gone(standIn.id);
    }
  }

  close(): void {
    clearInterval(this.timer);
  }
}
