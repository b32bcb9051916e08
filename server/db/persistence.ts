import type { Persistence } from "../app";
import type { AppConfig } from "../config/env";
import type { Logger } from "../logging/logger";
import { createAccountPersistence } from "./account-persistence";
import { openDatabase } from "./database";
import { createNotificationStore } from "./notification-persistence";
import type { RoomRecord } from "./records";
import { createRepositories } from "./repositories";
import { createRoomStore } from "./room-store";

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
  const repositories = createRepositories(database.prisma);
  const { rooms } = repositories;
  const { accounts, invites, social } = createAccountPersistence(database.prisma);
  return {
    driver: database.driver,
    close: () => database.close(),
    accounts,
    invites,
    social,
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
    roomStore: createRoomStore(repositories),
    notifications: createNotificationStore(repositories.notifications),
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
