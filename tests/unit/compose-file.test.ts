import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { loadConfig } from "../../server/config/env";

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), "utf8");

const serviceSchema = z.object({
  image: z.string().optional(),
  build: z.unknown().optional(),
  environment: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  command: z.array(z.string()).optional(),
  ports: z.array(z.string()).optional(),
  expose: z.array(z.string()).optional(),
  volumes: z.array(z.string()).optional(),
  healthcheck: z.looseObject({ test: z.union([z.string(), z.array(z.string())]) }).optional(),
});
const composeSchema = z.object({ services: z.record(z.string(), serviceSchema) });
const compose = composeSchema.parse(parse(read("docker-compose.yml")));
const app = compose.services.app;

/** What an operator would pass: ${X:-default} takes the default, ${X} and ${X:?why} a sample value. */
const SAMPLE: Record<string, string> = {
  DOMAIN: "rooms.example.org",
  ANNOUNCED_ADDRESS: "203.0.113.10",
  TURN_SECRET: "0123456789abcdef0123456789abcdef",
};
function interpolate(value: string): string {
  return value.replace(
    /\$\{([A-Z_]+)(?::([-?])([^}]*))?\}/g,
    (_, name: string, kind?: string, rest?: string) => {
      if (kind === "-") return rest ?? "";
      const sample = SAMPLE[name];
      if (sample === undefined) throw new Error(`no sample value for \${${name}}`);
      return sample;
    },
  );
}
const appEnv = Object.fromEntries(
  Object.entries(app?.environment ?? {}).map(([key, value]) => [key, interpolate(String(value))]),
);

/** Published host ports of a service, normalised: "3478/udp", "40000-40001/tcp". */
function published(ports: readonly string[] = []): string[] {
  return ports
    .map((mapping) => {
      const [hostPart, protocol = "tcp"] = mapping.split("/");
      const host = (hostPart ?? "").split(":")[0];
      return `${host}/${protocol}`;
    })
    .sort();
}

/** The README's deployment port table: `service` → ports. */
function readmePorts(): Map<string, string[]> {
  const readme = read("README.md");
  const section = readme.slice(readme.indexOf("## Deployment"), readme.indexOf("## Development"));
  const rows = new Map<string, string[]>();
  for (const line of section.split("\n")) {
    const match = /^\| `([a-z]+)` \| ([^|]+) \|/.exec(line);
    if (match?.[1] && match[2])
      rows.set(
        match[1],
        match[2]
          .split(",")
          .map((port) => port.trim())
          .sort(),
      );
  }
  return rows;
}

describe("[COMPOSE] docker-compose.yml is a deployment that can work", () => {
  it("[COMPOSE-1] has the app, PostgreSQL, Caddy and coturn, and a health check on every service; the app's asks /api/ready", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["app", "caddy", "coturn", "db"]);
    for (const [name, service] of Object.entries(compose.services))
      expect(service.healthcheck?.test, `${name} has a health check`).toBeDefined();
    expect(JSON.stringify(app?.healthcheck?.test)).toContain("http://127.0.0.1:3000/api/ready");
  });

  it("[COMPOSE-2] the app's environment passes the production configuration rules, with PostgreSQL, https and TURN", () => {
    const config = loadConfig({ ...appEnv, NODE_ENV: "production" });
    expect(config.publicOrigin).toBe("https://rooms.example.org");
    expect(config.DATABASE_URL).toMatch(/^postgresql:\/\/.+@db:5432\//);
    expect(config.TURN_URLS).toEqual([
      "turn:rooms.example.org:3478?transport=udp",
      "turn:rooms.example.org:3478?transport=tcp",
    ]);
    expect(config.TURN_SECRET).toBe(SAMPLE.TURN_SECRET);
    expect(config.MEDIA_ANNOUNCED_ADDRESS).toBe("203.0.113.10");
    expect(config.TRUST_PROXY).toBe("1");
    expect(config.METRICS_PORT).toBe(9464);
    // The database the app points at is the compose one, with the same credentials.
    const db = compose.services.db?.environment ?? {};
    expect(config.DATABASE_URL).toBe(
      `postgresql://${db.POSTGRES_USER}:${db.POSTGRES_PASSWORD}@db:5432/${db.POSTGRES_DB}`,
    );
  });

  it("[COMPOSE-3] coturn checks the credentials the app signs: same secret, REST auth, the announced address", () => {
    const args = (compose.services.coturn?.command ?? []).map(interpolate);
    expect(args).toContain("--use-auth-secret");
    expect(args).toContain(`--static-auth-secret=${SAMPLE.TURN_SECRET}`);
    expect(args).toContain(`--external-ip=${SAMPLE.ANNOUNCED_ADDRESS}`);
    expect(args).toContain("--listening-port=3478");
    expect(args.some((arg) => arg.startsWith("--allow-loopback-peers"))).toBe(false);
    const relay = published(compose.services.coturn?.ports).find((port) => port.includes("-"));
    expect(relay).toBe(
      `${args.find((a) => a.startsWith("--min-port="))?.split("=")[1]}-${args.find((a) => a.startsWith("--max-port="))?.split("=")[1]}/udp`,
    );
  });

  it("[COMPOSE-4] the published ports are the README's, the media range is MEDIA_PORT + workers, the app's web port stays internal", () => {
    const documented = readmePorts();
    expect([...documented.keys()].sort()).toEqual(
      Object.entries(compose.services)
        .filter(([, service]) => (service.ports ?? []).length > 0)
        .map(([name]) => name)
        .sort(),
    );
    for (const [name, service] of Object.entries(compose.services))
      if (service.ports) expect(published(service.ports), name).toEqual(documented.get(name));
    expect(published(app?.ports)).toEqual(["40000-40001/tcp", "40000-40001/udp"]);
    expect(appEnv.MEDIA_PORT).toBe("40000");
    expect(appEnv.MEDIA_WORKERS).toBe("2");
    expect(published(app?.ports).some((port) => port.startsWith("3000"))).toBe(false);
  });

  it("[COMPOSE-5] Caddy proxies the domain to the app's port, checks its readiness, and never serves /metrics", () => {
    expect(compose.services.caddy?.volumes).toContain("./deploy/Caddyfile:/etc/caddy/Caddyfile:ro");
    const caddyfile = read("deploy/Caddyfile");
    expect(caddyfile).toMatch(/^\{\$DOMAIN\} \{$/m);
    expect(caddyfile).toMatch(new RegExp(`reverse_proxy app:${appEnv.PORT} \\{`));
    expect(caddyfile).toMatch(/health_uri \/api\/ready/);
    expect(caddyfile).toMatch(/respond \/metrics 404/);
  });
});
