import type { Persistence } from "./app-ports";
import type { AppConfig } from "./config/env";
import { limitsOf } from "./config/limits";
import type { Logger } from "./logging/logger";
import { RoomMedia } from "./media/room-media";
import type { WorkerPool } from "./media/worker-pool";
import { HallwayNotifier } from "./rooms/hallway-notifier";
import type { RoomBroadcaster } from "./rooms/room-ports";
import { recordingDepsOf, replayHttp } from "./recording/recording-setup";
import { RoomDirectory } from "./rooms/room-directory";
import { RoomQuotas } from "./rooms/room-quotas";
import { RoomRegistry } from "./rooms/room-registry";
import { ClusterLiveRooms } from "./cluster/cluster-live-rooms";
import { ClusterMediaHub } from "./cluster/cluster-media-hub";
import type { ClusterNode } from "./cluster/cluster-node";

/**
 * The live rooms and what shows them, wired: the registry (each room's media on the worker
 * pool), the hallway's pushes, the directory that decides each room's card, and the quotas every
 * way of making a room shares. Apart from server/app.ts because these parts point at each other
 * (the hallway describes rooms through the directory, which reads the registry, which tells the
 * hallway of changes): the knot is tied here, once.
 */
export async function composeLiveRooms(deps: {
  config: AppConfig;
  persistence: Persistence;
  pool: WorkerPool;
  broadcaster: RoomBroadcaster;
  logger: Logger;
  /** Cluster mode: room leases and the other nodes' hallway rooms (server/cluster). */
  cluster: ClusterNode | null;
}) {
  const { config, persistence, pool, broadcaster, logger, cluster } = deps;
  const limits = limitsOf(config);
  // Cluster mode: rooms owned here pipe their media to member nodes and back (server/cluster).
  const clusterMedia = cluster
    ? new ClusterMediaHub({
        channel: cluster.channel,
        pool,
        pipeSettings: cluster.settings.pipes,
        maxIncomingBitrate: limits.media.maxIncomingBitrate,
        broadcaster,
        logger: logger.child({ component: "cluster-media" }),
      })
    : null;
  // The directory is made last (it needs the registry); the hallway asks it only once rooms change.
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
    // Recording the stage (absent when this server has no ffmpeg: "Record" is refused, saying so).
    recording: await recordingDepsOf({
      dataDir: config.dataDir,
      store: persistence.recordings,
      logger,
      cluster: cluster !== null,
    }),
    store: persistence.roomStore,
    broadcaster,
    logger: logger.child({ component: "rooms" }),
    now: Date.now,
    stageLimit: config.STAGE_LIMIT,
    memberLimit: config.ROOM_MAX_MEMBERS,
    rejoinGraceMs: config.ROOM_REJOIN_GRACE_MS,
    emptyStageGraceMs: config.ROOM_EMPTY_STAGE_GRACE_MS,
    stats: { store: persistence.roomStats, sampleMs: config.ROOM_STATS_SAMPLE_SECONDS * 1000 },
    onChange: (roomId) => {
      hallway.changed(roomId);
      cluster?.hallway.changed();
    },
    ownership: cluster?.leases,
    // In-room moderation reaches the audit log through this port; the rooms know no database.
    moderationLog: {
      moderated: (entry) => void persistence.audit.record(entry),
    },
    createMedia: (roomId, listener) =>
      clusterMedia?.createOwned(roomId, listener) ??
      RoomMedia.create({
        roomId,
        pool,
        listener,
        logger: logger.child({ component: "media", roomId }),
        maxIncomingBitrate: limits.media.maxIncomingBitrate,
      }),
  });
  // Live and scheduled rooms per person and creations per hour, for every way a room comes to be.
  const quotas = new RoomQuotas({ store: persistence.roomQuotas, limits: limits.rooms, now: Date.now });
  directory = new RoomDirectory({
    store: persistence.roomStore,
    registry,
    quotas,
    now: Date.now,
    onScheduled: () => hallway.changed(),
    verifiedToHost,
    remoteHallway: cluster ? () => cluster.hallway.remote() : undefined,
  });
  cluster?.hallway.publishFrom(registry);
  // A dead node's rooms are taken over within about one lease time, even before anyone rejoins.
  // The grace: a holder takes back a lease Redis lost (restart) within a reconnect and a renewal.
  if (cluster)
    registry.sweepUnowned(cluster.settings.leaseTtlMs, Math.max(2 * cluster.settings.leaseTtlMs, 3_000));
  // Replays over HTTP (server/recording): the room's door decides who plays them.
  const replays = replayHttp({ ...persistence, dataDir: config.dataDir, directory, logger });
  // The staff console's rooms of other nodes, and ending one on its owner.
  const otherNodes = cluster
    ? new ClusterLiveRooms({
        channel: cluster.channel,
        hallway: cluster.hallway,
        ownerOf: (roomId) => cluster.leases.ownerOf(roomId),
        registry,
      })
    : undefined;
  return { registry, hallway, directory, quotas, verifiedToHost, replays, clusterMedia, otherNodes };
}
