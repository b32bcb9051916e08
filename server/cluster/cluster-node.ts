import { createAdapter } from "@socket.io/redis-streams-adapter";
import type { ClusterSettings } from "../config/cluster-env";
import type { Limits } from "../config/limits";
import type { Logger } from "../logging/logger";
import { HallwayBoard } from "./hallway-board";
import { NodeChannel } from "./node-channel";
import { connectRedis, type RedisConnection } from "./redis-connection";
import { RedisJoinLimit, RedisSignInGuard } from "./redis-rate-limits";
import { RedisSocketSlots } from "./redis-socket-slots";
import { RoomLeases } from "./room-leases";

/**
 * Everything a node shares with the others in cluster mode (REDIS_URL set), made once by the
 * process (server/index.ts) and handed to startApp, which plugs each part in where the single node
 * uses its in-memory one: broadcasts (Socket.IO's Redis Streams adapter), room ownership
 * (leases), the sign-in, join and socket limits, and the hallway's rooms of other nodes.
 */
export type ClusterNode = {
  settings: ClusterSettings;
  redis: RedisConnection;
  /** For `io.adapter(...)`: every broadcast reaches the sockets of every node. */
  adapter: ReturnType<typeof createAdapter>;
  leases: RoomLeases;
  signIns: RedisSignInGuard;
  joinLimit: RedisJoinLimit;
  hallway: HallwayBoard;
  /** Requests and notices between nodes (command forwarding, media pipes). */
  channel: NodeChannel;
  /** MAX_SOCKETS_PER_IP over every node. */
  socketSlots: RedisSocketSlots;
  /** The socket edge's limits that count over every node (server/realtime/realtime-deps.ts). */
  sharedLimits: {
    sharedJoinLimit(addressKey: string): Promise<number>;
    sharedSocketSlot(addressKey: string, socketId: string): Promise<(() => void) | null>;
  };
  /** After the app closed: releases leases, leaves the hallway, closes Redis. */
  close(): Promise<void>;
};

export async function startClusterNode(input: {
  settings: ClusterSettings;
  limits: Pick<Limits, "signIn" | "sockets">;
  logger: Logger;
}): Promise<ClusterNode> {
  const { settings, limits } = input;
  const logger = input.logger.child({ component: "cluster", nodeId: settings.nodeId });
  const redis = await connectRedis(
    settings.redisUrl,
    logger,
    `audio-rooms-${settings.nodeId}`.replace(/[^\w.:-]/g, "_"),
  );
  const keyPrefix = settings.keyPrefix;
  // Streams, not pub/sub: a stream is read from the last id seen, so what was broadcast while this
  // node's Redis connection was down is delivered when it is back (docs/ARCHITECTURE.md "Cluster").
  const adapter = createAdapter(redis, {
    streamName: `${keyPrefix}socket.io`,
    channelPrefix: `${keyPrefix}socket.io`,
    maxLen: 100_000,
  });
  // Leases on a connection of their own: a renewal queued behind a storm's traffic (join replies,
  // the adapter's stream) could arrive after the lease lapsed and stop a room that is fine
  // (seen in bench:storm-cluster at 8,000 joins, docs/BENCHMARKS.md).
  const leaseRedis = await connectRedis(
    settings.redisUrl,
    logger,
    `audio-rooms-${settings.nodeId}-leases`.replace(/[^\w.:-]/g, "_"),
  );
  const leases = new RoomLeases({
    redis: leaseRedis,
    keyPrefix,
    self: { nodeId: settings.nodeId, url: settings.nodeUrl },
    ttlMs: settings.leaseTtlMs,
    logger,
  });
  const hallway = new HallwayBoard({ redis, keyPrefix, nodeId: settings.nodeId, logger });
  const channel = new NodeChannel({ redis, keyPrefix, nodeId: settings.nodeId, logger });
  await channel.start();
  const joinLimit = new RedisJoinLimit(redis, keyPrefix, limits.sockets.joinsPerIpPerMinute);
  const socketSlots = new RedisSocketSlots({
    redis,
    keyPrefix,
    nodeId: settings.nodeId,
    perIp: limits.sockets.perIp,
    logger,
  });
  let closing: Promise<void> | null = null;
  logger.info({ url: settings.nodeUrl }, "cluster mode: sharing rooms, limits and the hallway through redis");
  return {
    settings,
    redis,
    adapter,
    leases,
    signIns: new RedisSignInGuard({ redis, keyPrefix, limits: limits.signIn, logger }),
    joinLimit,
    hallway,
    channel,
    socketSlots,
    sharedLimits: {
      sharedJoinLimit: (addressKey) => joinLimit.join(addressKey),
      sharedSocketSlot: (addressKey, socketId) => socketSlots.take(addressKey, socketId),
    },
    close() {
      closing ??= (async () => {
        await Promise.allSettled([leases.close(), hallway.close(), socketSlots.close(), channel.close()]);
        redis.destroy();
        leaseRedis.destroy();
      })();
      return closing;
    },
  };
}
