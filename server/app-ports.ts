import type { IncomingMessage, Server as HttpServer, ServerResponse } from "node:http";
import type { RecordingStore } from "./rooms/recording-ports";
import type { AuditLog } from "./moderation/audit-ports";
import type { ReportSubjects, ReportStore, WordFilterStore } from "./moderation/report-ports";
import type { VerificationStore } from "./moderation/verification-ports";
import type { StaffStore } from "./moderation/platform-ports";
import type { Route } from "./http/api-router";
import type { AccountStore, InviteStore, SocialStore } from "./http/http-ports";
import type { WorkerPool } from "./media/worker-pool";
import type { RoomsServer } from "./realtime/socket-types";
import type { RoomStore } from "./rooms/room-ports";
import type { RoomStatsStore } from "./rooms/room-stats-ports";
import type { RoomRegistry } from "./rooms/room-registry";
import type { RoomQuotaStore } from "./rooms/room-quota-ports";
import type { ScheduleStore } from "./scheduling/schedule-ports";
import type { NotificationStore } from "./notifications/notification-store";
import type { QueryObserver } from "./db/query-timing";
import type { ChatStore } from "./chat/chat-ports";

// What the composition root (server/app.ts) is given and what it hands back, apart from the
// wiring itself, so the database and page adapters can name their side without importing the app.

/** The persistence the app runs on: built from Prisma in production, anything in tests. */
export type Persistence = {
  accounts: AccountStore;
  invites: InviteStore;
  social: SocialStore;
  roomStore: RoomStore;
  schedule: ScheduleStore;
  roomQuotas: RoomQuotaStore;
  notifications: NotificationStore;
  /** Rooms' chat messages and chat rules (server/chat/chat-ports.ts). */
  chat: ChatStore;
  /** Every moderation action, appended (server/moderation/audit-ports.ts). */
  audit: AuditLog;
  /** Reports, their queue and the word filters (server/moderation/report-ports.ts). */
  reports: { store: ReportStore; filters: WordFilterStore; subjects: ReportSubjects };
  /** Real-name verification requests. */
  verification: VerificationStore;
  /** Staff's side of accounts: standings, roles, sessions, the console's lookups. */
  staff: StaffStore;
  /** Recordings of rooms (server/rooms/recording-ports.ts). */
  recordings: RecordingStore;
  /** Rooms' statistics (server/rooms/room-stats-ports.ts). */
  roomStats: RoomStatsStore;
  driver: string;
  /** Readiness: resolves when the database answers (absent in tests' in-memory stores). */
  ping?(): Promise<void>;
  /** Plugs the metrics into the timing of every SQL statement. */
  observeQueries?(observer: QueryObserver): void;
  close(): Promise<void>;
};

/** Serves everything that is not /api or /socket.io (the Next.js pages), or null for API-only. */
export type PageHandler = {
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
  close(): Promise<void>;
};

export type RunningApp = {
  httpServer: HttpServer;
  io: RoomsServer;
  registry: RoomRegistry;
  pool: WorkerPool;
  /** Every API route served (the permission matrix test walks those under /api/admin/). */
  routes: readonly Route[];
  port: number;
  url: string;
  /** True from the first drain: /api/ready answers 503 and no one new joins a room. */
  readonly draining: boolean;
  /**
   * Before a restart (SIGTERM): stops taking joins and tells every connected member the server is
   * restarting, so their page says "Reconnecting…" and rejoins the next process by itself.
   */
  drain(): void;
  /** Drains if not yet, then finishes running commands, stores what is pending and closes. */
  close(): Promise<void>;
};
