import { z } from "zod";
import { endRoomBodySchema } from "../../src/shared/protocol";
import { endRoomHere, type LiveRoomFacts, type OtherNodesRooms } from "../moderation/live-rooms";
import { RoomError } from "../rooms/room-ports";
import type { NodeAddress } from "../rooms/room-ownership";
import type { RoomRegistry } from "../rooms/room-registry";
import type { HallwayBoard } from "./hallway-board";
import type { NodeChannel } from "./node-channel";

const END_ROOM = "staff-end-room";
const endRoomSchema = endRoomBodySchema.extend({ roomId: z.string() });
const endedSchema = z.object({ hostId: z.string() });

/**
 * The staff console's view of the rooms other nodes run, and ending one on its owner.
 *
 * The list is read from the hallway board (server/cluster/hallway-board.ts), not asked of each
 * node over the node channel: every node already publishes every room it runs there, of every
 * type (a closed or social room's entry carries its type and its policy for the hallway's
 * filter), with what the console shows (title, host, start, stage and audience counts), at most
 * a second old. Asking each node would cost a round-trip per node on every console refresh and
 * wait out the timeout of a node dying, for counts a second fresher. Report counts come from
 * PostgreSQL, shared, as on one node.
 *
 * Ending is a request to the room's lease holder, which ends it as its own staff would (the same
 * `not_found` when it ended meanwhile); the staff member's node writes the audit entry, once.
 */
export class ClusterLiveRooms implements OtherNodesRooms {
  constructor(
    private readonly deps: {
      channel: NodeChannel;
      hallway: Pick<HallwayBoard, "remote">;
      ownerOf(roomId: string): Promise<NodeAddress | null>;
      registry: Pick<RoomRegistry, "peek">;
    },
  ) {
    deps.channel.handle(END_ROOM, async (body) => {
      const parsed = endRoomSchema.safeParse(body);
      if (!parsed.success) throw new RoomError("invalid_input", "Malformed room end request.");
      const hostId = await endRoomHere(deps.registry, parsed.data.roomId, parsed.data.reason);
      if (hostId === undefined) throw new RoomError("not_found", "That room is not live (any more).");
      return { hostId };
    });
  }

  async list(): Promise<LiveRoomFacts[]> {
    return (await this.deps.hallway.remote())
      .filter((entry) => !entry.ended)
      .map(({ card }) => ({
        id: card.id,
        title: card.title,
        type: card.type,
        hostId: card.hostId,
        hostName: card.hostName,
        startedAtMs: card.startedAtMs,
        stage: card.speakerCount,
        audience: card.listenerCount,
      }));
  }

  async end(roomId: string, reason: string): Promise<{ hostId: string } | null> {
    const owner = await this.deps.ownerOf(roomId).catch(() => {
      throw new RoomError("unavailable", "The server cannot find this room's server right now. Try again.");
    });
    if (!owner || owner.nodeId === this.deps.channel.nodeId) return null;
    const answer = endedSchema.safeParse(
      await this.deps.channel.request(owner.nodeId, END_ROOM, { roomId, reason }),
    );
    if (!answer.success)
      throw new RoomError("internal", "The room's server answered in a way this one cannot read.");
    return answer.data;
  }
}
