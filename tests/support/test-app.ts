import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { io as connect, type Socket } from "socket.io-client";
import { startApp, type Persistence, type RunningApp } from "../../server/app";
import { startClusterNode, type ClusterNode } from "../../server/cluster/cluster-node";
import { loadConfig } from "../../server/config/env";
import { limitsOf } from "../../server/config/limits";
import { openPersistence } from "../../server/db/persistence";
import type { Logger } from "../../server/logging/logger";
import { createTestDatabase, testLogger, type TestDatabase, type TestDriver } from "./test-database";

export type TestApp = {
  app: RunningApp;
  database: TestDatabase;
  /** The app's persistence (e.g. to close the database under a running app). */
  persistence: Persistence;
  /** Set when the env turned cluster mode on (REDIS_URL), as server/index.ts does. */
  cluster: ClusterNode | null;
  close(): Promise<void>;
};

/**
 * The real server (HTTP API, Socket.IO, mediasoup, a real database) in this process on port 0,
 * without Next.js pages: what integration tests talk to. Unless `env` says otherwise, anyone may
 * sign up (REGISTRATION_MODE=open, so signIn() can make accounts), sockets without a session
 * are refused (GUEST_LISTENING=false) and the per-address limits are out of the way (every test
 * client shares 127.0.0.1); tests of invites, guests and limits set these explicitly.
 */
export async function startTestApp(
  driver: TestDriver,
  env: Record<string, string> = {},
  options: { database?: TestDatabase; logger?: Logger } = {},
): Promise<TestApp> {
  // A given database outlives this app (a restart test starts a second app on it).
  const ownsDatabase = options.database === undefined;
  const database = options.database ?? (await createTestDatabase(driver));
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    MEDIA_PORT: "0",
    MEDIA_WORKERS: "1",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    DATA_DIR: database.dataDir,
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    REGISTRATION_MODE: "open",
    GUEST_LISTENING: "false",
    ROOM_REJOIN_GRACE_MS: "300", // dropped sockets leave quickly in tests (30 s in production)
    ROOM_EMPTY_STAGE_GRACE_MS: "30000", // long enough for any test's host to arrive; lifecycle tests set it lower
    // One test account hosts many rooms in a suite; the quota tests (tests/security) set these low.
    LIVE_ROOMS_PER_USER: "1000",
    SCHEDULED_ROOMS_PER_USER: "10000",
    ROOM_CREATIONS_PER_USER_PER_HOUR: "10000",
    UPCOMING_ROOMS_PER_HOST: "50",
    // Every test client is 127.0.0.1: the per-address limits would be one shared budget. The
    // security tests (tests/security) set them low to test them.
    SIGNUPS_PER_IP_PER_HOUR: "10000",
    MAX_SOCKETS_PER_IP: "100000",
    JOINS_PER_IP_PER_MINUTE: "100000",
    ...env,
  });
  const logger = options.logger ?? testLogger();
  const persistence = await openPersistence(config, logger);
  const cluster = config.cluster
    ? await startClusterNode({ settings: config.cluster, limits: limitsOf(config), logger })
    : null;
  const app = await startApp({ config, logger, persistence, pages: null, cluster });
  return {
    app,
    database,
    persistence,
    cluster,
    async close() {
      await app.close();
      await cluster?.close();
      if (ownsDatabase) await database.destroy();
    },
  };
}

/** Headers of a same-origin state-changing API call from our own pages (JSON + the CSRF header). */
export const API_HEADERS = { "content-type": "application/json", "x-audio-rooms-csrf": "1" } as const;

/** A username derived from a display name, made unique: "Host of X" → "host_of_x_k3j9a1". */
export function usernameFor(displayName: string): string {
  const base =
    displayName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 12) || "user";
  return `${base}_${randomBytes(4).toString("hex").slice(0, 6)}`;
}

/**
 * Creates a real account (username + password) named `displayName` over HTTP and returns its
 * session cookie. Needs REGISTRATION_MODE=open (startTestApp's default) or an `inviteCode`.
 */
export async function signIn(
  url: string,
  displayName: string,
  options: { inviteCode?: string } = {},
): Promise<{ cookie: string; userId: string; username: string; password: string }> {
  const username = usernameFor(displayName);
  const password = `pw-${randomBytes(12).toString("base64url")}`;
  const response = await fetch(`${url}/api/signup`, {
    method: "POST",
    headers: API_HEADERS,
    body: JSON.stringify({
      displayName,
      username,
      password,
      ...(options.inviteCode ? { inviteCode: options.inviteCode } : {}),
    }),
  });
  const setCookie = response.headers.get("set-cookie") ?? "";
  const cookie = setCookie.split(";")[0] ?? "";
  const body: unknown = await response.json();
  const userId =
    typeof body === "object" &&
    body &&
    "data" in body &&
    typeof body.data === "object" &&
    body.data &&
    "id" in body.data
      ? String(body.data.id)
      : "";
  if (!cookie || !userId) throw new Error(`sign-up failed: ${response.status} ${JSON.stringify(body)}`);
  return { cookie, userId, username, password };
}

export async function createRoom(
  url: string,
  cookie: string,
  title: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const response = await fetch(`${url}/api/rooms`, {
    method: "POST",
    headers: { ...API_HEADERS, cookie },
    body: JSON.stringify({ title, ...extra }),
  });
  const body: unknown = await response.json();
  if (
    typeof body === "object" &&
    body &&
    "data" in body &&
    typeof body.data === "object" &&
    body.data &&
    "id" in body.data
  )
    return String(body.data.id);
  throw new Error(`room creation failed: ${JSON.stringify(body)}`);
}

/** A connected Socket.IO client carrying the session cookie. */
export async function connectSocket(url: string, cookie: string): Promise<Socket> {
  const socket = connect(url, {
    transports: ["websocket"],
    extraHeaders: { cookie },
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (error) => reject(error));
  });
  return socket;
}

/**
 * A new signed-up person with a connected socket. The socket is added to `sockets`, which the
 * suite disconnects in afterAll.
 */
export async function signedInPerson(
  url: string,
  displayName: string,
  sockets: Socket[],
): Promise<{ cookie: string; userId: string; username: string; socket: Socket }> {
  const { cookie, userId, username } = await signIn(url, displayName);
  const socket = await connectSocket(url, cookie);
  sockets.push(socket);
  return { cookie, userId, username, socket };
}

export type RawAck =
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; error: { code: string; message: string; issues?: { path: string; message: string }[] } };

/** Sends anything, exactly as a hostile or buggy client could, and returns the ack unparsed. */
export async function send(socket: Socket, event: string, payload: unknown): Promise<RawAck> {
  // Trusted as an ack's shape: the tests assert on exactly what came back.
  const ack: RawAck = await socket.timeout(10_000).emitWithAck(event, payload);
  return ack;
}

/**
 * A test app for one `describe` block: started before its tests, and closed after them together
 * with every socket its people opened. Read `t` and `url` inside tests (they exist from beforeAll).
 */
export function suiteApp(driver: TestDriver, env: Record<string, string> = {}) {
  let started: TestApp | undefined;
  let base = "";
  const sockets: Socket[] = [];
  beforeAll(async () => {
    started = await startTestApp(driver, env);
    base = started.app.url.replace("localhost", "127.0.0.1");
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await started?.close();
  });
  return {
    get t(): TestApp {
      if (!started) throw new Error("the test app starts in beforeAll");
      return started;
    },
    get url(): string {
      return base;
    },
    sockets,
    person: (name: string) => signedInPerson(base, name, sockets),
  };
}
