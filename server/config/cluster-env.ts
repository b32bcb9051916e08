import os from "node:os";
import { z } from "zod";

const unsetIfEmpty = <T extends z.ZodType>(schema: T) =>
  schema.optional().or(z.literal("").transform(() => undefined));

/**
 * Cluster mode (docs/ARCHITECTURE.md "Cluster"): set REDIS_URL and several processes share rooms,
 * broadcasts, limits and the hallway through Redis, their lasting state through PostgreSQL.
 * Unset, nothing here is read: the single node of today, embedded database, nothing else to run.
 */
export const clusterEnvSchema = z.object({
  /** redis://host:6379 (or rediss://) turns cluster mode on; requires DATABASE_URL. */
  REDIS_URL: unsetIfEmpty(z.string().regex(/^rediss?:\/\//, "REDIS_URL must be a redis:// or rediss:// URL")),
  /** This node's name in the cluster; defaults to hostname:PORT (unique per process on one machine). */
  NODE_ID: unsetIfEmpty(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._:-]{1,100}$/, "NODE_ID: letters, digits and . _ : - only"),
  ),
  /** The URL clients reach this node at directly (told to clients of rooms it owns). Defaults to PUBLIC_ORIGIN. */
  NODE_URL: unsetIfEmpty(z.url()),
  /** Prefix of every Redis key and stream this app uses, so several apps (or tests) share one Redis. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,60}$/, "REDIS_KEY_PREFIX: letters, digits and . _ : - only")
    .default("audio-rooms:"),
  /** How long a room's ownership lease lives unrenewed: a dead node's rooms are free after this. */
  ROOM_LEASE_TTL_MS: z.coerce.number().int().min(300).max(600_000).default(10_000),
  /** Where this node's end of a room's media pipe to another node listens (UDP). */
  MEDIA_PIPE_LISTEN_IP: z.string().default("127.0.0.1"),
  /** The address other nodes send a room's media to, when not MEDIA_PIPE_LISTEN_IP (NAT, 0.0.0.0). */
  MEDIA_PIPE_ANNOUNCED_ADDRESS: unsetIfEmpty(z.string()),
  /** UDP ports of the pipes between nodes (one per room per other node); unset: the OS chooses. */
  MEDIA_PIPE_PORT_MIN: unsetIfEmpty(z.coerce.number().int().min(1024).max(65_535)),
  MEDIA_PIPE_PORT_MAX: unsetIfEmpty(z.coerce.number().int().min(1024).max(65_535)),
});

export type ClusterEnv = z.infer<typeof clusterEnvSchema>;

/** What a cluster node needs to know about itself, or null outside cluster mode. */
export type ClusterSettings = {
  redisUrl: string;
  nodeId: string;
  nodeUrl: string;
  keyPrefix: string;
  leaseTtlMs: number;
  /** Node-to-node media pipes (server/media/node-pipes.ts). */
  pipes: {
    listenIp: string;
    announcedAddress?: string | undefined;
    portRange?: { min: number; max: number } | undefined;
  };
};

/** A sentence naming the variable, or null when the combination is sound. */
export function clusterProblem(env: ClusterEnv & { DATABASE_URL?: string | undefined }): string | null {
  if (env.REDIS_URL && !env.DATABASE_URL)
    return (
      "REDIS_URL: cluster mode needs PostgreSQL (set DATABASE_URL); the embedded database lives in " +
      "one process's folder and cannot be shared by several nodes"
    );
  if ((env.MEDIA_PIPE_PORT_MIN === undefined) !== (env.MEDIA_PIPE_PORT_MAX === undefined))
    return "MEDIA_PIPE_PORT_MIN and MEDIA_PIPE_PORT_MAX: set both or neither";
  if (
    env.MEDIA_PIPE_PORT_MIN !== undefined &&
    env.MEDIA_PIPE_PORT_MAX !== undefined &&
    env.MEDIA_PIPE_PORT_MIN > env.MEDIA_PIPE_PORT_MAX
  )
    return "MEDIA_PIPE_PORT_MIN must not be above MEDIA_PIPE_PORT_MAX";
  if (env.MEDIA_PIPE_LISTEN_IP === "0.0.0.0" && !env.MEDIA_PIPE_ANNOUNCED_ADDRESS)
    return "MEDIA_PIPE_ANNOUNCED_ADDRESS: required when MEDIA_PIPE_LISTEN_IP is 0.0.0.0";
  return null;
}

export function clusterSettingsOf(
  env: ClusterEnv & { PORT: number },
  publicOrigin: string,
): ClusterSettings | null {
  if (!env.REDIS_URL) return null;
  return {
    redisUrl: env.REDIS_URL,
    nodeId: env.NODE_ID ?? `${os.hostname()}:${env.PORT}`,
    nodeUrl: env.NODE_URL ?? publicOrigin,
    keyPrefix: env.REDIS_KEY_PREFIX,
    leaseTtlMs: env.ROOM_LEASE_TTL_MS,
    pipes: {
      listenIp: env.MEDIA_PIPE_LISTEN_IP,
      announcedAddress: env.MEDIA_PIPE_ANNOUNCED_ADDRESS,
      portRange:
        env.MEDIA_PIPE_PORT_MIN !== undefined && env.MEDIA_PIPE_PORT_MAX !== undefined
          ? { min: env.MEDIA_PIPE_PORT_MIN, max: env.MEDIA_PIPE_PORT_MAX }
          : undefined,
    },
  };
}
