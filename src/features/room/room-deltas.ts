import type { Socket } from "socket.io-client";
import { onServerEvent } from "@/lib/socket-events";
import type { RoomDelta } from "./room-snapshot-reducer";

/**
 * The server events that change the room view one versioned step at a time (stage, roles, hands,
 * host, settings, the end), each handed on as a RoomDelta for the reducer to order and apply.
 */
export function subscribeRoomDeltas(socket: Socket, apply: (delta: RoomDelta) => void): void {
  onServerEvent(socket, "room:member-joined", (payload) => apply({ type: "member-joined", payload }));
  onServerEvent(socket, "room:member-updated", (payload) => apply({ type: "member-updated", payload }));
  onServerEvent(socket, "room:member-left", (payload) => apply({ type: "member-left", payload }));
  onServerEvent(socket, "room:member-removed", (payload) => apply({ type: "member-removed", payload }));
  onServerEvent(socket, "room:host-changed", (payload) => apply({ type: "host-changed", payload }));
  onServerEvent(socket, "room:settings-updated", (payload) => apply({ type: "settings-updated", payload }));
  onServerEvent(socket, "room:music-mode-changed", (payload) =>
    apply({ type: "music-mode-changed", payload }),
  );
  onServerEvent(socket, "room:recording-changed", (payload) => apply({ type: "recording-changed", payload }));
  onServerEvent(socket, "room:ended", (payload) => apply({ type: "ended", payload }));
}
