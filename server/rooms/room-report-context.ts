import type { LiveRoomContexts } from "../moderation/report-ports";
import type { RoomRegistry } from "./room-registry";

/**
 * What a report records of a live room at the moment it is made: its title, its host, who was on
 * stage (with their roles) and who held the floor (the active speaker the media layer reports),
 * all from the room's state in this process.
 */
export function liveRoomContexts(registry: RoomRegistry): LiveRoomContexts {
  return {
    async contextOf(roomId, targetUserId) {
      const room = await registry.peek(roomId);
      if (!room || room.isEnded) return null;
      const facts = room.hallwayFacts();
      const stage = facts.stage.map((person) => ({
        userId: person.userId,
        displayName: person.displayName,
        role: room.memberRole(person.userId) ?? "speaker",
      }));
      const nameOf = (userId: string) => stage.find((person) => person.userId === userId)?.displayName;
      const hostName = nameOf(room.hostId) ?? (room.hostId === room.room.hostId ? room.room.hostName : "");
      const floorId = room.media.activeSpeakerId;
      const floorName = floorId ? nameOf(floorId) : undefined;
      return {
        room: {
          id: room.roomId,
          title: room.room.title,
          live: true,
          host: { userId: room.hostId, displayName: hostName },
          stage,
          floor: floorId && floorName !== undefined ? { userId: floorId, displayName: floorName } : null,
          listenerCount: facts.listenerCount,
        },
        targetRole: targetUserId ? (room.memberRole(targetUserId) ?? null) : null,
      };
    },
  };
}
