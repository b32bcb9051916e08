"use client";
import { io, type Socket } from "socket.io-client";
import { serverEvents, type HallwayCardPush } from "@/shared/protocol";
import { SOCKET_TRANSPORTS } from "./socket-options";

/**
 * The one Socket.IO connection a tab keeps open outside rooms: the hallway's live updates and
 * notifications arrive on it. Shared (module-level, created on first use) so the header's bell and
 * the hallway do not each open their own. The room page keeps its own connection, whose lifecycle
 * is tied to the room (see features/room/room-connection.ts).
 */
let shared: Socket | null = null;

export function appSocket(): Socket {
  if (shared) return shared;
  const socket = io({ ...SOCKET_TRANSPORTS });
  // The server closes a socket whose session ended (signed out in another tab, expired): Socket.IO
  // does not retry that by itself. Come back without the old identity, as the page now is.
  socket.on("disconnect", (reason) => {
    if (reason === "io server disconnect") setTimeout(() => socket.connect(), 1000);
  });
  shared = socket;
  return socket;
}

/**
 * Drops the connection's identity after signing out: the socket is closed and opened again, so
 * the new handshake carries the new cookie (none) and the server forgets who it was. Listeners
 * stay attached; `onAppSocketConnect` renews subscriptions on the new connection.
 */
export function restartAppSocket(): void {
  if (!shared) return;
  shared.disconnect();
  shared.connect();
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

export type HallwayWatcher = {
  /** Fetch the hallway again (a social or closed room changed, the list as a whole did, or we reconnected). */
  refetch: () => void;
  /** An open room's new card (validated against the protocol). */
  card: (room: HallwayCardPush) => void;
  removed: (roomId: string) => void;
};

/**
 * Keeps a hallway live: open rooms' cards arrive pushed (`hallway:room-updated`, `-removed`);
 * anything whose visibility differs per viewer arrives as `hallway:changed`, on which the caller
 * refetches what the server filters for it; and after every (re)connect, since pushes sent while
 * disconnected are lost, it refetches too. Watching is asked for again on each connect (it lives
 * on one server-side connection). Returns the unsubscribe function.
 */
export function watchHallway(watcher: HallwayWatcher): () => void {
  const socket = appSocket();
  const onChanged = () => watcher.refetch();
  const onCard = (raw: unknown) => {
    const parsed = serverEvents["hallway:room-updated"].safeParse(raw);
    if (parsed.success) watcher.card(parsed.data.room);
  };
  const onRemoved = (raw: unknown) => {
    const parsed = serverEvents["hallway:room-removed"].safeParse(raw);
    if (parsed.success) watcher.removed(parsed.data.roomId);
  };
  socket.on("hallway:changed", onChanged);
  socket.on("hallway:room-updated", onCard);
  socket.on("hallway:room-removed", onRemoved);
  const stopConnecting = onAppSocketConnect((connected) => {
    connected.emit("hallway:watch", {}, () => undefined);
    watcher.refetch();
  });
  return () => {
    socket.off("hallway:changed", onChanged);
    socket.off("hallway:room-updated", onCard);
    socket.off("hallway:room-removed", onRemoved);
    stopConnecting();
  };
}
