import { RoomError } from "./room-ports";

/** A node of the cluster: its id and the URL clients reach it at. */
export type NodeAddress = { nodeId: string; url: string };

/**
 * Who runs a live room, in cluster mode (server/cluster/room-leases.ts implements it). A node runs
 * a room only after claiming it; absent (one node), every room is this process's.
 */
export interface RoomOwnership {
  claim(roomId: string): Promise<{ ok: true } | { ok: false; owner: NodeAddress }>;
  release(roomId: string): Promise<void>;
  /** Who holds the room's lease now, or null when nobody does. */
  ownerOf(roomId: string): Promise<NodeAddress | null>;
  /** Called when a claim is found lost (lapsed or taken): the room must stop running here. */
  onLost(listener: (roomId: string) => void): void;
}

/**
 * The room runs on another node. Until commands are forwarded between nodes, a join here is
 * refused with `unavailable` and the message names the node to connect to.
 */
export class RoomOwnedElsewhere extends RoomError {
  constructor(readonly owner: NodeAddress) {
    super(
      "unavailable",
      `This room is running on another server (${owner.nodeId}${owner.url ? ` at ${owner.url}` : ""}). Connect there to join it.`,
    );
  }
}
