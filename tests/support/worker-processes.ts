import { execFileSync } from "node:child_process";

/** mediasoup workers are the server's child processes, in the order they were started. */
export function workerPids(serverPid: number): number[] {
  const out = execFileSync("pgrep", ["-P", String(serverPid), "-f", "mediasoup-worker"], {
    encoding: "utf8",
  });
  return out.split("\n").filter(Boolean).map(Number);
}

/** The process bound to a local UDP port (each worker's WebRtcServer has its own), from `ss`. */
export function pidOnUdpPort(port: number): number | null {
  const out = execFileSync("ss", ["-Hulnp", `sport = :${port}`], { encoding: "utf8" });
  const match = /pid=(\d+)/.exec(out);
  return match ? Number(match[1]) : null;
}
