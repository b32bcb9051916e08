import { spawn, spawnSync, type ChildProcess } from "node:child_process";

/** The ffmpeg on PATH (Debian's, installed by scripts/setup.sh): recording needs it, and libopus. */
export const FFMPEG = "ffmpeg";

/** Is an ffmpeg with the libopus encoder installed? Asked once at start-up (a few ms). */
export function ffmpegCanRecord(binary: string = FFMPEG): boolean {
  const probe = spawnSync(binary, ["-hide_banner", "-encoders"], { encoding: "utf8", timeout: 10_000 });
  return probe.status === 0 && /\blibopus\b/.test(probe.stdout);
}

/** Runs ffmpeg to the end; rejects with the tail of its log when it fails. */
export function runFfmpeg(args: readonly string[], binary: string = FFMPEG): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ["-hide_banner", "-loglevel", "error", "-nostdin", ...args], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let log = "";
    child.stderr.on("data", (chunk: Buffer) => {
      log = (log + chunk.toString("utf8")).slice(-2000);
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}: ${log.trim()}`)),
    );
  });
}

/**
 * Ends a long-running ffmpeg the way it finishes its files cleanly (SIGINT, like pressing q),
 * and kills it if it has not gone after `graceMs`. Resolves once it has exited. One SIGINT ends
 * ffmpeg's loop at its next packet (a second would interrupt the writing of the file's trailer),
 * so a recorder keeps packets flowing until this resolves.
 */
export function stopFfmpeg(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("close", () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill("SIGINT");
  });
}
