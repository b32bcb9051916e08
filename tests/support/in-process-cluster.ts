import { afterAll, beforeAll } from "vitest";
import type { Socket } from "socket.io-client";
import { createTestDatabase, type TestDatabase } from "./test-database";
import { startTestApp, type TestApp } from "./test-app";
import { TEST_REDIS_URL, dropKeys, testKeyPrefix } from "./test-redis";

/** Polls `probe` until it gives a value (every 100 ms, 10 s at most). */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A node's address for clients, by IP (the test apps listen on 127.0.0.1). */
export const urlOf = (t: TestApp): string => t.app.url.replace("localhost", "127.0.0.1");

/**
 * Two nodes in this test process (node-a, node-b) on their own ports, sharing one PostgreSQL
 * database and one Redis under a key prefix of their own: what `scripts/cluster.sh` runs as
 * separate processes. Started in beforeAll, closed (with the sockets `track`ed) in afterAll.
 * `env` adds each node's settings on top of the cluster ones; `node(...)` starts more nodes on
 * the same database and Redis (the caller closes them).
 */
export function inProcessCluster(env: (nodeId: string) => Record<string, string> = () => ({})) {
  let database: TestDatabase | undefined;
  let prefix = "";
  const nodes: TestApp[] = [];
  const sockets: Socket[] = [];
  const settingsOf = (nodeId: string) => ({
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    NODE_ID: nodeId,
    ...env(nodeId),
  });
  const node = async (nodeId: string, extra: Record<string, string> = {}): Promise<TestApp> => {
    if (!database) throw new Error("the cluster's database is not ready (use inside a test)");
    return startTestApp("postgres", { ...settingsOf(nodeId), ...extra }, { database });
  };
  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    prefix = testKeyPrefix();
    nodes.push(await node("node-a"), await node("node-b"));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const started of nodes) await started.close(); // a no-op for a node a test closed
    await database?.destroy();
    await dropKeys(prefix); // the adapter's stream has no TTL
  });
  const at = (index: number): TestApp => {
    const started = nodes[index];
    if (!started) throw new Error("the cluster is not started (use inside a test)");
    return started;
  };
  return {
    get a() {
      return at(0);
    },
    get b() {
      return at(1);
    },
    get database(): TestDatabase {
      if (!database) throw new Error("the cluster's database is not ready");
      return database;
    },
    get prefix() {
      return prefix;
    },
    node,
    /** Closed with the cluster. */
    track<T extends Socket>(socket: T): T {
      sockets.push(socket);
      return socket;
    },
  };
}
