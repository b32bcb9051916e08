import type { Server, Socket } from "socket.io";
import type { ServerInboundEvents, ServerToClientEvents } from "../../src/shared/protocol";
import type { Actor } from "../domain/room-state";

/**
 * What the edge remembers per connection: who it is (from the session cookie), which room, and
 * the tail of its room changes (joins and leaves run one at a time per connection: see
 * oneRoomChangeAtATime), and the client address key its per-address limits count under.
 */
export type SocketData = {
  actor: Actor;
  roomId: string | undefined;
  roomChanges?: Promise<unknown>;
  /** The room this (staff) connection listens to silently, if any: it is no member there. */
  listeningTo?: string | undefined;
  addressKey: string;
};

/**
 * What one node of a cluster tells the others through the Socket.IO adapter (`serverSideEmit`):
 * server/cluster/cluster-relay.ts. Arguments are `unknown` on purpose: they come out of Redis,
 * possibly from another version of the app, and are checked before use. Without a cluster, nothing
 * is ever sent.
 */
export type ClusterEvents = {
  /** These sign-in sessions ended (sign-out, revocation): close their sockets here. */
  "cluster:sessions-ended": (sessionIds: unknown) => void;
  /** Staff suspended or banned this person: take them out of the rooms running here; then `done`. */
  "cluster:sanctioned": (userId: unknown, done: (applied: boolean) => void) => void;
  /** This host's block list grew: the rooms they run here read it again; then `done`. */
  "cluster:host-blocks-changed": (hostId: unknown, done: (applied: boolean) => void) => void;
};

export type RoomsServer = Server<ServerInboundEvents, ServerToClientEvents, ClusterEvents, SocketData>;
export type RoomsSocket = Socket<ServerInboundEvents, ServerToClientEvents, ClusterEvents, SocketData>;

/**
 * What a command handler may use of its connection. A real socket satisfies it; so does a member's
 * stand-in on the room's owner node when the member is connected to another node of the cluster
 * (server/cluster/forwarded-commands.ts), which is why handlers never see more of the socket.
 */
export type CommandSocket = {
  readonly id: string;
  data: SocketData;
  readonly connected: boolean;
  join(channel: string): Promise<void> | void;
  leave(channel: string): Promise<void> | void;
};

/** The Socket.IO channel of everything addressed to one person, on any of their connections. */
export function userChannel(userId: string): string {
  return `user:${userId}`;
}

/** Connections that asked to be told when the hallway changes. */
export const HALLWAY_CHANNEL = "hallway";

/** The Socket.IO channel of a room's broadcasts. */
export function roomChannel(roomId: string): string {
  return `room:${roomId}`;
}
