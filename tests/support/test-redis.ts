import { randomUUID } from "node:crypto";
import { createClient } from "redis";
import { testDrivers } from "./test-database";

/** The Redis the cluster tests use; TEST_REDIS_URL overrides it. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** Why Redis cannot be used, or null when it answers. */
async function redisProblem(): Promise<string | null> {
  const client = createClient({
    url: TEST_REDIS_URL,
    socket: { reconnectStrategy: false, connectTimeout: 2_000 },
  });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    if (client.isOpen) client.destroy();
  }
}

/**
 * Whether the cluster tests can run: they need PostgreSQL (cluster mode refuses the embedded
 * database) and Redis. Skipped with a message where the suite skips PostgreSQL tests (neither CI
 * nor TEST_POSTGRES=1); when those make PostgreSQL mandatory, an unreachable Redis fails loudly.
 */
export async function clusterTestsAvailable(): Promise<boolean> {
  const required = process.env.CI === "true" || process.env.TEST_POSTGRES === "1";
  const postgres = (await testDrivers()).includes("postgres");
  const problem = postgres ? await redisProblem() : "PostgreSQL is unreachable";
  if (problem === null) return true;
  if (required) throw new Error(`Cluster tests are required but ${TEST_REDIS_URL} is unusable: ${problem}`);
  console.warn(`Skipping cluster tests: ${problem}`);
  return false;
}

/** A key prefix nobody else uses, so parallel test runs share one Redis without colliding. */
export function testKeyPrefix(): string {
  return `test-${randomUUID().slice(0, 8)}:`;
}

/** Deletes every key under `prefix` (what a test's nodes left: the adapter's stream, limit windows). */
export async function dropKeys(prefix: string): Promise<void> {
  if (!prefix) return;
  const client = createClient({ url: TEST_REDIS_URL });
  client.on("error", () => undefined);
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 }))
      if (keys.length > 0) await client.del(keys);
  } finally {
    client.destroy();
  }
}
