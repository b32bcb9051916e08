import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import type { AppConfig } from "./config/env";
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { addressLimitKey, clientAddress, parseTrustProxy } from "./http/client-address";
import { AccountService } from "./accounts/account-service";
import type { AuditLog } from "./moderation/audit-ports";
import { PlatformActions } from "./moderation/platform-actions";
import type { StaffStore } from "./moderation/platform-ports";
import { sanctionInForce } from "./moderation/standing";
import type { Route } from "./http/api-router";
import { announceFirstRun } from "./accounts/first-run";
import { startSessionPurge } from "./accounts/session-purge";
import { limitsOf } from "./config/limits";
import type { AccountStore, InviteStore, SocialStore } from "./http/http-ports";
import { createApiRouter } from "./http/api-router";
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
  /** Staff's side of accounts: standings, roles, sessions, the console's lookups. */
  staff: StaffStore;
  driver: string;
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
  const io = createSocketServer(httpServer, origins);
  const broadcaster = createSocketBroadcaster(io);
  // The directory (which decides what each room's card is and who may see it) is made below.
  let directory: RoomDirectory | null = null;
  const hallway = new HallwayNotifier({
    broadcaster,
    describe: (roomId) => (directory ? directory.hallwayPush(roomId) : Promise.resolve({ kind: "gone" })),
    logger: logger.child({ component: "hallway" }),
  });
  const registry = new RoomRegistry({
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
  });
  directory = new RoomDirectory({
    store: persistence.roomStore,
    registry,
    quotas,
    now: Date.now,
    onScheduled: () => hallway.changed(),
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
  const routes = apiRoutes({
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
    logger: logger.child({ component: "api" }),
    staff: persistence.staff,
    platformActions,
  });
  const handleApi = createApiRouter(routes, { accounts: persistence.accounts, logger, origins });
  attachHandlers(io, {
    registry,
    pings,
    logger: logger.child({ component: "realtime" }),
    iceServers,
    limits: limits.sockets,
    addressKeyOf,
    sessions: sessionSockets,
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
  return {
    httpServer,
    io,
    registry,
    pool,
    routes,
    port,
    url,
    close() {
      closing ??= (async () => {
        const started = Date.now();
        // What started with the app and reads the database finishes first.
        await Promise.all([restoring, firstRun, sessionPurge.stop()]);
        // Rooms first (finish running commands, refuse new ones, keep members in the database),
        // then tell clients (they reconnect to the next process), then free media and storage.
        await registry.shutdown();
        hallway.close();
        io.disconnectSockets(true);
        await closeHttp(httpServer, io);
        pool.close();
        await pages?.close();
        await persistence.close();
        logger.info({ ms: Date.now() - started }, "shutdown complete");
      })();
      return closing;
    },
  };
}
