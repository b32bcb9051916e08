import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createSocket } from "node:dgram";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type Coturn = {
  port: number;
  /** e.g. turn:127.0.0.1:34567?transport=udp */
  url: string;
  logs: string[];
  child: ChildProcess;
  stop(): Promise<void>;
};

/** Longest a test's turnserver lives, even if the test process dies without stopping it. */
const LIFETIME_SECONDS = 600;

/** A free UDP port on loopback (coturn's listener). */
export async function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket("udp4");
    socket.once("error", reject);
    socket.bind(0, "127.0.0.1", () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

/**
 * Debian's coturn on 127.0.0.1 with TURN REST credentials (`use-auth-secret`), relaying to
 * loopback peers (the SFU listens on 127.0.0.1). No TLS, no CLI, no config file; `timeout` kills
 * it after LIFETIME_SECONDS at the latest. Fails loudly when coturn is missing: a relay test that
 * skipped would prove nothing.
 */
export async function startCoturn(options: { port: number; secret: string; realm: string }): Promise<Coturn> {
  if (spawnSync("sh", ["-c", "command -v turnserver"]).status !== 0)
    throw new Error(
      "turnserver (coturn) is not installed: run `bash scripts/setup.sh --for-tests` (Debian: apt-get install coturn).",
    );
  const userdb = path.join(os.tmpdir(), `audio-rooms-turndb-${options.port}`);
  const args = [
    "--signal=KILL",
    String(LIFETIME_SECONDS),
    "turnserver",
    "-n", // no configuration file
    "--listening-ip=127.0.0.1",
    "--relay-ip=127.0.0.1",
    `--listening-port=${options.port}`,
    "--min-port=49152",
    "--max-port=65535",
    "--use-auth-secret",
    `--static-auth-secret=${options.secret}`,
    `--realm=${options.realm}`,
    "--allow-loopback-peers",
    "--no-tls",
    "--no-dtls",
    "--no-cli",
    "--fingerprint",
    // Its own user database file, not the system's /var/lib/turn (nothing is stored with REST auth).
    `--userdb=${userdb}`,
    "--log-file=stdout",
    "--simple-log",
    "--verbose",
  ];
  const child = spawn("timeout", args, { stdio: ["ignore", "pipe", "pipe"] });
  const logs: string[] = [];
  const collect = (chunk: Buffer) => logs.push(...chunk.toString("utf8").split("\n").filter(Boolean));
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`turnserver did not start:\n${logs.join("\n")}`)),
      10_000,
    );
    const poll = setInterval(() => {
      if (logs.some((line) => line.includes(`UDP listener opened on: 127.0.0.1:${options.port}`))) {
        clearTimeout(timer);
        clearInterval(poll);
        resolve();
      }
    }, 50);
    child.once("exit", (code) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(new Error(`turnserver exited with ${code}:\n${logs.join("\n")}`));
    });
  });
  return {
    port: options.port,
    url: `turn:127.0.0.1:${options.port}?transport=udp`,
    logs,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM"); // timeout passes it on to turnserver
      await exited;
      fs.rmSync(userdb, { force: true });
    },
  };
}
