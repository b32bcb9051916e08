"use client";
import { io, type Socket } from "socket.io-client";

/**
 * The one Socket.IO connection a tab keeps open outside rooms: the hallway's live updates and
 * notifications arrive on it. Shared (module-level, created on first use) so the header's bell and
 * the hallway do not each open their own. The room page keeps its own connection, whose lifecycle
 * is tied to the room (see features/room/room-connection.ts).
 */
let shared: Socket | null = null;

export function appSocket(): Socket {
  shared ??= io({ transports: ["websocket", "polling"] });
  return shared;
}

/**
 * Runs `onConnect` now if connected and after every reconnect: subscriptions made with a command
 * (like `hallway:watch`) live on the server side of one connection and must be renewed.
 * Returns the unsubscribe function.
 */
export function onAppSocketConnect(onConnect: (socket: Socket) => void): () => void {
  const socket = appSocket();
  const handler = () => onConnect(socket);
  socket.on("connect", handler);
  if (socket.connected) handler();
  return () => {
    socket.off("connect", handler);
  };
}

/**
 * Calls `onChange` whenever something a hallway shows may have changed: on each `hallway:changed`
 * push, and after every (re)connect, since pushes sent while disconnected are lost. Watching is
 * asked for again on each connect (it lives on one server-side connection). The push carries no
 * room data, so there is nothing to validate: callers fetch what the server filters for them.
 * Returns the unsubscribe function.
 */
export function watchHallway(onChange: () => void): () => void {
  const socket = appSocket();
  socket.on("hallway:changed", onChange);
  const stopConnecting = onAppSocketConnect((connected) => {
    connected.emit("hallway:watch", {}, () => undefined);
    onChange();
  });
  return () => {
    socket.off("hallway:changed", onChange);
    stopConnecting();
  };
}
