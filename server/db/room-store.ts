import type { RoomRole } from "./records";
import type { Repositories } from "./repositories";

/**
 * The room service's persistence (its RoomStore port, checked where persistence.ts hands it to the
 * app: the db layer may not import the rooms layer) over the repositories. A host's "remove for
 * good" is the same block a person can set on a profile: both keep that person out of the host's rooms.
 */
export function createRoomStore(repositories: Pick<Repositories, "rooms" | "roomMembers" | "social">) {
  const { rooms, roomMembers, social } = repositories;
  return {
    async findRoom(roomId: string) {
      const room = await rooms.findById(roomId);
      if (room === null) return null;
      const members = room.status === "live" ? await roomMembers.listActive(roomId) : [];
      return {
        id: room.id,
        title: room.title,
        hostId: room.hostId,
        status: room.status,
        members: members.map((m) => ({ userId: m.userId, displayName: m.displayName, role: m.role, joinedAt: m.joinedAt.getTime() })),
      };
    },
    async markRoomEnded(roomId: string, at: Date) {
      await rooms.markEnded(roomId, at);
    },
    saveRoomHost: (roomId: string, hostId: string) => rooms.setHost(roomId, hostId),
    async saveMemberRole(roomId: string, userId: string, role: RoomRole, at: Date) {
      await roomMembers.upsertRole(roomId, userId, role, at);
    },
    async markMemberLeft(roomId: string, userId: string, at: Date) {
      await roomMembers.markLeft(roomId, userId, at);
    },
    hostBlockedUserIds: (hostId: string) => social.blockedUserIds(hostId),
    blockUserForHost: (hostId: string, userId: string) => social.block(hostId, userId),
  };
}
