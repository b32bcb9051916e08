import { createServer, type IncomingMessage } from "node:http";
import type { AppConfig } from "./config/env";
import { randomBytes } from "node:crypto";
import { addressLimitKey, clientAddress, parseTrustProxy } from "./http/client-address";
import { AccountService } from "./accounts/account-service";
import { publishLinkPreviews } from "./pages/link-previews";
import { staffRoleOf } from "./moderation/staff";
import { announceFirstRun } from "./accounts/first-run";
import { startSessionPurge } from "./accounts/session-purge";
import { limitsOf } from "./config/limits";
import { createApiRouter } from "./http/api-router";
import { apiRoutes, avatarsDirOf } from "./http/api-routes";
import { createAvatarFileHandler } from "./http/avatar-files";
import { originPolicyOf } from "./http/same-origin";
import { applySecurityHeaders } from "./http/security-headers";
import { createTlsGuard } from "./http/tls-guard";
import type { Logger } from "./logging/logger";
import { loggableUrl } from "./logging/loggable-url";
import { WorkerPool } from "./media/worker-pool";
import { createSocketBroadcaster } from "./realtime/socket-broadcaster";
import { attachHandlers, createSocketServer } from "./realtime/socket-server";
import { SessionSockets } from "./realtime/session-sockets";
import { tellRoomsOfBlocks } from "./rooms/host-block-notices";
import { composeNotifications } from "./notifications-composition";
import { createOperations } from "./operations/operations";
import { iceServersProvider } from "./realtime/turn-credentials";
import { parseIceServers } from "./realtime/ice-servers-config";
import { cookieAuthentication } from "./realtime/cookie-authentication";
import { createTrustAndSafety } from "./moderation/trust-and-safety";
import { closeHttp, listenHttp } from "./http/http-listen";
import type { PageHandler, Persistence, RunningApp } from "./app-ports";
import { composeLiveRooms } from "./live-room-composition";
import type { ClusterNode } from "./cluster/cluster-node";
import { clusterRealtime } from "./cluster/cluster-realtime";
import { ClusterRelay } from "./cluster/cluster-relay";
import { RoomStatsReader } from "./rooms/room-stats-reader";
import { ChatService } from "./chat/chat-service";

export type { PageHandler, Persistence, RunningApp } from "./app-ports";

/**
 * Composition root: media → rooms → HTTP (API + pages) → Socket.IO → listen. Every dependency is
 * passed in, so tests start the same app on port 0 with a temporary database and no Next.js.
 */
export async function startApp(input: {
  config: AppConfig;
  logger: Logger;
  persistence: Persistence;
  pages: PageHandler | null;
  /** Cluster mode (REDIS_URL): what this node shares with the others; absent, one node alone. */
  cluster?: ClusterNode | null;
}): Promise<RunningApp> {
  const { config, logger, persistence, pages, cluster = null } = input;
  const iceServers = parseIceServers(config.ICE_SERVERS);
  const limits = limitsOf(config);
  // One reading of the client's address for every limit, HTTP and Socket.IO alike (SEC-5).
  const trustProxy = parseTrustProxy(limits.trustProxy);
  const addressKeyOf = (request: IncomingMessage) => addressLimitKey(clientAddress(request, trustProxy));
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
    signIns: cluster?.signIns,
    sessionEnded: { sessionEnded: (id) => relay.sessionEnded(id) }, // on every node (relay: below)
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
      if (await replays.serveAudio(request, response)) return;
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
  const io = createSocketServer(httpServer, origins, limits.payload.socketMessageBytes, cluster !== null);
  if (cluster) io.adapter(cluster.adapter);
  const remoteSessions: Parameters<typeof createSocketBroadcaster>[1] = {};
  const broadcaster = createSocketBroadcaster(io, remoteSessions);
  const live = await composeLiveRooms({
    config,
    persistence,
    pool,
    broadcaster,
    logger,
    cluster,
  });
  const { registry, hallway, directory, quotas, verifiedToHost, replays, clusterMedia } = live;
  // Sign-outs, sanctions and host blocks reach every node's sockets and rooms (server/cluster).
  const relay = new ClusterRelay(cluster ? io : null, { sessions: sessionSockets, rooms: registry }, logger);
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
  const { notifier, pings, schedule } = composeNotifications({
    ...{ config, persistence, broadcaster, registry, quotas, limits, verifiedToHost, logger },
  });
  // Shared links unfurl with what a signed-out visitor may see (the pages read it on the server).
  if (pages) publishLinkPreviews({ directory, registry, social: persistence.social, logger });
  const { liveRooms, verification, wordFilters, screening, reports, platformActions } =
    await createTrustAndSafety({
      persistence,
      registry,
      notifier,
      limits: limits.reports,
      logger,
      live: relay.liveSanctions(broadcaster),
      otherNodes: live.otherNodes,
    });
  // The rooms' chat backchannel: the same word filters, mentions through the notifier (server/chat).
  const chat = new ChatService({
    ...{ store: persistence.chat, broadcaster, screening, notifier, audit: persistence.audit },
    ...{ rate: limits.chat, fanoutWindowMs: limits.chat.fanoutWindowMs, guestsMayWrite: config.GUEST_CHAT },
    logger: logger.child({ component: "chat" }),
  });
  const routes = apiRoutes({
    accounts: persistence.accounts,
    // A block made on a profile reaches the live rooms of its maker at once (SECURITY.md, stale blocks).
    social: tellRoomsOfBlocks(persistence.social, relay),
    service,
    directory,
    schedule,
    notifications: persistence.notifications,
    secureCookies: config.publicOrigin.startsWith("https://"),
    guestListening: config.GUEST_LISTENING,
    dataDir: config.dataDir,
    addressKeyOf,
    uploads: limits.uploads,
    reports,
    reportCounts: persistence.reports.store,
    wordFilters,
    screening,
    logger: logger.child({ component: "api" }),
    liveRooms,
    verification,
    staff: persistence.staff,
    platformActions,
    roomStats: new RoomStatsReader({
      rooms: persistence.roomStore,
      stats: persistence.roomStats,
      registry,
      sampleMs: config.ROOM_STATS_SAMPLE_SECONDS * 1000,
    }),
  }).concat(replays.routes);
  const handleApi = createApiRouter(routes, {
    accounts: persistence.accounts,
    logger,
    origins,
    bodyLimits: { jsonBodyBytes: limits.payload.jsonBodyBytes },
  });
  const clusterEdge = attachHandlers(io, {
    cluster: clusterRealtime(cluster, clusterMedia),
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
    ...cluster?.sharedLimits,
    addressKeyOf,
    sessions: sessionSockets,
    staffRoleOf: async (userId) => staffRoleOf(await persistence.accounts.findUserById(userId)),
    audit: persistence.audit,
    chat,
    authenticate: cookieAuthentication({
      accounts: persistence.accounts,
      staff: persistence.staff,
      guestListening: config.GUEST_LISTENING,
    }),
  });

  remoteSessions.detached = clusterEdge
    ? (sessionId, roomId) => clusterEdge.detached(sessionId, roomId)
    : undefined;
  const port = await listenHttp(httpServer, { port: config.PORT, host: config.HOST });
  await operations.listen();
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
    intervalMs: limits.sessionPurgeIntervalMs,
    logger: logger.child({ component: "sessions" }),
  });

  let closing: Promise<void> | null = null;
  const drain = () => {
    if (draining) return;
    draining = true;
    registry.drain(); // below, `local`: a plain emit would reach every node's members
    io.local.emit("server:restarting", {
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
        clusterEdge?.close();
        await chat.close();
        hallway.close();
        io.local.disconnectSockets(true);
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
