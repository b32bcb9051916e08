import type { IncomingMessage } from "node:http";
import path from "node:path";
import { ok } from "../../src/shared/protocol";
import type { AccountService } from "../accounts/account-service";
import type { Limits } from "../config/limits";
import type { Logger } from "../logging/logger";
import { accountRoutes } from "./account-routes";
import { adminRoomRoutes } from "./admin-room-routes";
import type { LiveRooms } from "../moderation/live-rooms";
import type { VerificationService } from "../moderation/verification-service";
import { verificationRoutes } from "./verification-routes";
import { defineRoute, type Route } from "./api-router";
import { avatarRoutes } from "./avatar-routes";
import type { RoomDirectory } from "../rooms/room-directory";
import type { AccountStore, SocialStore } from "./http-ports";
import { roomRoutes } from "./room-routes";
import { roomStatsRoutes } from "./room-stats-routes";
import type { RoomStatsReader } from "../rooms/room-stats-reader";
import { inviteRoutes } from "./invite-routes";
import { notificationRoutes } from "./notification-routes";
import type { NotificationStore } from "../notifications/notification-store";
import { scheduleRoutes } from "./schedule-routes";
import type { ScheduleService } from "../scheduling/schedule-service";
import { socialRoutes } from "./social-routes";
import type { WordFilters } from "../moderation/content-filter";
import type { ReportCountsByRoom } from "../moderation/report-ports";
import type { ReportService } from "../moderation/report-service";
import type { TextScreening } from "../moderation/text-screening";
import { adminFilterRoutes } from "./admin-filter-routes";
import { adminReportRoutes } from "./admin-report-routes";
import { reportRoutes } from "./report-routes";
import { adminAuditRoutes } from "./admin-audit-routes";
import { adminPeopleRoutes } from "./admin-people-routes";
import type { PlatformActions } from "../moderation/platform-actions";
import type { StaffStore } from "../moderation/platform-ports";

export type ApiRoutesDeps = {
  accounts: AccountStore;
  social: SocialStore;
  service: AccountService;
  directory: RoomDirectory;
  schedule: ScheduleService;
  notifications: NotificationStore;
  secureCookies: boolean;
  guestListening: boolean;
  dataDir: string;
  /** The client's limit key (client-address.ts), shared with the Socket.IO limits. */
  addressKeyOf: (request: IncomingMessage) => string;
  uploads: Limits["uploads"];
  /** Trust & safety: reports, their queue, the word filters and where they apply. */
  reports: ReportService;
  reportCounts: ReportCountsByRoom;
  wordFilters: WordFilters;
  screening: TextScreening;
  logger: Logger;
  /** The console's live rooms (staff only). */
  liveRooms: LiveRooms;
  /** Real-name verification: the person's own request and the staff queue. */
  verification: VerificationService;
  /** The console's staff side (people, platform actions, the audit log). */
  staff: StaffStore;
  platformActions: PlatformActions;
  /** Rooms' statistics for their hosts and staff. */
  roomStats: RoomStatsReader;
};

/** Where uploaded avatars live: `<DATA_DIR>/avatars`. */
export const avatarsDirOf = (dataDir: string) => path.join(dataDir, "avatars");

/** The JSON API of the app. Every body is a protocol schema; every answer an Ack. */
export function apiRoutes(deps: ApiRoutesDeps): Route[] {
  return [
    defineRoute("GET", "/api/health", null, () => Promise.resolve(ok({ status: "ok" }))),

    ...accountRoutes(deps),
    ...inviteRoutes(deps.service),
    ...socialRoutes(deps.social),
    ...notificationRoutes(deps.notifications),
    ...avatarRoutes({
      accounts: deps.accounts,
      avatarsDir: avatarsDirOf(deps.dataDir),
      limits: deps.uploads,
      logger: deps.logger,
    }),

    // Fixed paths under /api/rooms/ (like /api/rooms/upcoming) must come before /api/rooms/:roomId.
    ...adminRoomRoutes(deps.liveRooms),
    ...verificationRoutes(deps.verification),
    ...scheduleRoutes(deps.schedule),
    ...roomRoutes({ directory: deps.directory, screening: deps.screening, logger: deps.logger }),
    ...roomStatsRoutes(deps.roomStats),

    ...reportRoutes(deps.reports),
    ...adminReportRoutes({ reports: deps.reports, counts: deps.reportCounts }),
    ...adminFilterRoutes(deps.wordFilters),
    // The console (/api/admin/, staff only: see staff-route.ts and the permission matrix test).
    ...adminPeopleRoutes({ store: deps.staff, actions: deps.platformActions }),
    ...adminAuditRoutes({ store: deps.staff }),
  ];
}
