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
  /**
   * UDP ports this node's pipe transports to other nodes (media between hosts) may use, both
   * ends included. A range of its own, apart from MEDIA_PORT's, so a firewall can open exactly
   * it between the nodes and nothing else to the internet. Unset: the OS picks.
   */
  MEDIA_PIPE_PORT_MIN: unsetIfEmpty(z.coerce.number().int().min(1).max(65535)),
  MEDIA_PIPE_PORT_MAX: unsetIfEmpty(z.coerce.number().int().min(1).max(65535)),
});

export type ClusterEnv = z.infer<typeof clusterEnvSchema>;

/** What a cluster node needs to know about itself, or null outside cluster mode. */
export type ClusterSettings = {
  redisUrl: string;
  nodeId: string;
  nodeUrl: string;
  keyPrefix: string;
  leaseTtlMs: number;
};

/** A sentence naming the variable, or null when the combination is sound. */
export function clusterProblem(env: ClusterEnv & { DATABASE_URL?: string | undefined }): string | null {
  if (env.REDIS_URL && !env.DATABASE_URL)
    return (
      "REDIS_URL: cluster mode needs PostgreSQL (set DATABASE_URL); the embedded database lives in " +
      "one process's folder and cannot be shared by several nodes"
    );
  const { MEDIA_PIPE_PORT_MIN: min, MEDIA_PIPE_PORT_MAX: max } = env;
  if ((min === undefined) !== (max === undefined))
    return "MEDIA_PIPE_PORT_MIN / MEDIA_PIPE_PORT_MAX: set both or neither";
  if (min !== undefined && max !== undefined && min > max)
    return `MEDIA_PIPE_PORT_MIN (${min}) must not be above MEDIA_PIPE_PORT_MAX (${max})`;
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
  };
}
