import type { Server as HttpServer, IncomingMessage } from "node:http";
import { Server } from "socket.io";
import { fail } from "../../src/shared/protocol";
import type { Handler } from "./define-handler";
import { mediaHandlers } from "./handlers/media-handlers";
import { roomHandlers } from "./handlers/room-handlers";
import { stageHandlers } from "./handlers/stage-handlers";
import { TokenBucket } from "./rate-limiter";
import type { RealtimeDeps } from "./realtime-deps";
import type { RoomsServer, RoomsSocket } from "./socket-types";

const handlers: Handler<RealtimeDeps>[] = [...roomHandlers, ...stageHandlers, ...mediaHandlers];

/**
 * Browsers send Origin on WebSocket upgrades and Socket.IO polling; the session is a cookie, so a
 * foreign page must not be able to open a socket with it (cross-site WebSocket hijacking).
 * Same-origin means the Origin matches the Host the request came to, or the configured origin.
 */
export function isAllowedOrigin(request: IncomingMessage, publicOrigin: string): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true; // not a browser (bots, tests, native clients)
  return origin === publicOrigin || origin === `http://${request.headers.host}` || origin === `https://${request.headers.host}`;
}

/** Creates the Socket.IO server on the app's HTTP server (no handlers yet: see attachHandlers). */
export function createSocketServer(httpServer: HttpServer, publicOrigin: string): RoomsServer {
  return new Server(httpServer, {
    serveClient: false,
    // Next.js' dev server owns other upgrade paths (hot reload); never destroy them.
    destroyUpgrade: false,
    maxHttpBufferSize: 64 * 1024,
    allowRequest: (request, callback) => callback(null, isAllowedOrigin(request, publicOrigin)),
  });
}

/** Authenticates every connection and wires the protocol's commands to their handlers. */
export function attachHandlers(io: RoomsServer, deps: RealtimeDeps): void {
  io.use((socket, next) => {
    deps
      .authenticate(socket.request.headers.cookie)
      .then((actor) => {
        if (!actor) return next(new Error("unauthorized"));
        socket.data.actor = actor;
        socket.data.roomId = undefined;
        next();
      })
      .catch((error: unknown) => {
        deps.logger.error({ err: error }, "socket authentication failed");
        next(new Error("internal"));
      });
  });

  io.on("connection", (socket) => {
    const bucket = new TokenBucket(60, 20);
    for (const handler of handlers) {
      socket.on(handler.name, (input: unknown, ack: unknown) => {
        if (typeof ack !== "function") return; // every command is request/response; no ack, no answer
        const reply = (answer: unknown) => ack(answer);
        if (!bucket.take()) return reply(fail("rate_limited", "Too many requests; slow down."));
        void handler.run(socket, deps, input).then(reply);
      });
    }
    socket.on("disconnect", () => void leaveOnDisconnect(socket, deps));
  });
}

async function leaveOnDisconnect(socket: RoomsSocket, deps: RealtimeDeps): Promise<void> {
  const roomId = socket.data.roomId;
  if (roomId === undefined) return;
  try {
    // peek, never get: a disconnect must not bring a room back to life (e.g. during shutdown).
    const room = await deps.registry.peek(roomId);
    await room?.disconnect(socket.data.actor, socket.id);
  } catch (error) {
    deps.logger.debug({ err: error, roomId }, "leave on disconnect skipped");
  }
}
