import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { createRoom, send, startTestApp, suiteApp } from "../support/test-app";
import { OPUS_SEND_PARAMETERS } from "../support/opus-parameters";
import { testDrivers } from "../support/test-database";

const drivers = await testDrivers();
const TOKEN = "metrics-token-for-tests-0123456789";

async function scrape(url: string, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) {
  const response = await fetch(`${url}/metrics`, { headers });
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
}

/** The value of one sample line (`name{labels} value`), or undefined when absent. */
export function sample(text: string, series: string): number | undefined {
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const space = line.lastIndexOf(" ");
    if (line.slice(0, space) === series) return Number(line.slice(space + 1));
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function ready(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}/api/ready`);
  return { status: response.status, body: await response.json() };
}

describe.each(drivers)("[OPS-METRICS] /metrics in Prometheus format (%s)", (driver) => {
  const suite = suiteApp(driver, { METRICS_TOKEN: TOKEN });

  it("[OPS-METRICS-1] with the token: 200, Prometheus text with every metric named; without it or with a wrong one: 401", async () => {
    const { status, type, text } = await scrape(suite.url);
    expect(status).toBe(200);
    expect(type).toContain("text/plain; version=0.0.4");
    for (const name of [
      "audio_rooms_live_rooms",
      "audio_rooms_room_members",
      "audio_rooms_joins_total",
      "audio_rooms_join_to_first_audio_seconds",
      "audio_rooms_media_worker_consumers",
      "audio_rooms_media_worker_cpu_seconds_total",
      "audio_rooms_media_worker_up",
      "audio_rooms_sockets",
      "audio_rooms_db_query_duration_seconds",
      "nodejs_eventloop_lag_seconds",
      "process_cpu_seconds_total",
    ])
      expect(text, name).toMatch(new RegExp(`^# TYPE ${name} `, "m"));
    expect(sample(text, 'audio_rooms_media_worker_up{worker="0"}')).toBe(1);
    expect(sample(text, 'audio_rooms_media_worker_cpu_seconds_total{worker="0"}')).toBeGreaterThan(0);
    expect((await scrape(suite.url, {})).status).toBe(401);
    expect((await scrape(suite.url, { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    expect((await scrape(suite.url, { authorization: TOKEN })).status).toBe(401);
  });

  it("[OPS-METRICS-2] values move: a join counts, members by role and live rooms follow, the database time grows, sockets are counted", async () => {
    const before = (await scrape(suite.url)).text;
    const host = await suite.person("Metrics Host");
    const listener = await suite.person("Metrics Listener");
    const roomId = await createRoom(suite.url, host.cookie, "Metrics room");
    expect((await send(host.socket, "room:join", { roomId })).ok).toBe(true);
    expect((await send(listener.socket, "room:join", { roomId })).ok).toBe(true);
    const after = (await scrape(suite.url)).text;
    const delta = (series: string) => (sample(after, series) ?? 0) - (sample(before, series) ?? 0);
    expect(delta("audio_rooms_joins_total")).toBe(2);
    expect(delta("audio_rooms_live_rooms")).toBe(1);
    expect(delta('audio_rooms_room_members{role="host"}')).toBe(1);
    expect(delta('audio_rooms_room_members{role="listener"}')).toBe(1);
    expect(delta("audio_rooms_sockets")).toBe(2);
    // Sign-ups, sessions and the room were written and read: SQL went through the timed adapter.
    expect(
      delta('audio_rooms_db_query_duration_seconds_count{table="Room",statement="insert",outcome="ok"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      delta('audio_rooms_db_query_duration_seconds_count{table="User",statement="select",outcome="ok"}'),
    ).toBeGreaterThanOrEqual(1);
  });

  it("[OPS-METRICS-3] first audio: one bounded report per join lands in the histogram; repeats, reports before a join and bad values are refused", async () => {
    const host = await suite.person("First Audio Host");
    const listener = await suite.person("First Audio Listener");
    const roomId = await createRoom(suite.url, host.cookie, "First audio room");
    const count = async () =>
      sample((await scrape(suite.url)).text, "audio_rooms_join_to_first_audio_seconds_count") ?? 0;
    const start = await count();
    const early = await send(listener.socket, "metrics:first-audio", { ms: 500 });
    expect(!early.ok && early.error.code).toBe("invalid_state");
    expect((await send(host.socket, "room:join", { roomId })).ok).toBe(true);
    expect((await send(listener.socket, "room:join", { roomId })).ok).toBe(true);
    for (const bad of [{ ms: -1 }, { ms: 60_001 }, { ms: 1.5 }, { ms: "700" }, {}]) {
      const refused = await send(listener.socket, "metrics:first-audio", bad);
      expect(!refused.ok && refused.error.code, JSON.stringify(bad)).toBe("invalid_input");
    }
    expect(await send(listener.socket, "metrics:first-audio", { ms: 700 })).toEqual({ ok: true, data: {} });
    const again = await send(listener.socket, "metrics:first-audio", { ms: 700 });
    expect(!again.ok && again.error.code).toBe("invalid_state");
    const text = (await scrape(suite.url)).text;
    expect((await count()) - start).toBe(1);
    expect(sample(text, 'audio_rooms_join_to_first_audio_seconds_bucket{le="0.75"}')).toBeGreaterThanOrEqual(
      1,
    );
    // A rejoin is a new join: it may report again.
    expect((await send(listener.socket, "room:join", { roomId })).ok).toBe(true);
    expect((await send(listener.socket, "metrics:first-audio", { ms: 300 })).ok).toBe(true);
    expect((await count()) - start).toBe(2);
  });
});

describe.each(drivers)("[OPS-METRICS-MEDIA] consumers per worker (%s)", (driver) => {
  const suite = suiteApp(driver, { METRICS_TOKEN: TOKEN, MEDIA_WORKERS: "2" });

  it("[OPS-METRICS-6] each consumer is counted on the worker holding it, and uncounted when it closes", async () => {
    const consumers = async () => {
      const text = (await scrape(suite.url)).text;
      return [0, 1].map(
        (w) => sample(text, `audio_rooms_media_worker_consumers{worker="${w}"}`) ?? Number.NaN,
      );
    };
    const total = async () => (await consumers()).reduce((a, b) => a + b, 0);
    expect(await total()).toBe(0);
    const host = await suite.person("Consumer Host");
    const roomId = await createRoom(suite.url, host.cookie, "Consumers room");
    const joined = await send(host.socket, "room:join", { roomId });
    if (!joined.ok) throw new Error(joined.error.message);
    const transport = await send(host.socket, "media:create-transport", { direction: "send" });
    if (!transport.ok) throw new Error(transport.error.message);
    const produced = await send(host.socket, "media:produce", {
      transportId: transport.data.id,
      kind: "audio",
      rtpParameters: OPUS_SEND_PARAMETERS,
    });
    if (!produced.ok) throw new Error(produced.error.message);
    const listeners = [await suite.person("Consumer One"), await suite.person("Consumer Two")];
    for (const listener of listeners) {
      expect((await send(listener.socket, "room:join", { roomId })).ok).toBe(true);
      expect((await send(listener.socket, "media:create-transport", { direction: "recv" })).ok).toBe(true);
      const consumed = await send(listener.socket, "media:consume", {
        producerId: produced.data.producerId,
        rtpCapabilities: joined.data.routerRtpCapabilities,
      });
      expect(consumed.ok).toBe(true);
    }
    // The room's own books: its listeners' consumers, plus one per producer for each pipe to a
    // listener router on the other worker (those are consumers on the origin worker).
    const room = await suite.t.app.registry.get(roomId);
    const expected = async () => {
      const counts = await room.mediaCounts();
      return counts.consumers + counts.pipes * counts.producers;
    };
    expect(await expected()).toBeGreaterThanOrEqual(2);
    expect(await total()).toBe(await expected());
    expect((await consumers()).every((n) => n >= 1)).toBe(true); // the two listeners went to different workers
    expect((await send(listeners[0]!.socket, "room:leave", {})).ok).toBe(true);
    expect((await send(listeners[1]!.socket, "room:leave", {})).ok).toBe(true);
    await expect.poll(total).toBe(await expected());
    expect(await room.mediaCounts()).toMatchObject({ consumers: 0 });
  });
});

describe.each(drivers)("[OPS-METRICS-PORT] /metrics without a token (%s)", (driver) => {
  it("[OPS-METRICS-4] neither METRICS_TOKEN nor METRICS_PORT: /metrics is 404 on the app's port", async () => {
    const t = await startTestApp(driver);
    try {
      const url = t.app.url.replace("localhost", "127.0.0.1");
      expect((await scrape(url)).status).toBe(404);
      expect((await scrape(url, {})).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it("[OPS-METRICS-5] METRICS_PORT: /metrics on its own loopback port with no token, still 404 on the app's port", async () => {
    const port = await freePort();
    const t = await startTestApp(driver, { METRICS_PORT: String(port) });
    try {
      const url = t.app.url.replace("localhost", "127.0.0.1");
      expect((await scrape(url, {})).status).toBe(404);
      const separate = await scrape(`http://127.0.0.1:${port}`, {});
      expect(separate.status).toBe(200);
      expect(separate.text).toMatch(/^# TYPE audio_rooms_joins_total counter$/m);
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(404);
    } finally {
      await t.close();
    }
    // Closed with the app: the port is free again.
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });
});

describe.each(drivers)("[OPS-READY] /api/health and /api/ready (%s)", (driver) => {
  it("[OPS-READY-1] ready while the database and workers answer; a hung worker and a dead one turn it 503 naming media, and it comes back", async () => {
    const t = await startTestApp(driver, { MEDIA_WORKERS: "2" });
    try {
      const url = t.app.url.replace("localhost", "127.0.0.1");
      expect(await ready(url)).toEqual({
        status: 200,
        body: { ok: true, data: { status: "ready", checks: { serving: "ok", database: "ok", media: "ok" } } },
      });
      const [first, second] = t.app.pool.workerPids();
      if (first === undefined || second === undefined) throw new Error("two workers expected");
      // A hung worker (stopped, so it cannot answer) is not ready.
      process.kill(second, "SIGSTOP");
      try {
        const hung = await ready(url);
        expect(hung.status).toBe(503);
        expect(hung.body).toMatchObject({
          ok: false,
          error: {
            code: "internal",
            message: expect.stringContaining("media (media worker 1 did not answer"),
          },
          checks: { database: "ok" },
        });
      } finally {
        process.kill(second, "SIGCONT");
      }
      expect((await ready(url)).status).toBe(200);
      // A killed worker: not ready until the pool has replaced it, then ready again.
      process.kill(first, "SIGKILL");
      await expect.poll(async () => (await ready(url)).status, { interval: 5, timeout: 5000 }).toBe(503);
      await expect.poll(async () => (await ready(url)).status, { timeout: 10_000 }).toBe(200);
      expect(t.app.pool.workerPids()[0]).not.toBe(first);
      // Health says only that the process runs.
      const health = await fetch(`${url}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true, data: { status: "alive" } });
    } finally {
      await t.close();
    }
  });

  it("[OPS-READY-2] a closed database turns ready 503 naming the database, while health stays 200", async () => {
    const t = await startTestApp(driver);
    const url = t.app.url.replace("localhost", "127.0.0.1");
    try {
      expect((await ready(url)).status).toBe(200);
      await t.persistence.close();
      const closed = await ready(url);
      expect(closed.status).toBe(503);
      expect(closed.body).toMatchObject({
        error: {
          message: "Not ready: database (the database does not answer).",
        },
        checks: { media: "ok" },
      });
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
