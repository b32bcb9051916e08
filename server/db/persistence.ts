import type { Persistence } from "../app";
import type { AppConfig } from "../config/env";
import type { Logger } from "../logging/logger";
import { createAccountPersistence } from "./account-persistence";
import { createAuditLog } from "./audit-persistence";
import { openDatabase } from "./database";
import { createNotificationStore } from "./notification-persistence";
import { createRepositories } from "./repositories";
import { createRoomStore, TRANSACTION_OPTIONS } from "./room-store";
import { createScheduleStore } from "./schedule-store";
import { StaffRepository } from "./staff-repository";

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
  const { accounts, invites, social } = createAccountPersistence(database.prisma);
  return {
    driver: database.driver,
    close: () => database.close(),
    accounts,
    invites,
    social,
    roomStore: createRoomStore(repositories, (work) =>
      database.prisma.$transaction((tx) => work(createRepositories(tx)), TRANSACTION_OPTIONS),
    ),
    schedule: createScheduleStore(repositories),
    roomQuotas: {
      hostedRoomCounts: (hostId: string, scheduledSince: Date) =>
        repositories.rooms.countHosted(hostId, scheduledSince),
    },
    notifications: createNotificationStore(repositories.notifications),
    audit: createAuditLog(repositories.audit, logger.child({ component: "audit" })),
    staff: new StaffRepository(database.prisma),
  };
}
