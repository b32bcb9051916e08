import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { createClient } from "redis";

/**
 * A private `redis-server` on 127.0.0.1 and a free port, keeping nothing on disk (`--save ''
 * --appendonly no`): a restart loses every key, as a crashed Redis without persistence does. Tests
 * that restart Redis use this one, never the shared Redis on 6379 other tests are using.
 */
export type RedisServerProcess = {
  readonly port: number;
  readonly url: string;
  /** The running server's pid (changes at each restart). */
  readonly pid: number | undefined;
  /** What the server printed, for a failing test's report. */
  readonly logs: string[];
  /** Kills it (SIGKILL by default: a crash) and waits for it to be gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port (empty) and waits until it answers PING. */
  start(): Promise<void>;
  /** stop(), `downMs` without a Redis (default 0), then start(): every key is gone afterwards. */
  restart(options?: { signal?: NodeJS.Signals; downMs?: number }): Promise<void>;
};

const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

/** A TCP port nobody listens on at this moment on 127.0.0.1 (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

async function answersPing(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 500 } });
  client.on("error", () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    if (client.isOpen) client.destroy();
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Starts a private redis-server; stop() it in an afterAll (it is also killed when this process exits). */
export async function startRedisServer(options: { port?: number } = {}): Promise<RedisServerProcess> {
  const port = options.port ?? (await freePort());
  const url = `redis://127.0.0.1:${port}`;
  const logs: string[] = [];
  let child: ChildProcess | null = null;
  // Never outlive the test process, even when its afterAll did not run.
  process.once("exit", () => child?.kill("SIGKILL"));

  const start = async () => {
    if (child && !exited(child)) return;
    const spawned = spawn(
      "redis-server",
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--protected-mode",
        "yes",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    child = spawned;
    const keep = (chunk: Buffer) => logs.push(...chunk.toString("utf8").trimEnd().split("\n"));
    spawned.stdout?.on("data", keep);
    spawned.stderr?.on("data", keep);
    spawned.once("error", (error) => logs.push(`redis-server could not start: ${error.message}`));
    const until = Date.now() + START_TIMEOUT_MS;
    while (!(await answersPing(url))) {
      if (exited(spawned) || Date.now() > until) {
        spawned.kill("SIGKILL");
        throw new Error(`redis-server on port ${port} did not start:\n${logs.slice(-30).join("\n")}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  const stop = async (signal: NodeJS.Signals = "SIGKILL") => {
    const running = child;
    if (!running || exited(running)) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => running.kill("SIGKILL"), STOP_TIMEOUT_MS);
      running.once("exit", () => {
        clearTimeout(force);
        resolve();
      });
      running.kill(signal);
    });
  };

  await start();
  return {
    port,
    url,
    get pid() {
      return child?.pid;
    },
    logs,
    stop,
    start,
    restart: async ({ signal, downMs = 0 } = {}) => {
      await stop(signal);
      if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
      await start();
    },
  };
}
