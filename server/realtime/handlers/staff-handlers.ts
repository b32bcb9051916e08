import { defineHandler } from "../define-handler";
import type { RealtimeDeps } from "../realtime-deps";
import { RoomError } from "../../rooms/room-ports";
import type { RoomService } from "../../rooms/room-service";
import type { CommandSocket } from "../socket-types";

/**
 * Silent listen-in (`staff:*`): platform staff hear a live room without becoming one of its
 * members. The staff role is read afresh from the database on every start (a role taken away
 * stops the next listen-in). The connection never joins the room's channel or its state; the room
 * media gives it receive transports and consumers only, and these commands are all it can send.
 */
async function listeningRoom(socket: CommandSocket, deps: RealtimeDeps): Promise<RoomService> {
  const roomId = socket.data.listeningTo;
  if (roomId === undefined) throw new RoomError("invalid_state", "Open the listen-in first.");
  const room = await deps.registry.peek(roomId);
  if (!room || room.isEnded) throw new RoomError("invalid_state", "This room has ended.");
  return room;
}

/** Ends this connection's listen-in, if it has one (a new one, leaving, or the socket closing). */
export async function stopListening(socket: CommandSocket, deps: RealtimeDeps): Promise<void> {
  const roomId = socket.data.listeningTo;
  if (roomId === undefined) return;
  socket.data.listeningTo = undefined;
  await endListenIn(deps, roomId, socket.id);
}

/** The listen-in media of connection `sessionId` in a room run here goes, if there is any. */
export async function endListenIn(deps: Pick<RealtimeDeps, "registry">, roomId: string, sessionId: string) {
  const room = await deps.registry.peek(roomId);
  room?.media.listenLeave(sessionId);
}

export const staffHandlers = [
  defineHandler<"staff:listen", RealtimeDeps>("staff:listen", async ({ socket, deps, input }) => {
    const { actor } = socket.data;
    const role = actor.isGuest ? null : await deps.staffRoleOf(actor.userId);
    if (!role) throw new RoomError("forbidden", "Only this server's moderators can listen in on rooms.");
    // A member's connection would hear the room twice (its broadcasts and the listen-in's).
    if (socket.data.roomId !== undefined)
      throw new RoomError("invalid_state", "Leave the room on this tab first; listen in from the console.");
    // peek: listening never brings a room back to life. In cluster mode a room another node runs
    // never gets here: the listen-in is forwarded to its owner (server/realtime/cluster).
    const room = await deps.registry.peek(input.roomId);
    if (!room || room.isEnded) throw new RoomError("not_found", "That room is not live (any more).");
    const again = socket.data.listeningTo === input.roomId;
    if (!again) await stopListening(socket, deps);
    const transport = await room.media.listenIn(socket.id);
    socket.data.listeningTo = input.roomId;
    // A rebuild after a media restart is the same listen-in; a new room is a new audit entry.
    if (!again)
      await deps.audit.record({
        action: "platform.listen_in",
        actorId: actor.userId,
        roomId: input.roomId,
        targetUserId: room.hostId,
        details: { role },
      });
    return {
      routerRtpCapabilities: room.media.port.rtpCapabilities,
      // Staff behind strict networks get TURN credentials too (their own, time-limited).
      transport: {
        ...transport,
        iceServers: deps.iceServersFor(actor.userId),
        ...(deps.iceTransportPolicy === "relay" ? { iceTransportPolicy: "relay" as const } : {}),
      },
      state: { ...room.listenState(), endReason: null },
    };
  }),

  defineHandler<"staff:listen-connect", RealtimeDeps>(
    "staff:listen-connect",
    async ({ socket, deps, input }) => {
      const room = await listeningRoom(socket, deps);
      await room.media.listenConnect(socket.id, input.transportId, input.dtlsParameters);
      return {};
    },
  ),

  defineHandler<"staff:listen-consume", RealtimeDeps>(
    "staff:listen-consume",
    async ({ socket, deps, input }) => {
      const room = await listeningRoom(socket, deps);
      return room.media.listenConsume(socket.id, input.producerId, input.rtpCapabilities);
    },
  ),

  defineHandler<"staff:listen-resume", RealtimeDeps>(
    "staff:listen-resume",
    async ({ socket, deps, input }) => {
      const room = await listeningRoom(socket, deps);
      await room.media.listenResume(socket.id, input.consumerId);
      return {};
    },
  ),

  defineHandler<"staff:listen-leave", RealtimeDeps>("staff:listen-leave", async ({ socket, deps }) => {
    await stopListening(socket, deps);
    return {};
  }),
];
