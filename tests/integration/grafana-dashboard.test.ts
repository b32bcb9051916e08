import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createRoom, send, suiteApp } from "../support/test-app";

const TOKEN = "dashboard-test-token-0123456789";

const dashboardSchema = z.object({
  title: z.string(),
  uid: z.string(),
  panels: z
    .array(
      z.object({
        id: z.number(),
        title: z.string(),
        type: z.string(),
        datasource: z.object({ type: z.literal("prometheus"), uid: z.string() }),
        targets: z.array(z.object({ expr: z.string().min(1), refId: z.string() })).min(1),
      }),
    )
    .min(1),
});

/** Metric names in a PromQL expression: ours, prom-client's process and Node.js ones. */
function metricNames(expr: string): string[] {
  return [...expr.matchAll(/\b((?:audio_rooms|process|nodejs)_[a-z0-9_]+)/g)].flatMap((m) =>
    m[1] ? [m[1]] : [],
  );
}

describe("[OPS-DASHBOARD] deploy/grafana/audio-rooms.json", () => {
  // One database is enough: the dashboard does not depend on it.
  const suite = suiteApp("pglite", { METRICS_TOKEN: TOKEN });

  it("[OPS-DASHBOARD-1] is valid Grafana JSON, and every series it queries is in this server's /metrics", async () => {
    const raw: unknown = JSON.parse(
      readFileSync(new URL("../../deploy/grafana/audio-rooms.json", import.meta.url), "utf8"),
    );
    const dashboard = dashboardSchema.parse(raw);
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    // Some activity, so that labelled series (members, database statements) have samples.
    const host = await suite.person("Dashboard Host");
    const roomId = await createRoom(suite.url, host.cookie, "Dashboard room");
    expect((await send(host.socket, "room:join", { roomId })).ok).toBe(true);
    const response = await fetch(`${suite.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const exposition = await response.text();
    const series = new Set(
      exposition
        .split("\n")
        .filter((line) => line !== "" && !line.startsWith("#"))
        .map((line) => /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0]),
    );
    const queried = dashboard.panels.flatMap((p) => p.targets.flatMap((t) => metricNames(t.expr)));
    expect(queried.length).toBeGreaterThanOrEqual(15);
    const missing = [...new Set(queried)].filter((name) => !series.has(name));
    expect(missing).toEqual([]);
    // Each metric family the issue asks for is on the dashboard.
    for (const family of [
      "audio_rooms_live_rooms",
      "audio_rooms_room_members",
      "audio_rooms_joins_total",
      "audio_rooms_join_to_first_audio_seconds_bucket",
      "audio_rooms_media_worker_consumers",
      "audio_rooms_media_worker_cpu_seconds_total",
      "audio_rooms_sockets",
      "nodejs_eventloop_lag_p99_seconds",
      "audio_rooms_db_query_duration_seconds_bucket",
    ])
      expect(queried).toContain(family);
  });
});
