import { createClient } from "redis";
import { startClusterProcesses, type ClusterProcesses } from "../../tests/support/cluster-processes";
import { childrenOf, cpuSeconds, rssKiB } from "./process-usage";

/**
 * The servers one bench:storm-cluster run talks to: `nodes` real node processes on 127.0.0.1 with
 * a fresh PostgreSQL database, started by the cluster harness (tests/support/cluster-processes.ts,
 * private redis-server, nothing on disk). `cluster: false` is the single node of the same run: one
 * process on the same PostgreSQL, `REDIS_URL` empty (no cluster code at all), so the only
 * difference between the two figures is the cluster.
 */
export type StormTopology = {
  readonly label: string;
  /** Node i's base URL (index 0 = node-1, where the room is created and owned). */
  readonly urls: string[];
  readonly clustered: boolean;
  /** CPU seconds used so far per node: the Node process and its mediasoup-worker children. */
  cpu(): number[];
  /** CPU seconds of the private redis-server (0 when the run has no cluster). */
  redisCpu(): number;
  /** The private redis-server's counters (INFO stats), zeros without a cluster. */
  redisStats(): Promise<RedisStats>;
  /** Resident set size of each node process (KiB). */
  rss(): number[];
  /** The last lines of every node, for a run that went wrong. */
  report(lines?: number): string;
  /** Every node's warnings and errors so far (pino levels 40+), at most `max` per node, cut to 300 characters. */
  warnings(max?: number): string[];
  stop(): Promise<void>;
};

export type RedisStats = { commands: number; inBytes: number; outBytes: number };

/** INFO stats of a Redis server: commands processed and network bytes in and out since it started. */
async function readRedisStats(url: string): Promise<RedisStats> {
  const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 2_000 } });
  client.on("error", () => undefined);
  try {
    await client.connect();
    const info = await client.info("stats");
    const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, "m").exec(info)?.[1] ?? 0);
    return {
      commands: field("total_commands_processed"),
      inBytes: field("total_net_input_bytes"),
      outBytes: field("total_net_output_bytes"),
    };
  } finally {
    if (client.isOpen) client.destroy();
  }
}

/** What every storm server needs: guests may listen, a room of 8,000+ fits, an unmanned stage does not end it. */
const STORM_ENV = {
  GUEST_LISTENING: "true",
  ROOM_MAX_MEMBERS: "100000",
  ROOM_EMPTY_STAGE_GRACE_MS: "3600000",
  LOG_LEVEL: "warn",
};

export async function startTopology(nodes: number, cluster: boolean): Promise<StormTopology> {
  const processes: ClusterProcesses = await startClusterProcesses(cluster ? nodes : 1, {
    env: { ...STORM_ENV, ...(cluster ? {} : { REDIS_URL: "" }) },
    mediaWorkers: 1,
    // The production default (10 s), not the harness's 1.5 s: a node starved of CPU for a second
    // by 8,000 connecting clients on 2 cores must not lose its room's lease mid-measurement.
    leaseTtlMs: 10_000,
    readyTimeoutMs: 150_000,
  });
  const members = processes.nodes();
  const pidsOf = members.map((node) => {
    const pid = node.pid ?? 0;
    const workers = childrenOf(pid)
      .filter((child) => child.comm.startsWith("mediasoup-work")) // comm is cut to 15 characters
      .map((child) => child.pid);
    return [pid, ...workers];
  });
  return {
    label: cluster ? `${nodes} nodes` : "single node",
    urls: members.map((node) => node.url),
    clustered: cluster,
    cpu: () => pidsOf.map((pids) => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0)),
    redisCpu: () => (cluster && processes.redis.pid !== undefined ? cpuSeconds(processes.redis.pid) : 0),
    redisStats: () =>
      cluster
        ? readRedisStats(processes.redis.url)
        : Promise.resolve({ commands: 0, inBytes: 0, outBytes: 0 }),
    rss: () => members.map((node) => rssKiB(node.pid ?? 0)),
    report: (lines) => processes.report(lines),
    warnings: (max = 15) =>
      members.flatMap((node) =>
        node.logs
          .filter((line) => /"level":(40|50|60)/.test(line))
          .filter((line) => !line.includes("no admin yet"))
          .slice(0, max)
          .map((line) => line.slice(0, 300)),
      ),
    stop: () => processes.stopAll(),
  };
}
