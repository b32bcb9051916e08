import type { ManagerOptions } from "socket.io-client";

/**
 * How every browser socket connects: a WebSocket first, HTTP long-polling only if the WebSocket
 * cannot open (a proxy or firewall that blocks upgrades). `tryAllTransports` is what makes the
 * fallback real: without it Socket.IO retries the WebSocket forever. A cluster's nodes accept
 * WebSockets only (server/realtime/socket-server.ts), so there the first try is the one that
 * works and no sticky sessions are needed in front of them; a single node still takes polling.
 */
export const SOCKET_TRANSPORTS = {
  transports: ["websocket", "polling"],
  tryAllTransports: true,
} as const satisfies Partial<ManagerOptions>;
