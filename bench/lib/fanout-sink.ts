import { fork, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** Where listeners send: one RTP and one RTCP port shared by every listener transport. */
export type Sink = {
  ip: string;
  rtpPort: number;
  rtcpPort: number;
  pid: number;
  received(): Promise<number>;
  close(): void;
};

const here = path.dirname(fileURLToPath(import.meta.url));

/** Sum of the `drops` column of /proc/net/udp for sockets bound to 127.0.0.1:`port`. */
function dropsOf(port: number): number {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  let drops = 0;
  for (const line of fs.readFileSync("/proc/net/udp", "utf8").split("\n")) {
    const fields = line.trim().split(/\s+/);
    if (fields[1] === local) drops += Number(fields.at(-1) ?? 0);
  }
  return drops;
}

/**
 * "drop": sockets that are never read (udp-drop-sink.py); arrivals are the kernel's per-socket
 * drop counter (the receive queue is full after the first few packets, so every later arrival is
 * dropped and counted). Costs no process CPU; the kernel's receive work happens in the sender's
 * context on loopback either way.
 */
async function dropSink(): Promise<Sink> {
  const child = spawn("python3", [path.join(here, "udp-drop-sink.py")], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once("line", resolve);
    child.once("error", reject);
  });
  const [rtpPort, rtcpPort] = z.tuple([z.number().int(), z.number().int()]).parse(JSON.parse(line));
  return {
    ip: "127.0.0.1",
    rtpPort,
    rtcpPort,
    pid: child.pid ?? 0,
    received: () => Promise.resolve(dropsOf(rtpPort)),
    close: () => child.stdin.end(),
  };
}

/**
 * "count": a Node process that reads every packet (fanout-count-sink.ts). Costs a reader's CPU;
 * what it could not read in time (its queue overflowed) is taken from the kernel's drop counter.
 */
async function countSink(): Promise<Sink> {
  const child: ChildProcess = fork(path.join(here, "fanout-count-sink.ts"), [], {
    execArgv: ["--import", "tsx"],
  });
  const ports = z.object({ type: z.literal("ports"), rtp: z.number(), rtcp: z.number() });
  const counted = z.object({ type: z.literal("count"), rtp: z.number(), rtcp: z.number() });
  const first = await new Promise<z.infer<typeof ports>>((resolve) => {
    const onMessage = (raw: unknown) => {
      const parsed = ports.safeParse(raw);
      if (parsed.success) {
        child.off("message", onMessage);
        resolve(parsed.data);
      }
    };
    child.on("message", onMessage);
  });
  const received = () =>
    new Promise<number>((resolve) => {
      const onMessage = (raw: unknown) => {
        const parsed = counted.safeParse(raw);
        if (parsed.success) {
          child.off("message", onMessage);
          // Plus what its socket dropped: arrivals, even when the reader falls behind.
          resolve(parsed.data.rtp + dropsOf(first.rtp));
        }
      };
      child.on("message", onMessage);
      child.send({ type: "count" });
    });
  return {
    ip: "127.0.0.1",
    rtpPort: first.rtp,
    rtcpPort: first.rtcp,
    pid: child.pid ?? 0,
    received,
    close: () => child.kill(),
  };
}

export function startSink(kind: "drop" | "count"): Promise<Sink> {
  return kind === "drop" ? dropSink() : countSink();
}
