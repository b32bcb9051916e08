import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect, type Socket } from "socket.io-client";
import { z } from "zod";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { send, signIn, startTestApp, type TestApp } from "../support/test-app";
import { TEST_REDIS_URL, clusterTestsAvailable, dropKeys, testKeyPrefix } from "../support/test-redis";

const root = path.resolve(import.meta.dirname, "../..");
const caddyInstalled = spawnSync("caddy", ["version"]).status === 0;
if (!caddyInstalled)
  console.warn("Skipping the front door tests: caddy is not installed (bash scripts/setup.sh --for-tests)");
const clusterAvailable = caddyInstalled && (await clusterTestsAvailable());

/** Caddy keeps its state under XDG folders: one of the test's own, not the user's home. */
const caddyHome = mkdtempSync(path.join(tmpdir(), "front-door-caddy-"));
const caddyEnv = { ...process.env, XDG_DATA_HOME: caddyHome, XDG_CONFIG_HOME: caddyHome, HOME: caddyHome };

/** What scripts/cluster.sh writes to .cluster/Caddyfile, from the same function. */
function clusterCaddyfile(listen: string, upstreams: string[]): string {
  const run = spawnSync(
    "bash",
    ["-c", '. scripts/lib/front-door.sh && front_door_caddyfile "$@"', "bash", listen, ...upstreams],
    { cwd: root, encoding: "utf8" },
  );
  if (run.status !== 0) throw new Error(`front_door_caddyfile failed: ${run.stderr}`);
  return run.stdout;
}

function caddy(args: string[], env: Record<string, string> = {}) {
  return spawnSync("caddy", args, { cwd: root, encoding: "utf8", env: { ...caddyEnv, ...env } });
}

const reverseProxySchema = z.looseObject({
  handler: z.literal("reverse_proxy"),
  upstreams: z.array(z.object({ dial: z.string() })),
});
type ReverseProxy = z.infer<typeof reverseProxySchema>;

/** The reverse_proxy handlers of an adapted config (Caddy's JSON), wherever routes nest them. */
function reverseProxiesOf(config: unknown): ReverseProxy[] {
  const found: ReverseProxy[] = [];
  const visit = (value: unknown): void => {
    const handler = reverseProxySchema.safeParse(value);
    if (handler.success) found.push(handler.data);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === "object" && value !== null) Object.values(value).forEach(visit);
  };
  visit(config);
  return found;
}

function adapt(file: string, env: Record<string, string> = {}): unknown {
  const run = caddy(["adapt", "--config", file, "--adapter", "caddyfile"], env);
  if (run.status !== 0) throw new Error(`caddy adapt ${file}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no TCP port");
  return address.port;
}

afterAll(() => rmSync(caddyHome, { recursive: true, force: true }));

describe.skipIf(!caddyInstalled)(
  "[FRONT-DOOR-CADDY] the cluster's front door is Caddy, configured once",
  () => {
    it("[FRONT-DOOR-CADDY-1] cluster.sh's Caddyfile is valid and proxies to exactly its nodes with deploy/Caddyfile's balancing and checks", () => {
      const file = path.join(caddyHome, "cluster.Caddyfile");
      writeFileSync(
        file,
        clusterCaddyfile("127.0.0.1:3100", ["localhost:3101", "localhost:3102", "localhost:3103"]),
      );
      const validated = caddy(["validate", "--config", file, "--adapter", "caddyfile"]);
      expect(validated.stderr + validated.stdout).toContain("Valid configuration");
      expect(validated.status).toBe(0);

      // Two proxies: newcomers to ready nodes, and any live node when none is ready.
      const local = reverseProxiesOf(adapt(file));
      expect(local.map((proxy) => proxy.upstreams)).toEqual(
        [0, 1].map(() => [
          { dial: "localhost:3101" },
          { dial: "localhost:3102" },
          { dial: "localhost:3103" },
        ]),
      );
      expect(local[0]).toMatchObject({
        load_balancing: { selection_policy: { policy: "least_conn" } },
        health_checks: { active: { uri: "/api/ready", expect_status: 2 } },
      });
      expect(local[1]).toMatchObject({ health_checks: { active: { uri: "/api/health" } } });
      // The compose deployment's front door: the same options, its own two nodes.
      const deployed = reverseProxiesOf(adapt("deploy/Caddyfile", { DOMAIN: "rooms.example.org" }));
      for (const proxy of deployed)
        expect(proxy.upstreams).toEqual([{ dial: "app-1:3000" }, { dial: "app-2:3000" }]);
      const withoutUpstreams = (proxies: ReverseProxy[]) =>
        proxies.map((proxy) => ({ ...proxy, upstreams: [] }));
      expect(withoutUpstreams(deployed)).toEqual(withoutUpstreams(local));
    });
  },
);

describe.skipIf(!clusterAvailable)("[FRONT-DOOR-CADDY] Caddy in front of two cluster nodes", () => {
  let database: TestDatabase;
  let prefix = "";
  const nodes: TestApp[] = [];
  let front = "";
  let proxy: ChildProcess | undefined;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    prefix = testKeyPrefix();
    for (const nodeId of ["door-a", "door-b"])
      nodes.push(
        await startTestApp(
          "postgres",
          { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix, NODE_ID: nodeId },
          { database },
        ),
      );
    const port = await freePort();
    const upstreams = nodes.map((node) => new URL(node.app.url).port).map((p) => `127.0.0.1:${p}`);
    // cluster.sh's file as is, but probing every 200 ms so the test need not wait 5 s per step.
    const text = clusterCaddyfile(`127.0.0.1:${port}`, upstreams).replace(
      /health_interval \S+/g,
      "health_interval 200ms",
    );
    const file = path.join(caddyHome, "two-nodes.Caddyfile");
    writeFileSync(file, text);
    proxy = spawn("caddy", ["run", "--config", file, "--adapter", "caddyfile"], {
      cwd: root,
      env: caddyEnv,
      stdio: "ignore",
    });
    front = `http://127.0.0.1:${port}`;
    for (const until = Date.now() + 10_000; ;) {
      const answer = await fetch(`${front}/api/health`).catch(() => null);
      if (answer?.status === 200) break;
      if (Date.now() > until) throw new Error("Caddy did not start: see `caddy run` by hand");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    proxy?.kill("SIGTERM");
    for (const node of nodes) await node.close();
    await database?.destroy();
    await dropKeys(prefix);
  });

  const socketsOn = () => nodes.map((node) => node.app.io.of("/").sockets.size);
  async function openThroughFrontDoor(cookie: string): Promise<Socket> {
    const socket = connect(front, {
      transports: ["websocket"],
      extraHeaders: { cookie },
      reconnection: false,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("connect_error", reject);
    });
    return socket;
  }

  it("[FRONT-DOOR-CADDY-2] WebSockets pass through to the node with the fewest; a node that turns not ready gets no newcomer; with none ready, any live node answers", async () => {
    const person = await signIn(front, "Through The Front Door");
    const first = await openThroughFrontDoor(person.cookie);
    // A command and its ack over the proxied WebSocket, both ways.
    expect(await send(first, "room:join", { roomId: "no-such-room" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    for (let i = 0; i < 3; i++) await openThroughFrontDoor(person.cookie);
    // least_conn: an open WebSocket counts as a connection, so four sockets split two and two.
    expect(socketsOn()).toEqual([2, 2]);

    // Node A drains: its /api/ready turns 503, and after the next probe Caddy sends it nobody new.
    const [a, b] = nodes;
    if (!a || !b) throw new Error("two nodes expected");
    a.app.drain();
    await new Promise((resolve) => setTimeout(resolve, 1000)); // five probe intervals
    for (let i = 0; i < 3; i++) await openThroughFrontDoor(person.cookie);
    // A keeps the two it had (a drain tells them to reconnect; these test sockets do not); B took all three.
    expect(socketsOn()).toEqual([2, 5]);

    // B drains too: no node is ready for newcomers. The site still answers (not Caddy's own 503),
    // and a newcomer's socket reaches a live node, which answers for itself: no join while it drains.
    b.app.drain();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await fetch(`${front}/api/health`)).status).toBe(200);
    const late = await openThroughFrontDoor(person.cookie);
    expect(await send(late, "room:join", { roomId: "no-such-room" })).toMatchObject({
      ok: false,
      error: { code: "unavailable" },
    });
    expect(socketsOn().reduce((sum, n) => sum + n, 0)).toBe(8);
  });
});
