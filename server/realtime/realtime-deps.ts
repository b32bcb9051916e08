import type { IncomingMessage } from "node:http";
import type { ChatService } from "../chat/chat-service";
import type { Limits } from "../config/limits";
import type { Actor } from "../domain/room-state";
import type { Logger } from "../logging/logger";
import type { AuditLog } from "../moderation/audit-ports";
import type { StaffRole } from "../moderation/staff";
import type { PingService } from "../notifications/ping-service";
import type { RoomRegistry } from "../rooms/room-registry";
import type { RoomService } from "../rooms/room-service";
import { RoomError } from "../rooms/room-ports";
import type { RealtimeMetrics } from "../metrics/realtime-metrics";
import type { ClusterEdge, RealtimeCluster } from "./cluster/cluster-edge";
import type { SessionSockets } from "./session-sockets";
import type { CommandSocket } from "./socket-types";

export type IceServer = {
  urls: string | string[];
  username?: string | undefined;
  credential?: string | undefined;
};

/** Everything the socket handlers use, passed in by the composition root. */
export type RealtimeDeps = {
  registry: RoomRegistry;
  logger: Logger;
  /** The ICE servers handed to this person with each new transport (TURN credentials made fresh). */
  iceServersFor(userId: string): IceServer[];
  /** `relay`: browsers must send media through TURN only (ICE_TRANSPORT_POLICY). */
  iceTransportPolicy: "all" | "relay";
  /** Pings people into a room (`room:ping`). */
  pings: Pick<PingService, "ping">;
  /**
   * Resolves the session cookie of a connecting socket to a person and their session (null for a
   * guest), or null when nobody may connect without a session.
   */
  authenticate(cookieHeader: string | undefined): Promise<SocketIdentity | null>;
  /** The client's address limit key (server/http/client-address.ts): the same as the HTTP limits'. */
  addressKeyOf(request: IncomingMessage): string;
  limits: Limits["sockets"];
  /**
   * Cluster mode: room joins per address counted in Redis across every node (the milliseconds to
   * wait, or 0). Absent, this process counts them in memory.
   */
  sharedJoinLimit?: ((addressKey: string) => Promise<number>) | undefined;
  /**
   * Cluster mode: MAX_SOCKETS_PER_IP over every node (server/cluster/redis-socket-slots.ts), asked
   * after this node's own count admitted the socket: its release, or null when the address is full.
   */
  sharedSocketSlot?: ((addressKey: string, socketId: string) => Promise<(() => void) | null>) | undefined;
  /** Open sockets per session, closed when their session ends or expires. */
  sessions: SessionSockets;
  /** Joins and first-audio reports for /metrics (absent: not counted). */
  metrics?: RealtimeMetrics;
  /** A person's platform staff role now (read afresh: a role can be taken away), or null. */
  staffRoleOf(userId: string): Promise<StaffRole | null>;
  /** Where listen-ins are recorded (platform.listen_in). */
  audit: AuditLog;
  /** The rooms' chat backchannel (absent: no chat, e.g. in tests of other features). */
  chat?: ChatService;
  /** Cluster mode: the node channel, the media hub and who owns which room (absent: one node). */
  cluster?: RealtimeCluster | undefined;
  /** Cluster mode, made by attachHandlers: routing, remote members, remote media. */
  clusterEdge?: ClusterEdge | undefined;
};

export type SocketIdentity = { actor: Actor; session: { id: string; expiresAt: Date } | null };

/** The room this socket has joined, or `invalid_state` if it has not joined one. */
export async function joinedRoom(socket: CommandSocket, deps: RealtimeDeps): Promise<RoomService> {
  const roomId = socket.data.roomId;
  if (roomId === undefined) throw new RoomError("invalid_state", "Join a room first.");
  return deps.registry.get(roomId);
}
