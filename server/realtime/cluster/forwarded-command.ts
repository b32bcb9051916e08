import { z } from "zod";
import { ackErrorSchema, type Ack, type ClientCommandName } from "../../../src/shared/protocol";

/**
 * Commands about the room a member is in: in cluster mode they run on the room's owner node,
 * wherever the member's socket is. Media commands are not among them (a member's media lives on
 * their own node's workers: server/cluster/edge-room-media.ts), nor are the hallway or metrics.
 */
export function isRoomCommand(name: ClientCommandName): boolean {
  return name.startsWith("room:") || name.startsWith("chat:");
}

/**
 * Staff listen-in commands (`staff:listen`, `staff:listen-connect/-consume/-resume/-leave`): in
 * cluster mode they run on the owner of the room listened to, and so does the listen-in's media
 * (its receive transport is on the owner's workers: staff are few, and the owner alone knows
 * whom to tell of the room's stage changes).
 */
export function isListenCommand(name: ClientCommandName): boolean {
  return name.startsWith("staff:listen");
}

/** Commands an owner node runs for sockets on other nodes. */
export function isForwardable(name: ClientCommandName): boolean {
  return isRoomCommand(name) || isListenCommand(name);
}

const actorSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  isGuest: z.boolean(),
  avatarUrl: z.string().nullable().optional(),
  realNameVerified: z.boolean().optional(),
});

/** What a node sends the owner: the command as the client sent it, and who sent it on which socket. */
export const forwardedCommandSchema = z.object({
  command: z.string(),
  input: z.unknown(),
  socket: z.object({
    id: z.string(),
    actor: actorSchema,
    addressKey: z.string(),
    /** Has the member's node a media seat for one more listener (its workers serve their media)? */
    mediaRoom: z.boolean().optional(),
  }),
});
export type ForwardedCommand = z.infer<typeof forwardedCommandSchema>;

/**
 * The owner's answer: the member's ack, the room the member is in afterwards (joined, left,
 * removed), and the room the connection listens to afterwards (staff listen-ins).
 */
export const forwardedReplySchema = z.object({
  ack: z.union([
    z.object({ ok: z.literal(true), data: z.unknown() }),
    z.object({ ok: z.literal(false), error: ackErrorSchema }),
  ]),
  roomId: z.string().optional(),
  listeningTo: z.string().optional(),
});
export type ForwardedReply = {
  ack: Ack<unknown>;
  roomId?: string | undefined;
  listeningTo?: string | undefined;
};

/**
 * A socket on another node closed (or the node is gone): the owner lets its member go and ends
 * its listen-in.
 */
export const socketGoneSchema = z.object({ socketIds: z.array(z.string()) });

/** The owner took a member out of its room (removed, room ended): their node forgets the room too. */
export const sessionDetachedSchema = z.object({ sessionId: z.string(), roomId: z.string() });

export const CLUSTER_METHODS = {
  roomCommand: "room-command",
  socketGone: "socket-gone",
  sessionDetached: "session-detached",
} as const;
