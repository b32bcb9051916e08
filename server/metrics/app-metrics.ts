import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Role } from "../../src/shared/protocol";
import type { WorkerSample } from "./media-worker-stats";

/** What the metrics read at scrape time; nothing here is counted twice by the app. */
export type MetricsSources = {
  /** The rooms running in this process. */
  rooms(): Promise<readonly { roleCounts(): Record<Role, number> }[]>;
  workers(): Promise<WorkerSample[]>;
  /** Open Socket.IO connections. */
  sockets(): number;
};

export type AppMetrics = {
  registry: Registry;
  /** A successful room:join (rate() of the counter is joins per second). */
  joined(): void;
  /** A client's own measurement from joining to hearing the first audio packet, in seconds. */
  firstAudio(seconds: number): void;
  /** One SQL statement of Prisma's, timed at the driver adapter (server/db/query-timing.ts). */
  query(table: string, statement: string, seconds: number, ok: boolean): void;
  /** The Prometheus text exposition of everything above. */
  scrape(): Promise<{ contentType: string; text: string }>;
};

/** Up to 30 s: a listener who hears nothing for longer has a problem the histogram need not size. */
export const FIRST_AUDIO_BUCKETS = [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 8, 13, 20, 30];
const QUERY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const ROLES: readonly Role[] = ["host", "moderator", "speaker", "listener"];

/**
 * One registry per app (tests run several apps in a process): prom-client's default process and
 * Node metrics (CPU, memory, event-loop lag, GC), and the app's own under `audio_rooms_`. Gauges
 * are read when scraped (collect), so nothing runs between scrapes.
 */
export function createAppMetrics(sources: MetricsSources): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  // Three metrics read the same sample of the workers; one scrape asks each worker once.
  let sampled: { at: number; samples: Promise<WorkerSample[]> } | null = null;
  const workers = () => {
    if (!sampled || Date.now() - sampled.at > 250) sampled = { at: Date.now(), samples: sources.workers() };
    return sampled.samples;
  };

  new Gauge({
    name: "audio_rooms_live_rooms",
    help: "Rooms running in this process.",
    registers,
    async collect() {
      this.set((await sources.rooms()).length);
    },
  });
  new Gauge({
    name: "audio_rooms_room_members",
    help: "People in the live rooms of this process, by role (absent members keep their seat during the rejoin grace).",
    labelNames: ["role"] as const,
    registers,
    async collect() {
      const totals: Record<Role, number> = { host: 0, moderator: 0, speaker: 0, listener: 0 };
      for (const room of await sources.rooms()) {
        const counts = room.roleCounts();
        for (const role of ROLES) totals[role] += counts[role];
      }
      for (const role of ROLES) this.set({ role }, totals[role]);
    },
  });
  const joins = new Counter({
    name: "audio_rooms_joins_total",
    help: "Successful room joins and rejoins.",
    registers,
  });
  const firstAudio = new Histogram({
    name: "audio_rooms_join_to_first_audio_seconds",
    help: "From a client's room:join to its first received audio packet, as reported by the client.",
    buckets: FIRST_AUDIO_BUCKETS,
    registers,
  });
  new Gauge({
    name: "audio_rooms_sockets",
    help: "Open Socket.IO connections.",
    registers,
    collect() {
      this.set(sources.sockets());
    },
  });
  new Gauge({
    name: "audio_rooms_media_worker_up",
    help: "1 when the mediasoup worker answers requests, 0 when it is dead or hung.",
    labelNames: ["worker"] as const,
    registers,
    async collect() {
      this.reset();
      for (const w of await workers()) this.set({ worker: String(w.index) }, w.problem ? 0 : 1);
    },
  });
  new Gauge({
    name: "audio_rooms_media_worker_consumers",
    help: "mediasoup consumers on each worker (listeners' streams and pipes).",
    labelNames: ["worker"] as const,
    registers,
    async collect() {
      this.reset();
      for (const w of await workers()) this.set({ worker: String(w.index) }, w.consumers);
    },
  });
  new Counter({
    name: "audio_rooms_media_worker_cpu_seconds_total",
    help: "User and system CPU used by each mediasoup worker process (restarts from 0 when a worker is replaced).",
    labelNames: ["worker"] as const,
    registers,
    async collect() {
      this.reset();
      for (const w of await workers())
        if (w.cpuSeconds !== null) this.inc({ worker: String(w.index) }, w.cpuSeconds);
    },
  });
  const queries = new Histogram({
    name: "audio_rooms_db_query_duration_seconds",
    help: "SQL statements the app ran, from sending to the result, by table and kind (select, insert ...).",
    labelNames: ["table", "statement", "outcome"] as const,
    buckets: QUERY_BUCKETS,
    registers,
  });

  return {
    registry,
    joined: () => joins.inc(),
    firstAudio: (seconds) => firstAudio.observe(seconds),
    query: (table, statement, seconds, ok) =>
      queries.observe({ table, statement, outcome: ok ? "ok" : "error" }, seconds),
    async scrape() {
      return { contentType: registry.contentType, text: await registry.metrics() };
    },
  };
}
