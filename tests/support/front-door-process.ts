import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Caddy in front of local nodes, as `scripts/cluster.sh` runs it: the same generated Caddyfile. */
export type FrontDoorProcess = {
  readonly url: string;
  stop(): Promise<void>;
};

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

export function caddyInstalled(): boolean {
  return spawnSync("caddy", ["version"], { encoding: "utf8" }).status === 0;
}

/**
 * Starts Caddy on 127.0.0.1:`port` over `upstreams` (host:port each), with the Caddyfile that
 * scripts/lib/front-door.sh makes from deploy/Caddyfile (least connections, /api/ready checks,
 * retries on another node), and waits until it answers.
 */
export async function startFrontDoor(port: number, upstreams: readonly string[]): Promise<FrontDoorProcess> {
  const made = spawnSync(
    "bash",
    [
      "-c",
      'source scripts/lib/front-door.sh && front_door_caddyfile "$@"',
      "front-door",
      `127.0.0.1:${port}`,
      ...upstreams,
    ],
    { cwd: REPO_ROOT, encoding: "utf8" },
  );
  if (made.status !== 0) throw new Error(`the front door's Caddyfile could not be made: ${made.stderr}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "front-door-"));
  const file = path.join(dir, "Caddyfile");
  fs.writeFileSync(file, made.stdout);
  const child = spawn("caddy", ["run", "--config", file, "--adapter", "caddyfile"], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
  });
  const logs: string[] = [];
  child.stderr.on("data", (chunk: Buffer) => logs.push(...chunk.toString().split("\n").slice(-20)));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 15_000;
  for (;;) {
    const answered = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) break;
    if (child.exitCode !== null || Date.now() > until) {
      child.kill("SIGKILL");
      throw new Error(`the front door did not start:\n${logs.slice(-20).join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
      }),
  };
}
