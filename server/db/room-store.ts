import type { RoomStore } from "../rooms/room-ports";
import type { Repositories } from "./repositories";

/**
 * The room service's persistence port over the repositories. A host's "remove for good" is the
 * same block a person can set on a profile, so both keep that person out of the host's rooms.
 */
export function createRoomStore(repositories: Pick<Repositories, "rooms" | "roomMembers" | "social">): RoomStore {
  const { rooms, roomMembers, social } = repositories;
  return {
    async findRoom(roomId) {
      const room = await rooms.findById(roomId);
      if (room === null) return null;
      return { id: room.id, title: room.title, hostId: room.hostId, status: room.status };
    },
    async markRoomEnded(roomId, at) {
      await rooms.markEnded(roomId, at);
    },
    saveRoomHost: (roomId, hostId) => rooms.setHost(roomId, hostId),
    async saveMemberRole(roomId, userId, role, at) {
      await roomMembers.upsertRole(roomId, userId, role, at);
    },
    async markMemberLeft(roomId, userId, at) {
      await roomMembers.markLeft(roomId, userId, at);
    },
    hostBlockedUserIds: (hostId) => social.blockedUserIds(hostId),
    blockUserForHost: (hostId, userId) => social.block(hostId, userId),
  };
}
