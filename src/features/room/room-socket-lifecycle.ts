import { io, type Socket } from "socket.io-client";
import { connectRefusalOf } from "@/shared/protocol";
import { onServerEvent } from "@/lib/socket-events";
import { SOCKET_TRANSPORTS } from "@/lib/socket-options";
import { offline, signInToJoin } from "./room-problems";
import type { RoomViewState } from "./room-view-state";

/** What the connection's life on the wire needs from the room connection. */
export interface SocketLifecycleHooks {
  isClosed(): boolean;
  /** The page has stopped for good (ended, removed, replaced): a disconnect is no reconnect. */
  isFinal(): boolean;
  isRestarting(): boolean;
  join(): void;
  update(patch: Partial<RoomViewState>): void;
  /** The server said it is restarting (drained): remember what to restore on rejoin. */
  restarting(message: string): void;
}

/**
 * The room's socket. It retries quickly and often (at most 2 s apart): after a restart the next
 * process is usually listening within seconds, and the member should be back in the room right after.
 */
export function createRoomSocket(): Socket {
  return io({
    ...SOCKET_TRANSPORTS,
    autoConnect: false,
    reconnectionDelay: 500,
    reconnectionDelayMax: 2000,
  });
}

/**
 * Connect, drop, refusal at the door and drained restarts: the socket's own life, turned into the
 * room's phase. Socket.IO retries by itself after network trouble; the rest is handled here.
 */
export function watchSocketLifecycle(socket: Socket, hooks: SocketLifecycleHooks): void {
  socket.on("connect", () => hooks.join());
  socket.on("disconnect", (reason) => {
    if (hooks.isClosed() || hooks.isFinal()) return;
    hooks.update({ phase: "reconnecting" });
    // Socket.IO does not retry when the server closed the connection (a restart or redeploy):
    // then we retry, and rejoin on `connect`.
    if (reason === "io server disconnect") setTimeout(() => !hooks.isClosed() && socket.connect(), 1000);
  });
  socket.on("connect_error", (error) => {
    const refusal = connectRefusalOf(error);
    if (refusal === "unauthorized") hooks.update(signInToJoin);
    else if (refusal === "too_many_connections") {
      // Refused at the door, so Socket.IO will not retry: try again once others may have left.
      hooks.update({ phase: "reconnecting", problem: { kind: "connect", refusal: "too_many_connections" } });
      setTimeout(() => !hooks.isClosed() && !socket.connected && socket.connect(), 15_000);
    } else if (!hooks.isRestarting()) hooks.update({ phase: "reconnecting", problem: offline });
  });
  onServerEvent(socket, "server:restarting", ({ message }) => hooks.restarting(message));
}
