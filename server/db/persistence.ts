import type { Persistence } from "../app";
import type { AppConfig } from "../config/env";
import type { Logger } from "../logging/logger";
import { openDatabase } from "./database";
import type { RoomRecord } from "./records";
import { createRepositories } from "./repositories";

/**
 * The app's persistence ports (accounts, room directory, room store) implemented over the
 * repositories. Opens (and migrates) the database; close() closes it.
 */
export async function openPersistence(
  config: Pick<AppConfig, "DATABASE_URL" | "dataDir">,
  logger: Logger,
): Promise<Persistence> {
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.dataDir,
    logger,
  });
  const { users, sessions, rooms, roomMembers } = createRepositories(database.prisma);
  return {
    driver: database.driver,
    close: () => database.close(),
    accounts: {
      async createUser(displayName) {
        const user = await users.createWithDisplayName(displayName);
        return { id: user.id, displayName: user.displayName };
      },
      async createSession(userId) {
        const { token, session } = await sessions.create(userId);
        return { token, expiresAt: session.expiresAt };
      },
      async findUserBySessionToken(token) {
        const user = await sessions.findUserByToken(token);
        return user === null ? null : { id: user.id, displayName: user.displayName };
      },
      deleteSession: (token) => sessions.delete(token),
    },
    rooms: {
      async createRoom(input) {
        return toRoomSummary(await rooms.create(input));
      },
      async findRoom(roomId) {
        const room = await rooms.findById(roomId);
        return room === null ? null : toRoomSummary(room);
      },
      async listLiveRooms() {
        return (await rooms.listLive()).map(toRoomSummary);
      },
    },
    roomStore: {
      async findRoom(roomId) {
        const room = await rooms.findById(roomId);
        if (room === null) return null;
        return { id: room.id, title: room.title, hostId: room.hostId, status: room.status };
      },
      async markRoomEnded(roomId, at) {
        await rooms.markEnded(roomId, at);
      },
      async saveMemberRole(roomId, userId, role, at) {
        await roomMembers.upsertRole(roomId, userId, role, at);
      },
      async markMemberLeft(roomId, userId, at) {
        await roomMembers.markLeft(roomId, userId, at);
      },
    },
  };
}

function toRoomSummary(room: RoomRecord) {
  return {
    id: room.id,
    title: room.title,
    status: room.status,
    hostId: room.hostId,
    hostName: room.hostName,
    createdAt: room.createdAt.toISOString(),
    endedAt: room.endedAt?.toISOString() ?? null,
  };
}
