import { spawnSync } from "node:child_process";
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
  depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
  networks: z.record(z.string(), z.object({ ipv4_address: z.string() })).optional(),
  healthcheck: z.looseObject({ test: z.union([z.string(), z.array(z.string())]) }).optional(),
});
const composeSchema = z.object({
  services: z.record(z.string(), serviceSchema),
  networks: z.object({
    default: z.object({
      ipam: z.object({ config: z.array(z.object({ subnet: z.string(), ip_range: z.string() })) }),
    }),
  }),
});
// The two nodes share their settings through YAML anchors and merge keys (`<<: *node`), as compose reads them.
const compose = composeSchema.parse(parse(read("docker-compose.yml"), { merge: true }));

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
function interpolated(environment: Record<string, string | number> = {}): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environment).map(([key, value]) => [key, interpolate(String(value))]),
  );
}

/** The app nodes (app-1, app-2, …), each with its environment as the node would see it. */
const nodeNames = Object.keys(compose.services).filter((name) => /^app-\d+$/.test(name));
const nodes = nodeNames.map((name) => {
  const service = compose.services[name];
  if (!service) throw new Error(name);
  return { name, service, env: interpolated(service.environment) };
});

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

/** "40000-40001/udp" or "3478/tcp" as a protocol and an inclusive range. */
function rangeOf(port: string): { protocol: string; from: number; to: number } {
  const [span = "", protocol = "tcp"] = port.split("/");
  const [from = "", to = from] = span.split("-");
  return { protocol, from: Number(from), to: Number(to) };
}
const overlaps = (a: { from: number; to: number }, b: { from: number; to: number }) =>
  a.from <= b.to && b.from <= a.to;

/** The README's deployment port table: `service` → ports. */
function readmePorts(): Map<string, string[]> {
  const readme = read("README.md");
  const section = readme.slice(readme.indexOf("## Deployment"), readme.indexOf("## Development"));
  const rows = new Map<string, string[]>();
  for (const line of section.split("\n")) {
    const match = /^\| `([a-z0-9-]+)` \| ([^|]+) \|/.exec(line);
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

/** IPv4 address as a number, and whether it lies in a CIDR block. */
const ipNumber = (ip: string) => ip.split(".").reduce((sum, part) => sum * 256 + Number(part), 0);
function inBlock(ip: string, cidr: string): boolean {
  const [base = "", bits = "32"] = cidr.split("/");
  const size = 2 ** (32 - Number(bits));
  const start = Math.floor(ipNumber(base) / size) * size;
  return ipNumber(ip) >= start && ipNumber(ip) < start + size;
}

describe("[COMPOSE] docker-compose.yml is a deployment that can work", () => {
  it("[COMPOSE-1] has two app nodes, PostgreSQL, Redis, Caddy and coturn, and a health check on every service", () => {
    expect(Object.keys(compose.services).sort()).toEqual([
      "app-1",
      "app-2",
      "caddy",
      "coturn",
      "db",
      "redis",
    ]);
    for (const [name, service] of Object.entries(compose.services))
      expect(service.healthcheck?.test, `${name} has a health check`).toBeDefined();
    const testOf = (name: string) => JSON.stringify(compose.services[name]?.healthcheck?.test);
    for (const { name, env } of nodes)
      expect(testOf(name)).toContain(`http://127.0.0.1:${env.PORT}/api/ready`);
    expect(testOf("db")).toContain("pg_isready");
    expect(testOf("redis")).toContain("redis-cli ping");
    expect(testOf("caddy")).toContain("http://127.0.0.1:2019/");
    expect(testOf("coturn")).toContain("turnutils_stunclient");
    // The nodes start once the database and Redis answer; Caddy picks ready nodes by itself.
    for (const { name, service } of nodes)
      expect(service.depends_on, name).toEqual({
        db: { condition: "service_healthy" },
        redis: { condition: "service_healthy" },
      });
  });

  it("[COMPOSE-2] each node passes the production rules in cluster mode: its own id, one PostgreSQL and one Redis for both", () => {
    const configs = nodes.map(({ env }) => loadConfig({ ...env, NODE_ENV: "production" }));
    expect(configs.map((config) => config.cluster?.nodeId)).toEqual(nodeNames);
    const db = compose.services.db?.environment ?? {};
    for (const config of configs) {
      expect(config.publicOrigin).toBe("https://rooms.example.org");
      expect(config.DATABASE_URL).toBe(
        `postgresql://${db.POSTGRES_USER}:${db.POSTGRES_PASSWORD}@db:5432/${db.POSTGRES_DB}`,
      );
      expect(config.cluster?.redisUrl).toBe("redis://redis:6379");
      expect(config.TURN_URLS).toEqual([
        "turn:rooms.example.org:3478?transport=udp",
        "turn:rooms.example.org:3478?transport=tcp",
      ]);
      expect(config.TURN_SECRET).toBe(SAMPLE.TURN_SECRET);
      expect(config.MEDIA_ANNOUNCED_ADDRESS).toBe("203.0.113.10");
      expect(config.TRUST_PROXY).toBe("1");
      expect(config.METRICS_PORT).toBe(9464);
    }
    // The same image and build for both, one data folder (avatars, recordings) for both.
    const [first, second] = nodes.map(({ service }) => service);
    expect(first?.image).toBeDefined();
    expect(second?.image).toBe(first?.image);
    expect(second?.build).toEqual(first?.build);
    for (const { service } of nodes) expect(service.volumes).toEqual(["app-data:/data"]);
  });

  it("[COMPOSE-3] coturn checks the credentials the nodes sign: same secret, REST auth, the announced address", () => {
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

  it("[COMPOSE-4] the published ports are the README's; each node's media range is its MEDIA_PORT + workers, and no two ranges meet", () => {
    const documented = readmePorts();
    expect([...documented.keys()].sort()).toEqual(
      Object.entries(compose.services)
        .filter(([, service]) => (service.ports ?? []).length > 0)
        .map(([name]) => name)
        .sort(),
    );
    for (const [name, service] of Object.entries(compose.services))
      if (service.ports) expect(published(service.ports), name).toEqual(documented.get(name));
    for (const { name, service, env } of nodes) {
      const config = loadConfig({ ...env, NODE_ENV: "production" });
      const media = `${config.MEDIA_PORT}-${config.MEDIA_PORT + config.MEDIA_WORKERS - 1}`;
      expect(published(service.ports), name).toEqual([`${media}/tcp`, `${media}/udp`]);
      expect(config.MEDIA_WORKERS).toBe(2);
      // The web and metrics ports stay inside the compose network: Caddy is the way in.
      expect(published(service.ports).some((port) => /^(3000|9464)\//.test(port))).toBe(false);
    }
    // Every published range on the host, of every service, is its own.
    const ranges = Object.entries(compose.services).flatMap(([name, service]) =>
      published(service.ports).map((port) => ({ name, port, ...rangeOf(port) })),
    );
    for (const [i, a] of ranges.entries())
      for (const b of ranges.slice(i + 1))
        if (a.protocol === b.protocol)
          expect(overlaps(a, b), `${a.name} ${a.port} / ${b.name} ${b.port}`).toBe(false);
  });

  it("[COMPOSE-5] each node reserves its own pipe port range, apart from every media range, announced at its fixed address", () => {
    const subnet = compose.networks.default.ipam.config[0];
    if (!subnet) throw new Error("the default network has a subnet");
    const pipes = nodes.map(({ name, service, env }) => {
      // What the node's pipes to other nodes use (server/media/node-pipes.ts reads these settings).
      const settings = loadConfig({ ...env, NODE_ENV: "production" }).cluster?.pipes;
      const range = settings?.portRange;
      if (!range) throw new Error(`${name} reserves no pipe ports`);
      expect(range.max - range.min + 1, `${name} pipe ports`).toBeGreaterThanOrEqual(10);
      // Each node tells the others its fixed address on the compose network, outside the range
      // compose hands out to the other containers.
      const address = service.networks?.default?.ipv4_address ?? "";
      expect(settings).toEqual({ listenIp: "0.0.0.0", announcedAddress: address, portRange: range });
      expect(inBlock(address, subnet.subnet), `${address} in ${subnet.subnet}`).toBe(true);
      expect(inBlock(address, subnet.ip_range), `${address} outside ${subnet.ip_range}`).toBe(false);
      return { name, from: range.min, to: range.max };
    });
    const media = nodes.flatMap(({ service }) => published(service.ports).map(rangeOf));
    for (const [i, pipe] of pipes.entries()) {
      for (const other of pipes.slice(i + 1)) expect(overlaps(pipe, other)).toBe(false);
      for (const range of media) expect(overlaps(pipe, range), `${pipe.name} pipes / media`).toBe(false);
    }
    expect(new Set(nodes.map(({ env }) => env.MEDIA_PIPE_ANNOUNCED_ADDRESS)).size).toBe(nodes.length);
    // A half-set or upside-down range is refused at start rather than read as "any port".
    const base = nodes[0]?.env ?? {};
    expect(() => loadConfig({ ...base, NODE_ENV: "production", MEDIA_PIPE_PORT_MAX: "" })).toThrow(
      "MEDIA_PIPE_PORT_MIN and MEDIA_PIPE_PORT_MAX: set both or neither",
    );
    expect(() =>
      loadConfig({
        ...base,
        NODE_ENV: "production",
        MEDIA_PIPE_PORT_MIN: "40100",
        MEDIA_PIPE_PORT_MAX: "40050",
      }),
    ).toThrow("MEDIA_PIPE_PORT_MIN must not be above MEDIA_PIPE_PORT_MAX");
  });

  it("[COMPOSE-6] Caddy balances over exactly the nodes (least_conn, their readiness) and never serves /metrics", () => {
    expect(compose.services.caddy?.volumes).toContain("./deploy/Caddyfile:/etc/caddy/Caddyfile:ro");
    const caddyfile = read("deploy/Caddyfile");
    expect(caddyfile).toMatch(/^\{\$DOMAIN\} \{$/m);
    // Both proxies (newcomers to ready nodes; the fallback when none is ready) list exactly the nodes.
    const upstreams = [...caddyfile.matchAll(/^\t+reverse_proxy (?:@\w+ )?([^{]+) \{$/gm)].map((m) =>
      m[1]?.split(" "),
    );
    expect(upstreams).toEqual([0, 1].map(() => nodes.map(({ name, env }) => `${name}:${env.PORT}`)));
    expect(caddyfile).toMatch(/^\t\tlb_policy least_conn$/m);
    expect(caddyfile).toMatch(/^\t\thealth_uri \/api\/ready$/m);
    expect(caddyfile).toMatch(/^\t\thealth_status 2xx$/m);
    expect(caddyfile).toMatch(/^\t\t@no_node_ready expression \{err\.status_code\} == 503$/m);
    expect(caddyfile).toMatch(/^\t\t\thealth_uri \/api\/health$/m);
    expect(caddyfile).toMatch(/respond \/metrics 404/);
    // No sticky sessions: cluster nodes take WebSocket only, so any node can take any socket.
    expect(caddyfile).not.toMatch(/lb_policy (cookie|ip_hash|client_ip_hash|header)/);
    expect(Object.keys(compose.services.caddy?.depends_on ?? {}).sort()).toEqual(nodeNames);
  });

  // Docker's own reading of the file (docker-compose, Debian's package: scripts/setup.sh
  // --for-tests installs it). No daemon or images are needed to validate it.
  it.skipIf(!composeTool())(
    "[COMPOSE-7] Docker Compose accepts the file, and refuses it without DOMAIN, naming it",
    () => {
      const tool = composeTool() ?? [];
      const [command = "docker-compose", ...prefix] = tool;
      const run = (env: Record<string, string>) =>
        spawnSync(command, [...prefix, "-f", "docker-compose.yml", "config", "-q"], {
          encoding: "utf8",
          env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", ...env },
        });
      const settings = {
        DOMAIN: "rooms.example.org",
        ANNOUNCED_ADDRESS: "203.0.113.10",
        TURN_SECRET: "s3cret",
      };
      const accepted = run(settings);
      expect(accepted.stderr).toBe("");
      expect(accepted.status).toBe(0);
      const refused = run({
        ANNOUNCED_ADDRESS: settings.ANNOUNCED_ADDRESS,
        TURN_SECRET: settings.TURN_SECRET,
      });
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain("set DOMAIN");
    },
  );
});

/** The Docker Compose command on this machine (v1 `docker-compose` or the v2 plugin), or null. */
function composeTool(): string[] | null {
  if (spawnSync("docker-compose", ["version"], { encoding: "utf8" }).status === 0) return ["docker-compose"];
  if (spawnSync("docker", ["compose", "version"], { encoding: "utf8" }).status === 0)
    return ["docker", "compose"];
  return null;
}
