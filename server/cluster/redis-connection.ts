import { createClient } from "redis";
import type { Logger } from "../logging/logger";

function newClient(url: string, name?: string) {
  return createClient({
    url,
    // Shown by CLIENT LIST (and copied to the adapter's own connections): which node holds what.
    ...(name ? { name } : {}),
    // At most a second between attempts: after a Redis restart a node must be back (renewing its
    // leases, beating) well within the grace others give it (RoomRegistry.sweepUnowned).
    socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 1_000) },
  });
}

export type RedisConnection = ReturnType<typeof newClient>;

/**
 * One node-redis client, connected. node-redis reconnects by itself (with backoff) and queues
 * commands meanwhile; its errors are logged here, once per outage, rather than thrown at the
 * process (an unhandled `error` event would end it: a Redis blip must not take the node down).
 */
export async function connectRedis(url: string, logger: Logger, name?: string): Promise<RedisConnection> {
  const client = newClient(url, name);
  let down = false;
  client.on("error", (error: unknown) => {
    if (down) return;
    down = true;
    logger.warn({ err: error }, "redis connection lost; retrying");
  });
  client.on("ready", () => {
    if (down) logger.info("redis connection back");
    down = false;
  });
  await client.connect();
  return client;
}
