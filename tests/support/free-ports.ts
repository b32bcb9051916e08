import dgram from "node:dgram";
import fs from "node:fs";
import net from "node:net";

// Media ports for servers that tests start: a port picked here must still be free when the server
// binds it a few seconds later, on a machine where other test files open connections all the time.

async function udpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket("udp4");
    socket.once("error", () => resolve(false));
    socket.bind(port, "127.0.0.1", () => socket.close(() => resolve(true)));
  });
}

async function tcpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/**
 * Where test media ports come from: below the kernel's ephemeral range (ip_local_port_range), so
 * that no outgoing connection of any process (Postgres, Redis, Chromium, another test file) takes
 * one between the check here and the node's bind. Falls back to 20000-32000.
 */
function mediaPortWindow(): { min: number; max: number } {
  try {
    const [low] = fs.readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/);
    const ephemeralLow = Number(low);
    if (Number.isInteger(ephemeralLow) && ephemeralLow > 12_000)
      return { min: 10_000, max: ephemeralLow - 1 };
  } catch {
    // Not Linux: the fallback window.
  }
  return { min: 20_000, max: 32_000 };
}

/** `count` consecutive ports free for both TCP and UDP, none of them in `taken`. */
export async function freeMediaPorts(count: number, taken = new Set<number>()): Promise<number> {
  const window = mediaPortWindow();
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const base = window.min + Math.floor(Math.random() * (window.max - window.min - count));
    const ports = Array.from({ length: count }, (_, offset) => base + offset);
    if (ports.some((port) => taken.has(port))) continue;
    const free = await Promise.all(ports.map(async (port) => (await tcpFree(port)) && (await udpFree(port))));
    if (free.every(Boolean)) {
      for (const port of ports) taken.add(port);
      return base;
    }
  }
  throw new Error(`no ${count} consecutive free media ports found`);
}
