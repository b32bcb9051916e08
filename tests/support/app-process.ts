import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type AppProcess = {
  url: string;
  port: number;
  child: ChildProcess;
  dataDir: string;
  logs: string[];
  /** SIGTERM and wait for exit. */
  stop(): Promise<number | null>;
};

/**
 * Starts the real server (`server/index.ts`, production Next build) as a child process on a free
 * port with its own temporary data directory, and waits until it says it is listening.
 */
export async function startAppProcess(
  options: { env?: Record<string, string>; dataDir?: string; timeoutMs?: number } = {},
): Promise<AppProcess> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "audio-rooms-e2e-"));
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "server/index.ts"], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: "0",
      DATA_DIR: dataDir,
      MEDIA_PORT: "0",
      MEDIA_WORKERS: "1",
      LOG_LEVEL: "info",
      DATABASE_URL: "",
      // Browser tests make accounts freely through the sign-up form (see e2e-flows.ts).
      REGISTRATION_MODE: "open",
      // One browser on 127.0.0.1 plays everyone: per-address limits would be one shared budget.
      SIGNUPS_PER_IP_PER_HOUR: "10000",
      MAX_SOCKETS_PER_IP: "100000",
      JOINS_PER_IP_PER_MINUTE: "100000",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL"); // never leave a half-started server behind
      reject(new Error(`server did not start:\n${logs.join("\n")}`));
    }, options.timeoutMs ?? 60_000);
    const onLine = (line: string) => {
      logs.push(line);
      const match = /"url":"(http:\/\/localhost:\d+)"/.exec(line);
      if (match?.[1] && line.includes("listening")) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    let buffer = "";
    const feed = (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      lines.forEach(onLine);
    };
    child.stdout?.on("data", feed);
    child.stderr?.on("data", feed);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${logs.join("\n")}`));
    });
  });
  const port = Number(new URL(url).port);
  return {
    url,
    port,
    child,
    dataDir,
    logs,
    stop: async () => {
      const code = await new Promise<number | null>((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once("exit", (exitCode) => resolve(exitCode));
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 15_000).unref();
      });
      if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
