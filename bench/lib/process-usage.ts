import { execFileSync } from "node:child_process";
import fs from "node:fs";

/** Kernel clock ticks per second, the unit of utime/stime in /proc/<pid>/stat (almost always 100). */
const CLK_TCK = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

type StatLine = { comm: string; ppid: number; cpuTicks: number };

/**
 * Reads /proc/<pid>/stat. The command name is in parentheses and may hold spaces, so fields are
 * counted from the last ')': after it come state(3), ppid(4) ... utime(14), stime(15).
 */
function readStat(pid: number): StatLine | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = text.lastIndexOf(")");
    const comm = text.slice(text.indexOf("(") + 1, close);
    const fields = text.slice(close + 2).split(" ");
    return { comm, ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null; // the process is gone
  }
}

/** CPU seconds (user + system) a process has used so far; 0 if it is gone. */
export function cpuSeconds(pid: number): number {
  return (readStat(pid)?.cpuTicks ?? 0) / CLK_TCK;
}

/** Resident set size in KiB from /proc/<pid>/status (VmRSS), 0 if the process is gone. */
export function rssKiB(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match?.[1] ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Direct children of `pid` (scans /proc, like `pgrep -P`), with their command names. */
export function childrenOf(pid: number): { pid: number; comm: string }[] {
  const found: { pid: number; comm: string }[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat?.ppid === pid) found.push({ pid: Number(entry), comm: stat.comm });
  }
  return found;
}

export type ProcessUsage = {
  label: string;
  pid: number;
  /** CPU time over the window divided by wall time; 100 = one core fully busy. */
  cpuPercent: number;
  rssAvgMiB: number;
  rssMaxMiB: number;
};

/**
 * Samples CPU (utime+stime delta over the window) and RSS (every `everyMs`) of the given pids for
 * `windowMs`. Only these pids are measured: the bench process's own CPU never counts.
 */
export async function sampleUsage(
  targets: { label: string; pid: number }[],
  windowMs: number,
  everyMs = 500,
): Promise<ProcessUsage[]> {
  const startTicks = targets.map((t) => readStat(t.pid)?.cpuTicks ?? 0);
  const rss: number[][] = targets.map(() => []);
  const started = performance.now();
  while (performance.now() - started < windowMs) {
    targets.forEach((t, i) => rss[i]?.push(rssKiB(t.pid)));
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(everyMs, windowMs - (performance.now() - started))),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  return targets.map((t, i) => {
    const ticks = (readStat(t.pid)?.cpuTicks ?? 0) - (startTicks[i] ?? 0);
    const samples = rss[i] ?? [];
    const avg = samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length);
    return {
      label: t.label,
      pid: t.pid,
      cpuPercent: (ticks / CLK_TCK / seconds) * 100,
      rssAvgMiB: avg / 1024,
      rssMaxMiB: Math.max(0, ...samples) / 1024,
    };
  });
}

/** Whole-machine CPU counters from /proc/stat: busy and total jiffies over all cores. */
export function machineTicks(): { busy: number; total: number } {
  const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}
