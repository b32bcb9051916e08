import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { fail } from "../../src/shared/protocol";
import { isSameOrigin } from "../http/same-origin";
import type { Handler } from "./define-handler";
import { hallwayHandlers } from "./handlers/hallway-handlers";
import { mediaHandlers } from "./handlers/media-handlers";
import { pingHandlers } from "./handlers/ping-handlers";
import { roomHandlers } from "./handlers/room-handlers";
import { stageHandlers } from "./handlers/stage-handlers";
import { TokenBucket } from "./rate-limiter";
import type { RealtimeDeps } from "./realtime-deps";
import { userChannel, type RoomsServer, type RoomsSocket } from "./socket-types";

const handlers: Handler<RealtimeDeps>[] = [
  ...roomHandlers,
  ...stageHandlers,
  ...mediaHandlers,
  ...pingHandlers,
  ...hallwayHandlers,
];

/** Creates the Socket.IO server on the app's HTTP server (no handlers yet: see attachHandlers). */
export function createSocketServer(httpServer: HttpServer, publicOrigin: string): RoomsServer {
  return new Server(httpServer, {
    serveClient: false,
    // Next.js' dev server owns other upgrade paths (hot reload); never destroy them.
    destroyUpgrade: false,
    maxHttpBufferSize: 64 * 1024,
    // The session is a cookie: a foreign page must not open a socket with it (cross-site WebSocket hijacking).
    allowRequest: (request, callback) => callback(null, isSameOrigin(request, publicOrigin)),
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
    // Everything addressed to this person (notifications) reaches each of their open tabs.
    void socket.join(userChannel(socket.data.actor.userId));
    const bucket = new TokenBucket(60, 20);
    for (const handler of handlers) {
      socket.on(handler.name, (input: unknown, ack: unknown) => {
        if (typeof ack !== "function") return; // every command is request/response; no ack, no answer
        const reply = (answer: unknown): void => void Reflect.apply(ack, undefined, [answer]);
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
