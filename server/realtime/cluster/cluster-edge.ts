import type { ClusterMediaHub } from "../../cluster/cluster-media-hub";
import type { MemberMedia } from "../../cluster/edge-room-media";
import type { NodeChannel } from "../../cluster/node-channel";
import type { NodeAddress } from "../../rooms/room-ownership";
import type { Handler } from "../define-handler";
import { endListenIn } from "../handlers/staff-handlers";
import type { RealtimeDeps } from "../realtime-deps";
import { roomChannel, type RoomsServer, type RoomsSocket } from "../socket-types";
import { CommandRouting } from "./command-routing";
import { CLUSTER_METHODS, sessionDetachedSchema } from "./forwarded-command";
import { RemoteMembers } from "./remote-members";

/** What the socket edge gets from the cluster (server/cluster), made by the composition root. */
export type RealtimeCluster = {
  channel: NodeChannel;
  media: ClusterMediaHub;
  ownerOf(roomId: string): Promise<NodeAddress | null>;
  /** ROOM_LEASE_TTL_MS: a lease missing for longer than this is gone, not being taken back. */
  leaseTtlMs: number;
};

/** How often a node checks that the rooms its members are in still have the owner it knew. */
const OWNER_CHECK_MS = 1_000;
/**
 * How long a room's lease and its owner's heartbeat must both stay missing before its members
 * here move on: longer than the gap a Redis restart leaves (every key gone until the nodes'
 * connections are back and they beat and renew again, about a second).
 */
const OWNER_DEAD_AFTER_MS = 3_000;

/**
 * The socket edge in cluster mode: room commands of members here go to their room's owner
 * (CommandRouting), commands forwarded from other nodes run here (RemoteMembers), and a member's
 * media is served by this node's workers (ClusterMediaHub). When the owner of a room that members
 * here are in is gone, they are sent through the reconnect flow (as after a restart): their
 * rejoin brings the room back on whichever node claims it first, from PostgreSQL.
 */
export class ClusterEdge {
  readonly routing: CommandRouting;
  readonly members: RemoteMembers;
  /**
   * Sockets here in a room another node owns, with the owner they joined through: per socket, not
   * per room, since after a takeover some members here may have rejoined through the new owner
   * while others still hang on to the old one.
   */
  private readonly joinedVia = new Map<string, { roomId: string; ownerNodeId: string }>();
  /** Staff sockets here listening to a room another node owns, through that node. */
  private readonly listeningVia = new Map<
    string,
    { roomId: string; ownerNodeId: string; missingSince?: number }
  >();
  private readonly timer: NodeJS.Timeout;
  /** Rooms whose lease was found missing, since when (a Redis restart loses leases for a moment). */
  private readonly ownerMissingSince = new Map<string, number>();

  constructor(
    private readonly io: RoomsServer,
    deps: RealtimeDeps,
    private readonly cluster: RealtimeCluster,
    handlers: readonly Handler<RealtimeDeps>[],
  ) {
    const logger = deps.logger.child({ component: "cluster-edge" });
    this.routing = new CommandRouting({
      channel: cluster.channel,
      runsHere: (roomId) => deps.registry.isHere(roomId),
      ownerOf: (roomId) => cluster.ownerOf(roomId),
      logger,
      hasMediaRoom: () => cluster.media.hasMediaRoom(),
      forwarded: (socket, roomId, ownerNodeId, after) => {
        if (roomId !== after) cluster.media.memberGone(roomId, socket.data.actor.userId);
        if (after !== undefined) this.joinedVia.set(socket.id, { roomId: after, ownerNodeId });
        else this.joinedVia.delete(socket.id);
      },
      listened: (socket, ownerNodeId, roomId) => {
        if (roomId !== undefined) this.listeningVia.set(socket.id, { roomId, ownerNodeId });
        else this.listeningVia.delete(socket.id);
      },
      endListenHere: (roomId, socketId) => endListenIn(deps, roomId, socketId),
    });
    this.members = new RemoteMembers(io, cluster.channel, deps, handlers, logger);
    cluster.media.nodeOfMember = (roomId, userId) => this.members.nodeOfMember(roomId, userId);
    cluster.media.remoteMediaRoom = (sessionId) => this.members.mediaRoomOf(sessionId);
    cluster.media.isMemberHere = (sessionId, roomId) => this.socketHere(sessionId)?.data.roomId === roomId;
    cluster.channel.onNotice(CLUSTER_METHODS.sessionDetached, (body) => {
      const parsed = sessionDetachedSchema.safeParse(body);
      if (!parsed.success) return;
      const socket = this.socketHere(parsed.data.sessionId);
      if (socket?.data.roomId !== parsed.data.roomId) return;
      socket.data.roomId = undefined;
      void socket.leave(roomChannel(parsed.data.roomId));
      cluster.media.memberGone(parsed.data.roomId, socket.data.actor.userId);
    });
    this.timer = setInterval(
      () => void this.checkOwners().then(() => this.checkListenOwners()),
      OWNER_CHECK_MS,
    );
    this.timer.unref();
  }

  private socketHere(sessionId: string): RoomsSocket | undefined {
    return this.io.sockets.sockets.get(sessionId);
  }

  /** The member's media for the room their socket is in, when another node owns it; null: run here. */
  async remoteMedia(socket: { id: string; data: RoomsSocket["data"] }): Promise<MemberMedia | null> {
    const roomId = socket.data.roomId;
    if (roomId === undefined || this.routing.runsHere(roomId)) return null;
    const via = this.joinedVia.get(socket.id);
    const ownerNodeId =
      via?.roomId === roomId ? via.ownerNodeId : (await this.cluster.ownerOf(roomId))?.nodeId;
    if (ownerNodeId === undefined || ownerNodeId === this.cluster.channel.nodeId) return null;
    return this.cluster.media.edgeFor(roomId, ownerNodeId);
  }

  /** A member of a room run here, connected to another node, was taken out: that node forgets the room. */
  detached(sessionId: string, roomId: string): void {
    const nodeId = this.members.nodeOf(sessionId);
    if (nodeId !== undefined)
      this.cluster.channel.notify(nodeId, CLUSTER_METHODS.sessionDetached, { sessionId, roomId });
  }

  /**
   * A socket here closed: the owner of its room (elsewhere) lets the member go, and the nodes its
   * listen-ins were forwarded to end them.
   */
  socketClosed(socket: RoomsSocket): void {
    const tell = new Set(this.routing.standInsOf(socket.id));
    this.listeningVia.delete(socket.id);
    const roomId = socket.data.roomId;
    if (roomId !== undefined && !this.routing.runsHere(roomId)) {
      this.cluster.media.memberGone(roomId, socket.data.actor.userId);
      const via = this.joinedVia.get(socket.id);
      this.joinedVia.delete(socket.id);
      if (via !== undefined) tell.add(via.ownerNodeId);
    }
    for (const nodeId of tell)
      this.cluster.channel.notify(nodeId, CLUSTER_METHODS.socketGone, { socketIds: [socket.id] });
  }

  /**
   * Members here whose room's owner is not the one they joined through (it died, drained, or its
   * lease lapsed and another node took the room): back through the reconnect flow, so they rejoin
   * through the room's owner now.
   */
  private async checkOwners(): Promise<void> {
    const rooms = new Map<string, { socket: RoomsSocket; ownerNodeId: string }[]>();
    for (const [socketId, via] of [...this.joinedVia]) {
      const socket = this.socketHere(socketId);
      if (socket?.data.roomId !== via.roomId) {
        this.joinedVia.delete(socketId); // closed, or left the room meanwhile
        continue;
      }
      rooms.set(via.roomId, [...(rooms.get(via.roomId) ?? []), { socket, ownerNodeId: via.ownerNodeId }]);
    }
    for (const roomId of [...this.ownerMissingSince.keys()])
      if (!rooms.has(roomId)) this.ownerMissingSince.delete(roomId);
    for (const [roomId, members] of rooms) {
      const owner = await this.cluster.ownerOf(roomId).catch(() => undefined);
      if (owner === undefined) continue; // Redis away: keep waiting
      if (owner === null) {
        // Missing: after a Redis restart the owner takes it back within a reconnect and a renewal,
        // and its heartbeat comes back too; only an owner whose heartbeat stays gone is dead.
        const known = new Set(members.map((member) => member.ownerNodeId));
        const alive = await Promise.all([...known].map((nodeId) => this.cluster.channel.isAlive(nodeId)));
        if (alive.some(Boolean)) {
          this.ownerMissingSince.delete(roomId);
          continue;
        }
        const since = this.ownerMissingSince.get(roomId) ?? Date.now();
        this.ownerMissingSince.set(roomId, since);
        if (Date.now() - since < OWNER_DEAD_AFTER_MS) continue;
      } else this.ownerMissingSince.delete(roomId);
      const stale = members.filter((member) => member.ownerNodeId !== owner?.nodeId);
      if (stale.length === 0) continue;
      // The edge media follows the latest owner asked for (ClusterMediaHub.edgeFor), so it only
      // closes here when nobody here rejoined through the new owner yet.
      if (stale.length === members.length) this.cluster.media.closeEdge(roomId);
      for (const { socket } of stale) {
        this.joinedVia.delete(socket.id);
        socket.data.roomId = undefined;
        socket.emit("server:restarting", { message: "The room moved to another server. Reconnecting…" });
        socket.disconnect(true);
      }
    }
  }

  /**
   * Staff here listening to a room whose owner changed (it died, drained, or its lease lapsed and
   * another node took the room): the listen-in went with the old owner, so their console is told
   * to open it again (`media:reset`, as after a media restart), which reaches the owner now.
   */
  private async checkListenOwners(): Promise<void> {
    const owners = new Map<string, NodeAddress | null | undefined>();
    for (const [socketId, via] of [...this.listeningVia]) {
      const socket = this.socketHere(socketId);
      if (socket?.data.listeningTo !== via.roomId) {
        this.listeningVia.delete(socketId); // closed, left, or listening elsewhere meanwhile
        continue;
      }
      if (!owners.has(via.roomId))
        owners.set(via.roomId, await this.cluster.ownerOf(via.roomId).catch(() => undefined));
      const owner = owners.get(via.roomId);
      if (owner === undefined) continue; // Redis away: keep waiting
      if (owner === null) {
        // As for members: a lease missing for less than its life may be a Redis restart.
        via.missingSince ??= Date.now();
        if (Date.now() - via.missingSince < Math.max(this.cluster.leaseTtlMs, OWNER_DEAD_AFTER_MS)) continue;
      } else if (owner.nodeId === via.ownerNodeId) {
        via.missingSince = undefined;
        continue;
      }
      this.listeningVia.delete(socketId);
      socket.emit("media:reset", { reason: "media-server-restarted" });
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.members.close();
    this.cluster.media.close();
  }
}
