import type { Server } from "socket.io";
import type { RoomBroadcaster } from "../rooms/room-ports";
import { HALLWAY_CHANNEL, roomChannel, userChannel, type RoomsServer } from "./socket-types";

/** The room service's way out to people, over Socket.IO. A session id is a socket id. */
export function createSocketBroadcaster(
  io: RoomsServer,
  /** Cluster mode: a member connected to another node was taken out of a room run here. */
  remote: { detached?: (sessionId: string, roomId: string) => void } = {},
): RoomBroadcaster {
  // Socket.IO's decorated event types cannot follow a generic event name, so emitting goes through
  // the untyped view of the same server. Type safety lives in RoomBroadcaster's generic signature.
  const emitter: Server = io;
  return {
    toRoom(roomId, event, payload, exceptSessionId) {
      const target = exceptSessionId
        ? emitter.to(roomChannel(roomId)).except(exceptSessionId)
        : emitter.to(roomChannel(roomId));
      target.emit(event, payload);
    },
    toSession(sessionId, event, payload) {
      emitter.to(sessionId).emit(event, payload);
    },
    toUser(userId, event, payload) {
      emitter.to(userChannel(userId)).emit(event, payload);
    },
    toHallway(event, payload, exceptUserIds = []) {
      const watchers = emitter.to(HALLWAY_CHANNEL);
      (exceptUserIds.length > 0 ? watchers.except(exceptUserIds.map(userChannel)) : watchers).emit(
        event,
        payload,
      );
    },
    attachSession(sessionId, roomId) {
      const socket = io.sockets.sockets.get(sessionId);
      if (socket?.connected === true) void socket.join(roomChannel(roomId));
      // A member on another node: the adapter applies it there, in order with the room's events.
      else if (!socket && remote.detached) io.in(sessionId).socketsJoin(roomChannel(roomId));
    },
    detachSession(sessionId, roomId) {
      const socket = io.sockets.sockets.get(sessionId);
      if (!socket) {
        if (!remote.detached) return;
        io.in(sessionId).socketsLeave(roomChannel(roomId));
        remote.detached(sessionId, roomId);
        return;
      }
      void socket.leave(roomChannel(roomId));
      if (socket.data.roomId === roomId) socket.data.roomId = undefined;
    },
  };
}
