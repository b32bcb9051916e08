import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { CONNECT_REFUSAL_MESSAGES, fail, type ConnectRefusal } from "../../src/shared/protocol";
import { isSameOrigin, type OriginPolicy } from "../http/same-origin";
import type { Handler } from "./define-handler";
import { chatHandlers } from "./handlers/chat-handlers";
import { hallwayHandlers } from "./handlers/hallway-handlers";
import { mediaHandlers } from "./handlers/media-handlers";
import { metricsHandlers } from "./handlers/metrics-handlers";
import { pingHandlers } from "./handlers/ping-handlers";
import { reactionHandlers } from "./handlers/reaction-handlers";
import { roomHandlers } from "./handlers/room-handlers";
import { stageHandlers } from "./handlers/stage-handlers";
import { staffHandlers, stopListening } from "./handlers/staff-handlers";
import { AddressLimits } from "./address-limits";
import { ClusterEdge } from "./cluster/cluster-edge";
import { TokenBucket } from "./rate-limiter";
import type { RealtimeDeps } from "./realtime-deps";
import { userChannel, type RoomsServer, type RoomsSocket } from "./socket-types";

const handlers: Handler<RealtimeDeps>[] = [
  ...roomHandlers,
  ...stageHandlers,
  ...reactionHandlers,
  ...chatHandlers,
  ...mediaHandlers,
  ...pingHandlers,
  ...hallwayHandlers,
  ...metricsHandlers,
  ...staffHandlers,
];

/**
 * Creates the Socket.IO server on the app's HTTP server (no handlers yet: see attachHandlers).
 * `websocketOnly` (cluster mode): HTTP long-polling is refused. A polling session is many HTTP
 * requests that must all reach the process holding it, so behind a front door spreading requests
 * over nodes it needs sticky sessions; one WebSocket is one connection to one node, so any node
 * can take any socket and the front door needs no affinity. Clients try WebSocket first
 * (src/lib/socket-options.ts); polling stays for the single node, where it has nowhere else to go.
 */
export function createSocketServer(
  httpServer: HttpServer,
  origins: OriginPolicy,
  maxMessageBytes: number,
  websocketOnly = false,
): RoomsServer {
  return new Server(httpServer, {
    serveClient: false,
    ...(websocketOnly ? { transports: ["websocket"] } : {}),
    // Next.js' dev server owns other upgrade paths (hot reload); never destroy them.
    destroyUpgrade: false,
    // MAX_SOCKET_MESSAGE_BYTES: a larger frame closes the connection before it is parsed.
    maxHttpBufferSize: maxMessageBytes,
    // The session is a cookie: a foreign page must not open a socket with it (cross-site WebSocket hijacking).
    allowRequest: (request, callback) => callback(null, isSameOrigin(request, origins)),
  });
}

/** A refused connection: the client's `connect_error` carries the code and, in `data`, the words. */
function refusal(code: ConnectRefusal): Error & { data: { message: string } } {
  return Object.assign(new Error(code), { data: { message: CONNECT_REFUSAL_MESSAGES[code] } });
}

/**
 * Admits every connection (a socket slot for its address, then its session cookie) and wires the
 * protocol's commands to their handlers, each behind the socket's token bucket.
 */
export function attachHandlers(io: RoomsServer, given: RealtimeDeps): ClusterEdge | null {
  // Cluster mode: room commands go to their room's owner node, wherever the member is connected.
  const deps: RealtimeDeps = { ...given };
  const clusterEdge = given.cluster ? new ClusterEdge(io, deps, given.cluster, handlers) : null;
  deps.clusterEdge = clusterEdge ?? undefined;
  const addresses = new AddressLimits(deps.limits);
  const releaseSlot = new WeakMap<RoomsSocket, () => void>();
  const sessionOf = new WeakMap<RoomsSocket, { id: string; expiresAt: Date }>();

  io.use((socket, next) => {
    const addressKey = deps.addressKeyOf(socket.request);
    // The transport closing frees the slot even if the client leaves before it is connected.
    let transportClosed = false;
    socket.conn.once("close", () => {
      transportClosed = true;
      releaseSlot.get(socket)?.();
    });
    void takeSocketSlot(addresses, deps, addressKey, socket.id)
      .then(async (release) => {
        if (!release) {
          deps.logger.warn(
            { addressKey, limit: deps.limits.perIp },
            "socket refused: too many from one address",
          );
          return next(refusal("too_many_connections"));
        }
        releaseSlot.set(socket, release);
        // Closed while it was being counted: free the slot now. next() is still called below, so
        // Socket.IO forgets the half-made socket (it ignores a next() for a closed transport).
        if (transportClosed) release();
        const identity = await deps.authenticate(socket.request.headers.cookie).catch((error: unknown) => {
          release();
          throw error;
        });
        if (!identity) {
          release();
          return next(refusal("unauthorized"));
        }
        socket.data.actor = identity.actor;
        socket.data.roomId = undefined;
        socket.data.addressKey = addressKey;
        if (identity.session) sessionOf.set(socket, identity.session);
        next();
      })
      .catch((error: unknown) => {
        deps.logger.error({ err: error }, "socket authentication failed");
        next(refusal("internal"));
      });
  });

  io.on("connection", (socket) => {
    // Everything addressed to this person (notifications) reaches each of their open tabs.
    void socket.join(userChannel(socket.data.actor.userId));
    const session = sessionOf.get(socket);
    const untrack = session
      ? deps.sessions.track(session.id, session.expiresAt, () => socket.disconnect(true))
      : () => undefined;
    const bucket = new TokenBucket(deps.limits.commandBurst, deps.limits.commandsPerSecond);
    for (const handler of handlers) {
      socket.on(handler.name, (input: unknown, ack: unknown) => {
        if (typeof ack !== "function") return; // every command is request/response; no ack, no answer
        const reply = (answer: unknown): void => void Reflect.apply(ack, undefined, [answer]);
        const run = () =>
          clusterEdge
            ? clusterEdge.routing.run(handler.name, socket, input, () => handler.run(socket, deps, input))
            : handler.run(socket, deps, input);
        if (!bucket.take()) return reply(fail("rate_limited", "Too many requests; slow down."));
        if (handler.name === "room:join") {
          const shared = deps.sharedJoinLimit;
          if (shared) {
            void shared(socket.data.addressKey)
              .then((waitMs) => (waitMs > 0 ? fail("rate_limited", joinsMessage(waitMs)) : run()))
              .catch(() => fail("unavailable", "The server cannot check its limits right now. Try again."))
              .then(reply);
            return;
          }
          const waitMs = addresses.join(socket.data.addressKey);
          if (waitMs > 0) return reply(fail("rate_limited", joinsMessage(waitMs)));
        }
        void run().then(reply);
      });
    }
    socket.on("disconnect", () => {
      releaseSlot.get(socket)?.();
      untrack();
      clusterEdge?.socketClosed(socket);
      void leaveOnDisconnect(socket, deps);
      void stopListening(socket, deps).catch((error: unknown) =>
        deps.logger.debug({ err: error }, "listen-in end on disconnect skipped"),
      );
    });
  });
  return clusterEdge;
}

/**
 * A socket slot for `addressKey` on this node (MAX_SOCKETS_PER_IP, always counted here first) and,
 * in cluster mode, over every node: one release for both, or null when the address is full.
 */
async function takeSocketSlot(
  addresses: AddressLimits,
  deps: RealtimeDeps,
  addressKey: string,
  socketId: string,
): Promise<(() => void) | null> {
  const local = addresses.openSocket(addressKey);
  if (!local || !deps.sharedSocketSlot) return local;
  // Never refused for Redis trouble: this node's count stands alone (see redis-socket-slots.ts).
  const shared = await deps.sharedSocketSlot(addressKey, socketId).catch(() => () => undefined);
  if (!shared) {
    local();
    return null;
  }
  return () => {
    local();
    shared();
  };
}

function joinsMessage(waitMs: number): string {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return `Too many rooms joined from your network in the last minute. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
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
