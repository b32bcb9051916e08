import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import type { AppConfig } from "./config/env";
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { addressLimitKey, clientAddress, parseTrustProxy } from "./http/client-address";
import { AccountService } from "./accounts/account-service";
import { publishLinkPreviews } from "./pages/link-previews";
import type { AuditLog } from "./moderation/audit-ports";
import type { ReportSubjects, ReportStore, WordFilterStore } from "./moderation/report-ports";
import { WordFilters } from "./moderation/content-filter";
import { ReportService } from "./moderation/report-service";
import { TextScreening } from "./moderation/text-screening";
import { liveRoomContexts } from "./rooms/room-report-context";
import { staffRoleOf } from "./moderation/staff";
import { LiveRooms } from "./moderation/live-rooms";
import type { VerificationStore } from "./moderation/verification-ports";
import { VerificationService } from "./moderation/verification-service";
import { PlatformActions } from "./moderation/platform-actions";
import type { StaffStore } from "./moderation/platform-ports";
import { sanctionInForce } from "./moderation/standing";
import type { Route } from "./http/api-router";
import { announceFirstRun } from "./accounts/first-run";
import { startSessionPurge } from "./accounts/session-purge";
import { limitsOf } from "./config/limits";
import type { AccountStore, InviteStore, SocialStore } from "./http/http-ports";
import { createApiRouter } from "./http/api-router";
import { createReplayAudioHandler } from "./http/replay-audio";
import { replayRoutes } from "./http/replay-routes";
import { recordingDepsOf, recordingsDirOf } from "./recording/recording-setup";
import type { RecordingStore } from "./rooms/recording-ports";
import { Replays } from "./rooms/replays";
import { apiRoutes, avatarsDirOf } from "./http/api-routes";
import { createAvatarFileHandler } from "./http/avatar-files";
import { SESSION_COOKIE, readCookie } from "./http/cookies";
import { originPolicyOf } from "./http/same-origin";
import { applySecurityHeaders } from "./http/security-headers";
import { createTlsGuard } from "./http/tls-guard";
import type { Logger } from "./logging/logger";
import { loggableUrl } from "./logging/loggable-url";
import { RoomMedia } from "./media/room-media";
import { WorkerPool } from "./media/worker-pool";
import { createSocketBroadcaster } from "./realtime/socket-broadcaster";
import { attachHandlers, createSocketServer } from "./realtime/socket-server";
import type { IceServer } from "./realtime/realtime-deps";
import { SessionSockets } from "./realtime/session-sockets";
import type { RoomsServer } from "./realtime/socket-types";
import type { RoomStore } from "./rooms/room-ports";
import { HallwayNotifier } from "./rooms/hallway-notifier";
import { RoomDirectory } from "./rooms/room-directory";
import { RoomRegistry } from "./rooms/room-registry";
import type { RoomQuotaStore } from "./rooms/room-quota-ports";
import { RoomQuotas } from "./rooms/room-quotas";
import { tellRoomsOfBlocks } from "./rooms/host-block-notices";
import type { ScheduleStore } from "./scheduling/schedule-ports";
import { ScheduleService } from "./scheduling/schedule-service";
import { NotificationService } from "./notifications/notification-service";
import type { NotificationStore } from "./notifications/notification-store";
import { PingService } from "./notifications/ping-service";
import type { QueryObserver } from "./db/query-timing";
import { createOperations } from "./operations/operations";
import { iceServersProvider } from "./realtime/turn-credentials";

/** Connections waiting to be accepted; see listen() below. */
const LISTEN_BACKLOG = 4096;

/** The persistence the app runs on: built from Prisma in production, anything in tests. */
export type Persistence = {
  accounts: AccountStore;
  invites: InviteStore;
  social: SocialStore;
  roomStore: RoomStore;
  schedule: ScheduleStore;
  roomQuotas: RoomQuotaStore;
  notifications: NotificationStore;
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
  driver: string;
  /** Readiness: resolves when the database answers (absent in tests' in-memory stores). */
  ping?(): Promise<void>;
  /** Plugs the metrics into the timing of every SQL statement. */
  observeQueries?(observer: QueryObserver): void;
  close(): Promise<void>;
};

/** Serves everything that is not /api or /socket.io (the Next.js pages), or null for API-only. */
export type PageHandler = {
  handle(
    request: import("node:http").IncomingMessage,
    response: import("node:http").ServerResponse,
  ): Promise<void>;
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

/**
 * Stops accepting connections. Browsers keep idle keep-alive connections open, and Node waits for
 * every connection before `close` completes: idle ones are closed at once, busy ones after 2 s.
 */
async function closeHttp(httpServer: HttpServer, io: RoomsServer): Promise<void> {
  const closed = io.close();
  httpServer.closeIdleConnections();
  const force = setTimeout(() => httpServer.closeAllConnections(), 2000);
  await closed;
  clearTimeout(force);
}

const iceServersSchema = z.array(
  z.object({
    urls: z.union([z.string(), z.array(z.string())]),
    username: z.string().optional(),
    credential: z.string().optional(),
  }),
);

function parseIceServers(raw: string): IceServer[] {
  try {
    const parsed = iceServersSchema.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the error below
  }
  throw new Error(
    'Invalid configuration:\n  ICE_SERVERS: must be a JSON array like [{"urls":"turn:turn.example.org:3478","username":"u","credential":"p"}]',
  );
}

/**
 * Composition root: media → rooms → HTTP (API + pages) → Socket.IO → listen. Every dependency is
 * passed in, so tests start the same app on port 0 with a temporary database and no Next.js.
 */
export async function startApp(input: {
  config: AppConfig;
  logger: Logger;
  persistence: Persistence;
  pages: PageHandler | null;
}): Promise<RunningApp> {
  const { config, logger, persistence, pages } = input;
  const iceServers = parseIceServers(config.ICE_SERVERS);
  const limits = limitsOf(config);
  // One reading of the client's address for every limit, HTTP and Socket.IO alike (SEC-5).
  const trustProxy = parseTrustProxy(limits.trustProxy);
  const addressKeyOf = (request: import("node:http").IncomingMessage) =>
    addressLimitKey(clientAddress(request, trustProxy));
  const sessionSockets = new SessionSockets();
  const pool = await WorkerPool.create({
    numWorkers: config.MEDIA_WORKERS,
    listenIp: config.MEDIA_LISTEN_IP,
    announcedAddress: config.MEDIA_ANNOUNCED_ADDRESS,
    basePort: config.MEDIA_PORT,
    maxConsumersPerWorker: config.MEDIA_MAX_CONSUMERS_PER_WORKER,
    logger: logger.child({ component: "media" }),
  });

  const firstAdmin = {
    adminUsername: config.ADMIN_USERNAME,
    setupCode: randomBytes(18).toString("base64url"),
  };
  const service = new AccountService({
    accounts: persistence.accounts,
    invites: persistence.invites,
    mode: config.REGISTRATION_MODE,
    invitesPerUser: config.INVITES_PER_USER,
    inviteTtlDays: config.INVITE_TTL_DAYS,
    limits,
    sessionEnded: sessionSockets,
    standings: persistence.staff,
    firstAdmin,
    logger: logger.child({ component: "accounts" }),
  });
  const serveAvatar = createAvatarFileHandler(avatarsDirOf(config.dataDir));
  const refuseMisconfiguredTls = createTlsGuard({
    publicOrigin: config.publicOrigin,
    production: config.NODE_ENV === "production",
    logger,
  });
  const httpServer = createServer((request, response) => {
    void (async () => {
      if (refuseMisconfiguredTls(request, response)) return;
      applySecurityHeaders(request, response, { publicOrigin: config.publicOrigin, dev: config.NEXT_DEV });
      // handleApi is defined below, once the rooms exist; requests only arrive after listen().
      if (await operations.handle(request, response)) return;
      if (await serveReplayAudio(request, response)) return;
      if (await handleApi(request, response)) return;
      if (await serveAvatar(request, response)) return;
      if (pages) return pages.handle(request, response);
      response.writeHead(404, { "content-type": "text/plain" }).end("Not found");
    })().catch((error: unknown) => {
      logger.error({ err: error, url: loggableUrl(request.url) }, "request failed");
      if (!response.headersSent) response.writeHead(500).end();
    });
  });

  const origins = originPolicyOf(config);
  const io = createSocketServer(httpServer, origins, limits.payload.socketMessageBytes);
  const broadcaster = createSocketBroadcaster(io);
  // The directory (which decides what each room's card is and who may see it) is made below.
  let directory: RoomDirectory | null = null;
  const hallway = new HallwayNotifier({
    broadcaster,
    describe: (roomId) => (directory ? directory.hallwayPush(roomId) : Promise.resolve({ kind: "gone" })),
    logger: logger.child({ component: "hallway" }),
  });
  // Operator switches: who must have a verified real name (checked afresh on every attempt).
  const isVerified = (userId: string) => persistence.verification.isVerified(userId);
  const verifiedToSpeak = config.REQUIRE_VERIFIED_TO_SPEAK ? isVerified : undefined;
  const verifiedToHost = config.REQUIRE_VERIFIED_TO_HOST ? isVerified : undefined;
  const registry = new RoomRegistry({
    verifiedToSpeak,
    recording: await recordingDepsOf({ dataDir: config.dataDir, store: persistence.recordings, logger }),
    store: persistence.roomStore,
    broadcaster,
    logger: logger.child({ component: "rooms" }),
    now: Date.now,
    stageLimit: config.STAGE_LIMIT,
    memberLimit: config.ROOM_MAX_MEMBERS,
    rejoinGraceMs: config.ROOM_REJOIN_GRACE_MS,
    emptyStageGraceMs: config.ROOM_EMPTY_STAGE_GRACE_MS,
    onChange: (roomId) => hallway.changed(roomId),
    // In-room moderation reaches the audit log through this port; the rooms know no database.
    moderationLog: {
      moderated: (entry) => void persistence.audit.record(entry),
    },
    createMedia: (roomId, listener) =>
      RoomMedia.create({
        roomId,
        pool,
        listener,
        logger: logger.child({ component: "media", roomId }),
        maxIncomingBitrate: limitsOf(config).media.maxIncomingBitrate,
      }),
  });
  // Metrics and health probes (server/operations): read from the rooms, workers and sockets.
  let draining = false;
  const operations = createOperations({
    draining: () => draining,
    config,
    pool,
    registry,
    sockets: () => io.of("/").sockets.size,
    persistence,
    logger: logger.child({ component: "operations" }),
  });
  // Pings and scheduling's "room is live" notifications (hand `notifier` to whatever else notifies).
  const notifier = new NotificationService({
    store: persistence.notifications,
    broadcaster,
    logger: logger.child({ component: "notifications" }),
    now: Date.now,
  });
  const pings = new PingService({
    store: persistence.notifications,
    notifier,
    logger: logger.child({ component: "pings" }),
    now: Date.now,
  });
  // Live and scheduled rooms per person and creations per hour, for every way a room comes to be.
  const roomLimits = limitsOf(config).rooms;
  const quotas = new RoomQuotas({ store: persistence.roomQuotas, limits: roomLimits, now: Date.now });
  // Scheduled rooms: starting one brings it to life in the registry, then tells who asked.
  const schedule = new ScheduleService({
    store: persistence.schedule,
    notifier,
    startLiveRoom: async (roomId) => {
      await registry.get(roomId);
    },
    quotas,
    upcomingPerHost: roomLimits.upcomingPerHost,
    logger: logger.child({ component: "scheduling" }),
    now: () => new Date(),
    publicOrigin: config.publicOrigin,
    verifiedToHost,
  });
  directory = new RoomDirectory({
    store: persistence.roomStore,
    registry,
    quotas,
    now: Date.now,
    onScheduled: () => hallway.changed(),
    verifiedToHost,
  });
  const liveRooms = new LiveRooms({
    registry,
    audit: persistence.audit,
    // Reports per room in the last hour, from the reports queue.
    reportsLastHour: (roomIds) => persistence.reports.store.reportsLastHourByRoom(roomIds),
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
  // Shared links unfurl with what a signed-out visitor may see (the pages read it on the server).
  if (pages) publishLinkPreviews({ directory, registry, social: persistence.social, logger });
  // Trust & safety: the word filters are read into memory once here, and again on each change.
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
    limits: limits.reports,
    logger: logger.child({ component: "reports" }),
    now: Date.now,
  });
  const platformActions = new PlatformActions({
    store: persistence.staff,
    notifier,
    audit: persistence.audit,
    logger: logger.child({ component: "platform-actions" }),
    now: () => new Date(),
    live: {
      takeOutOfRooms: (userId) => registry.sanctioned(userId),
      tell: (userId, notice) => broadcaster.toUser(userId, "account:sanctioned", notice),
      sessionsEnded: (ids) => ids.forEach((id) => sessionSockets.sessionEnded(id)),
    },
  });
  const replays = new Replays({
    store: persistence.recordings,
    directory,
    recordingsDir: recordingsDirOf(config.dataDir),
  });
  const serveReplayAudio = createReplayAudioHandler({ replays, accounts: persistence.accounts, logger });
  const routes = [
    ...replayRoutes({ replays, social: persistence.social }),
    ...apiRoutes({
      accounts: persistence.accounts,
      // A block made on a profile reaches the live rooms of its maker at once (SECURITY.md, stale blocks).
      social: tellRoomsOfBlocks(persistence.social, registry),
      service,
      directory,
      schedule,
      notifications: persistence.notifications,
      secureCookies: config.publicOrigin.startsWith("https://"),
      guestListening: config.GUEST_LISTENING,
      dataDir: config.dataDir,
      addressKeyOf,
      uploads: limitsOf(config).uploads,
      reports,
      reportCounts: persistence.reports.store,
      wordFilters,
      screening,
      logger: logger.child({ component: "api" }),
      liveRooms,
      verification,
      staff: persistence.staff,
      platformActions,
    }),
  ];
  const handleApi = createApiRouter(routes, {
    accounts: persistence.accounts,
    logger,
    origins,
    bodyLimits: { jsonBodyBytes: limits.payload.jsonBodyBytes },
  });
  attachHandlers(io, {
    registry,
    pings,
    logger: logger.child({ component: "realtime" }),
    iceServersFor: iceServersProvider(
      iceServers,
      config.TURN_URLS && config.TURN_SECRET
        ? { urls: config.TURN_URLS, secret: config.TURN_SECRET, ttlSeconds: config.TURN_TTL_SECONDS }
        : null,
    ),
    iceTransportPolicy: config.ICE_TRANSPORT_POLICY,
    metrics: operations.realtime,
    limits: limits.sockets,
    addressKeyOf,
    sessions: sessionSockets,
    staffRoleOf: async (userId) => staffRoleOf(await persistence.accounts.findUserById(userId)),
    audit: persistence.audit,
    async authenticate(cookieHeader) {
      const token = readCookie(cookieHeader, SESSION_COOKIE);
      const found = token ? await persistence.accounts.findSession(token) : null;
      if (found) {
        // Sanctions delete sessions; this catches a session made in the same instant.
        const standing = await persistence.staff.standingOf(found.user.id);
        if (standing && sanctionInForce(standing, new Date())) return null;
        const { user } = found;
        return {
          actor: {
            userId: user.id,
            displayName: user.displayName,
            isGuest: false,
            avatarUrl: user.avatarUrl,
            realNameVerified: user.realNameVerified ?? false,
          },
          session: { id: found.sessionId, expiresAt: found.expiresAt },
        };
      }
      if (!config.GUEST_LISTENING) return null;
      // A visitor without an account listens as a guest (the room refuses them a raised hand).
      return {
        actor: {
          userId: `guest-${randomUUID()}`,
          displayName: `Guest ${randomInt(1000, 10000)}`,
          isGuest: true,
        },
        session: null,
      };
    },
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    // Node's default accept backlog (511) overflows when a famous host goes live: bench:storm's
    // 8,000 guests in 10 s overflowed it 24,000 times (SYNs dropped, clients retrying for 30 s).
    // The kernel caps it at net.core.somaxconn (4096 on current Linux).
    httpServer.listen({ port: config.PORT, host: config.HOST, backlog: LISTEN_BACKLOG }, () => resolve());
  });
  await operations.listen();
  const address = httpServer.address();
  const port = typeof address === "object" && address ? (address satisfies AddressInfo).port : config.PORT;
  const url = `http://localhost:${port}`;
  logger.info({ url, database: persistence.driver, workers: config.MEDIA_WORKERS }, "audio rooms listening");
  // Rooms that were live when the server stopped come back for their members, or end by themselves.
  // Kept so that `close` waits for it: a quick stop must not end the database under its queries.
  const restoring = registry
    .restoreLiveRooms()
    .then((count) => {
      if (count > 0) logger.info({ rooms: count }, "live rooms restored");
    })
    .catch((error: unknown) => logger.error({ err: error }, "live rooms could not be restored"));
  const firstRun = announceFirstRun({
    accounts: persistence.accounts,
    firstAdmin,
    publicOrigin: config.publicOrigin,
    logger,
  });
  const sessionPurge = startSessionPurge({
    purge: () => persistence.accounts.purgeExpiredSessions(),
    intervalMs: limitsOf(config).sessionPurgeIntervalMs,
    logger: logger.child({ component: "sessions" }),
  });

  let closing: Promise<void> | null = null;
  const drain = () => {
    if (draining) return;
    draining = true;
    registry.drain();
    io.emit("server:restarting", {
      message: "The server is restarting. Reconnecting… you will keep your place.",
    });
    logger.info("draining: joins refused, members told the server is restarting");
  };
  return {
    httpServer,
    io,
    registry,
    pool,
    routes,
    port,
    url,
    get draining() {
      return draining;
    },
    drain,
    close() {
      closing ??= (async () => {
        drain();
        const started = Date.now();
        // What started with the app and reads the database finishes first.
        await Promise.all([restoring, firstRun, sessionPurge.stop()]);
        // Rooms first (finish running commands, refuse new ones, keep members in the database),
        // then tell clients (they reconnect to the next process), then free media and storage.
        await registry.shutdown();
        hallway.close();
        io.disconnectSockets(true);
        await closeHttp(httpServer, io);
        await operations.close();
        pool.close();
        await pages?.close();
        await persistence.close();
        logger.info({ ms: Date.now() - started }, "shutdown complete");
      })();
      return closing;
    },
  };
}
