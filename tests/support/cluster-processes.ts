import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll } from "vitest";
import { NodeProcess, type NodeExit } from "./node-process";
import { startFrontDoor, type FrontDoorProcess } from "./front-door-process";
import { freeMediaPorts } from "./free-ports";
import { freePort, startRedisServer, type RedisServerProcess } from "./redis-server-process";
import { createTestDatabase, testDrivers, type TestDatabase } from "./test-database";

export type { NodeExit, NodeProcess };

export type ClusterOptions = {
  /** Extra environment for every node (after the harness's own, so it may override them). */
  env?: Record<string, string>;
  /** Extra environment for node `index` (1-based), after `env`. */
  envOf?: (index: number) => Record<string, string>;
  /** ROOM_LEASE_TTL_MS of every node (default 1,500: a dead node's rooms are free after 1.5 s). */
  leaseTtlMs?: number;
  /** MEDIA_WORKERS of every node (default 1); node i's worker w listens on mediaPortOf(i) + w. */
  mediaWorkers?: number;
  /** How long start and restart wait for /api/ready (default 90 s: three cold starts on two cores). */
  readyTimeoutMs?: number;
  /** Caddy in front of the nodes (scripts/cluster.sh's front door); the nodes' PUBLIC_ORIGIN is its URL. */
  frontDoor?: boolean;
};

/**
 * N nodes of the real server as separate processes, on 127.0.0.1 only: a private redis-server
 * (nothing on disk), a fresh PostgreSQL database (migrated, from tests/support/test-database.ts),
 * and per node its own HTTP port, NODE_ID `node-i`, NODE_URL, DATA_DIR and media ports. Nodes are
 * numbered from 1. Needs a production build (`npx next build`): the nodes run NODE_ENV=production.
 */
export type ClusterProcesses = {
  readonly size: number;
  readonly redis: RedisServerProcess;
  readonly databaseUrl: string;
  readonly keyPrefix: string;
  /** The front door's URL (option `frontDoor`), or null. */
  readonly frontDoorUrl: string | null;
  /** Node i (1-based): url, nodeId, pid, running, starts, exits, logs, waitForLog, tail. */
  node(index: number): NodeProcess;
  nodes(): NodeProcess[];
  /** First media port of node i (kept over restarts). */
  mediaPortOf(index: number): number;
  /** Signals node i and waits for its exit: "SIGTERM" drains, "SIGKILL" is kill -9. */
  kill(index: number, signal?: NodeJS.Signals): Promise<NodeExit | undefined>;
  /** Starts node i again (same port, id, data folder) after a kill, and waits until it is ready. */
  start(index: number): Promise<void>;
  /** kill(i, signal) (SIGTERM by default) then start(i). */
  restart(index: number, signal?: NodeJS.Signals): Promise<void>;
  /** Waits until node i answers /api/ready with 200. */
  waitReady(index: number, timeoutMs?: number): Promise<void>;
  /**
   * Kills the redis-server (SIGKILL by default: a crash), leaves the nodes without Redis for
   * `downMs` (default 0), and starts it again, empty, on the same port; resolves once it answers.
   */
  restartRedis(options?: { signal?: NodeJS.Signals; downMs?: number }): Promise<void>;
  /** Exits the harness did not ask for (crashes, a node giving up by itself). */
  unexpectedExits(): NodeExit[];
  /** The last lines of every node and of Redis: what to print when a test fails. */
  report(lines?: number): string;
  /** Stops every node (SIGTERM, SIGKILL after 15 s), Redis, and drops the database; safe to call twice. */
  stopAll(): Promise<void>;
};

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

/** Whether this machine can run the harness: PostgreSQL and a redis-server binary (mandatory on CI). */
export async function clusterProcessesAvailable(): Promise<boolean> {
  const required = process.env.CI === "true" || process.env.TEST_POSTGRES === "1";
  const postgres = (await testDrivers()).includes("postgres");
  const redis = spawnSync("redis-server", ["--version"], { encoding: "utf8" }).status === 0;
  const problem = !postgres ? "PostgreSQL is unreachable" : !redis ? "no redis-server binary on PATH" : null;
  if (problem === null) return true;
  if (required) throw new Error(`Cluster process tests are required but ${problem}`);
  console.warn(`Skipping cluster process tests: ${problem}`);
  return false;
}

/** A port another process took between our check and the node's bind: worth new ports, not a failure. */
const PORT_TAKEN = /EADDRINUSE|address already in use/;
const START_ATTEMPTS = 3;

async function bounded<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Starts the whole cluster and waits until every node is ready; on failure cleans up and throws with the logs. */
export async function startClusterProcesses(
  size: number,
  options: ClusterOptions = {},
): Promise<ClusterProcesses> {
  if (!fs.existsSync(path.join(REPO_ROOT, ".next", "BUILD_ID")))
    throw new Error("cluster process tests run the production build: run `npx next build` first");
  const readyTimeoutMs = options.readyTimeoutMs ?? 90_000;
  const workers = options.mediaWorkers ?? 1;
  const keyPrefix = `cluster-${randomUUID().slice(0, 8)}:`;
  let redis: RedisServerProcess | undefined;
  let database: TestDatabase | undefined;
  const nodes: NodeProcess[] = [];
  const mediaPorts: number[] = [];
  let stopping: Promise<void> | null = null;
  let frontDoor: FrontDoorProcess | undefined;

  const at = (index: number): NodeProcess => {
    const node = nodes[index - 1];
    if (!node) throw new Error(`no node ${index}: the cluster has nodes 1..${nodes.length}`);
    return node;
  };
  const report = (lines = 80) =>
    [
      ...nodes.map(
        (node) => `----- ${node.nodeId} (${node.url}), last ${lines} lines -----\n${node.tail(lines)}`,
      ),
      `----- redis-server (${redis?.url ?? "not started"}) -----\n${redis?.logs.slice(-20).join("\n") ?? ""}`,
    ].join("\n");
  const stopAll = () => {
    stopping ??= (async () => {
      const problems: string[] = [];
      const step = async (what: string, work: () => Promise<unknown>, ms: number) => {
        try {
          await bounded(work(), ms, what);
        } catch (error) {
          problems.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
        }
      };
      await step("stopping the front door", () => frontDoor?.stop() ?? Promise.resolve(), 10_000);
      await step("stopping the nodes", () => Promise.all(nodes.map((node) => node.kill("SIGTERM"))), 25_000);
      await step("stopping redis-server", () => redis?.stop() ?? Promise.resolve(), 10_000);
      await step("dropping the database", () => database?.destroy() ?? Promise.resolve(), 15_000);
      if (problems.length > 0) console.warn(`cluster clean-up:\n  ${problems.join("\n  ")}`);
    })();
    return stopping;
  };

  try {
    const redisServer = await startRedisServer();
    redis = redisServer;
    const testDatabase = await createTestDatabase("postgres");
    database = testDatabase;
    const databaseUrl = testDatabase.databaseUrl ?? "";
    const taken = new Set<number>([redisServer.port]);
    const frontDoorPort = options.frontDoor ? await freePort() : 0;
    taken.add(frontDoorPort);
    const makeNode = async (index: number): Promise<NodeProcess> => {
      let port = await freePort();
      while (taken.has(port)) port = await freePort();
      taken.add(port);
      const mediaPort = await freeMediaPorts(workers, taken);
      mediaPorts[index - 1] = mediaPort;
      const url = `http://127.0.0.1:${port}`;
      const dataDir = path.join(testDatabase.dataDir, `node-${index}`);
      fs.mkdirSync(dataDir, { recursive: true });
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        LOG_LEVEL: "info",
        HOST: "127.0.0.1",
        PORT: String(port),
        // Behind the front door, pages and sockets come from its origin (one hop to trust).
        PUBLIC_ORIGIN: options.frontDoor ? `http://127.0.0.1:${frontDoorPort}` : url,
        ...(options.frontDoor ? { TRUST_PROXY: "1" } : {}),
        NODE_ID: `node-${index}`,
        NODE_URL: url,
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisServer.url,
        REDIS_KEY_PREFIX: keyPrefix,
        ROOM_LEASE_TTL_MS: String(options.leaseTtlMs ?? 1_500),
        MEDIA_LISTEN_IP: "127.0.0.1",
        MEDIA_PORT: String(mediaPort),
        MEDIA_WORKERS: String(workers),
        METRICS_PORT: "",
        // Tests make accounts freely, and every client is 127.0.0.1: per-address limits out of the way.
        REGISTRATION_MODE: "open",
        SIGNUPS_PER_IP_PER_HOUR: "10000",
        MAX_SOCKETS_PER_IP: "100000",
        JOINS_PER_IP_PER_MINUTE: "100000",
        LIVE_ROOMS_PER_USER: "1000",
        ROOM_CREATIONS_PER_USER_PER_HOUR: "10000",
        ...options.env,
        ...options.envOf?.(index),
      };
      return new NodeProcess(`node-${index}`, url, env);
    };
    // Starts node i, on new ports when the first ones were taken before it could bind them.
    const startNode = async (index: number): Promise<void> => {
      for (let attempt = 1; ; attempt += 1) {
        const node = at(index);
        node.spawn();
        try {
          await node.waitReady(readyTimeoutMs);
          return;
        } catch (error) {
          if (attempt >= START_ATTEMPTS || !PORT_TAKEN.test(node.tail(60))) throw error;
          await node.kill("SIGKILL");
          nodes[index - 1] = await makeNode(index);
        }
      }
    };
    for (let index = 1; index <= size; index += 1) nodes.push(await makeNode(index));
    await Promise.all(nodes.map((_, offset) => startNode(offset + 1)));
    if (options.frontDoor)
      frontDoor = await startFrontDoor(
        frontDoorPort,
        nodes.map((node) => new URL(node.url).host),
      );
    const server = redis;
    return {
      size,
      redis: server,
      databaseUrl,
      keyPrefix,
      frontDoorUrl: frontDoor?.url ?? null,
      node: at,
      nodes: () => [...nodes],
      mediaPortOf: (index) => {
        at(index);
        return mediaPorts[index - 1] ?? 0;
      },
      kill: (index, signal = "SIGTERM") => at(index).kill(signal),
      start: async (index) => {
        at(index).spawn();
        await at(index).waitReady(readyTimeoutMs);
      },
      restart: async (index, signal = "SIGTERM") => {
        await at(index).kill(signal);
        at(index).spawn();
        await at(index).waitReady(readyTimeoutMs);
      },
      waitReady: (index, timeoutMs = readyTimeoutMs) => at(index).waitReady(timeoutMs),
      restartRedis: (restart) => server.restart(restart),
      unexpectedExits: () => nodes.flatMap((node) => node.exits.filter((exit) => !exit.expected)),
      report,
      stopAll,
    };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const logs = report(40);
    await stopAll();
    throw new Error(`the cluster did not start: ${detail}\n${logs}`, { cause: error });
  }
}

/**
 * The cluster for one test file: started in beforeAll, every node's and Redis's last lines printed
 * after a failing test, everything stopped in afterAll (also after a failure). Read `cluster`
 * inside tests only.
 */
export function clusterProcessesSuite(
  size: number,
  options: ClusterOptions = {},
): { readonly cluster: ClusterProcesses } {
  let cluster: ClusterProcesses | undefined;
  beforeAll(async () => {
    cluster = await startClusterProcesses(size, options);
  }, 180_000);
  afterEach(({ task }) => {
    if (task.result?.state === "fail" && cluster)
      console.error(`${task.name} failed; the cluster said:\n${cluster.report()}`);
  });
  afterAll(async () => {
    await cluster?.stopAll();
  }, 60_000);
  return {
    get cluster() {
      if (!cluster) throw new Error("the cluster is started in beforeAll; read it inside a test");
      return cluster;
    },
  };
}
