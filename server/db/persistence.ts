import type { Persistence } from "../app-ports";
import type { AppConfig } from "../config/env";
import type { Logger } from "../logging/logger";
import { createAccountPersistence } from "./account-persistence";
import { createAuditLog } from "./audit-persistence";
import { ChatRepository } from "./chat-repository";
import { openDatabase } from "./database";
import { databaseHealth } from "./database-health";
import { QueryTimings } from "./query-timing";
import { createNotificationStore } from "./notification-persistence";
import { createRepositories } from "./repositories";
import { RecordingsRepository } from "./recordings-repository";
import { ReportsRepository, ReportSubjectsRepository, WordFiltersRepository } from "./reports-repository";
import { createRoomStore, TRANSACTION_OPTIONS } from "./room-store";
import { createScheduleStore } from "./schedule-store";
import { createVerificationStore } from "./verification-store";
import { StaffRepository } from "./staff-repository";
import { RoomStatsRepository } from "./room-stats-repository";

/**
 * The app's persistence ports (accounts, room directory, room store) implemented over the
 * repositories. Opens (and migrates) the database; close() closes it.
 */
export async function openPersistence(
  config: Pick<AppConfig, "DATABASE_URL" | "dataDir">,
  logger: Logger,
): Promise<Persistence> {
  const queryTimings = new QueryTimings();
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.dataDir,
    logger,
    queryTimings,
  });
  const health = databaseHealth(database);
  const repositories = createRepositories(database.prisma);
  const { accounts, invites, social } = createAccountPersistence(database.prisma);
  return {
    driver: database.driver,
    close: () => health.close(),
    ping: () => health.ping(),
    observeQueries: (observer) => {
      queryTimings.observer = observer;
    },
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
    chat: new ChatRepository(database.prisma),
    audit: createAuditLog(repositories.audit, logger.child({ component: "audit" })),
    reports: {
      store: new ReportsRepository(database.prisma),
      filters: new WordFiltersRepository(database.prisma),
      subjects: new ReportSubjectsRepository(database.prisma),
    },
    verification: createVerificationStore(database.prisma),
    staff: new StaffRepository(database.prisma),
    recordings: new RecordingsRepository(database.prisma),
    roomStats: new RoomStatsRepository(database.prisma, (work) =>
      database.prisma.$transaction((tx) => work(tx), TRANSACTION_OPTIONS),
    ),
  };
}
