import type { Persistence } from "../app-ports";
import type { Limits } from "../config/limits";
import type { Logger } from "../logging/logger";
import type { Notifier } from "../notifications/notification-ports";
import { liveRoomContexts } from "../rooms/room-report-context";
import type { RoomRegistry } from "../rooms/room-registry";
import { WordFilters } from "./content-filter";
import { LiveRooms, type OtherNodesRooms } from "./live-rooms";
import { PlatformActions } from "./platform-actions";
import type { LiveSanctions } from "./platform-ports";
import { ReportService } from "./report-service";
import { TextScreening } from "./text-screening";
import { VerificationService } from "./verification-service";

/**
 * The trust-and-safety services the console and the report routes use, wired together: live
 * rooms, real-name verification, word filters and screening, reports, platform actions. One
 * place, so the composition root stays a list of parts and these share one audit log.
 */
export async function createTrustAndSafety(deps: {
  persistence: Pick<Persistence, "audit" | "reports" | "verification" | "staff">;
  registry: RoomRegistry;
  notifier: Notifier;
  /** How platform sanctions reach live rooms and open connections. */
  live: LiveSanctions;
  limits: Limits["reports"];
  logger: Logger;
  /** Cluster mode: the live rooms other nodes run, for the console. */
  otherNodes?: OtherNodesRooms | undefined;
}) {
  const { persistence, registry, notifier, logger } = deps;
  const liveRooms = new LiveRooms({
    registry,
    audit: persistence.audit,
    // Reports per room in the last hour, from the reports queue.
    reportsLastHour: (roomIds) => persistence.reports.store.reportsLastHourByRoom(roomIds),
    otherNodes: deps.otherNodes,
    now: Date.now,
    logger: logger.child({ component: "console" }),
  });
  const verification = new VerificationService({
    store: persistence.verification,
    notifier,
    audit: persistence.audit,
    now: () => new Date(),
    logger: logger.child({ component: "verification" }),
  });
  // The word filters are read into memory once here, and again on each change.
  const wordFilters = new WordFilters({
    store: persistence.reports.filters,
    audit: persistence.audit,
    logger: logger.child({ component: "word-filters" }),
  });
  await wordFilters.load();
  const screening = new TextScreening({
    filter: wordFilters,
    reports: persistence.reports.store,
    logger: logger.child({ component: "word-filters" }),
    now: () => new Date(),
  });
  const reports = new ReportService({
    store: persistence.reports.store,
    subjects: persistence.reports.subjects,
    liveRooms: liveRoomContexts(registry),
    audit: persistence.audit,
    limits: deps.limits,
    logger: logger.child({ component: "reports" }),
    now: Date.now,
  });
  const platformActions = new PlatformActions({
    store: persistence.staff,
    notifier,
    audit: persistence.audit,
    logger: logger.child({ component: "platform-actions" }),
    now: () => new Date(),
    live: deps.live,
  });
  return { liveRooms, verification, wordFilters, screening, reports, platformActions };
}
