import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";

/**
 * Who may tell us the client's address in `X-Forwarded-For` (TRUST_PROXY):
 * - `none`: nobody; the TCP peer is the client (the default: an app facing the internet directly).
 * - `hops`: the nearest `count` hops are our proxies (the peer, and `count - 1` addresses they added).
 * - `list`: hops whose address is in `proxies` (addresses, subnets or `loopback`).
 */
export type TrustProxy =
  | { kind: "none" }
  | { kind: "hops"; count: number }
  | { kind: "list"; proxies: BlockList; description: string };

/** Parses TRUST_PROXY; throws one readable configuration error for anything it cannot read. */
export function parseTrustProxy(raw: string): TrustProxy {
  const value = raw.trim();
  if (value === "") return { kind: "none" };
  if (/^\d+$/.test(value)) {
    const count = Number(value);
    if (count > 100) throw trustProxyError(`"${value}" hops is more than any real chain of proxies`);
    return count === 0 ? { kind: "none" } : { kind: "hops", count };
  }
  const proxies = new BlockList();
  for (const entry of value.split(",").map((part) => part.trim())) {
    if (entry === "") continue;
    if (entry === "loopback") {
      proxies.addSubnet("127.0.0.0", 8, "ipv4");
      proxies.addAddress("::1", "ipv6");
      continue;
    }
    const [address = "", prefix, extra] = entry.split("/");
    const normal = normalizeAddress(address);
    if (normal === null || extra !== undefined)
      throw trustProxyError(`"${entry}" is not an address or subnet`);
    const family = isIP(normal) === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) {
      proxies.addAddress(normal, family);
      continue;
    }
    const bits = /^\d+$/.test(prefix) ? Number(prefix) : -1;
    if (bits < 0 || bits > (family === "ipv4" ? 32 : 128))
      throw trustProxyError(`"${entry}" has an impossible prefix length`);
    proxies.addSubnet(normal, bits, family);
  }
  return { kind: "list", proxies, description: value };
}

function trustProxyError(problem: string): Error {
  return new Error(
    `Invalid configuration:\n  TRUST_PROXY: ${problem} (use a hop count like 1, or addresses like 127.0.0.1,10.0.0.0/8)`,
  );
}

/**
 * The address of the person behind a request (HTTP or a Socket.IO handshake): the TCP peer,
 * unless the peer is a trusted proxy, in which case the X-Forwarded-For entry it appended, and so
 * on leftwards while each hop is trusted. Entries left of the first untrusted hop were written by
 * the client and are ignored, so a client cannot spoof its address by sending the header itself.
 * Every limit keyed by address, and the socket caps, use this one function.
 */
export function clientAddress(request: IncomingMessage, trust: TrustProxy): string {
  let client = normalizeAddress(request.socket.remoteAddress ?? "") ?? "unknown";
  if (trust.kind === "none") return client;
  const forwarded = forwardedFor(request);
  let hop = 0;
  for (let index = forwarded.length - 1; index >= 0; index--) {
    if (!isTrustedHop(trust, client, hop)) break;
    const next = normalizeAddress(forwarded[index] ?? "");
    // Garbage in the chain means we cannot read further: the last address we trust stands.
    if (next === null) break;
    client = next;
    hop++;
  }
  return client;
}

function isTrustedHop(trust: TrustProxy, address: string, hop: number): boolean {
  if (trust.kind === "none") return false;
  if (trust.kind === "hops") return hop < trust.count;
  const family = isIP(address);
  return family !== 0 && trust.proxies.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** Every X-Forwarded-For entry, left to right, across repeated headers (in the order received). */
function forwardedFor(request: IncomingMessage): string[] {
  const headers = request.headersDistinct["x-forwarded-for"] ?? [];
  return headers.flatMap((header) => header.split(",")).map((entry) => entry.trim());
}

const IPV4_WITH_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/;
const BRACKETED_V6 = /^\[([^\]]+)\](?::\d{1,5})?$/;

/**
 * One spelling per address, or null for anything that is not one: ports and brackets dropped,
 * IPv6 lower-cased and compressed, IPv4-mapped IPv6 (`::ffff:1.2.3.4`) as plain IPv4, so the same
 * person is one key whichever way their address was written.
 */
export function normalizeAddress(raw: string): string | null {
  let value = raw.trim();
  if (value.length === 0 || value.length > 100) return null;
  value = BRACKETED_V6.exec(value)?.[1] ?? IPV4_WITH_PORT.exec(value)?.[1] ?? value;
  value = value.replace(/%[\w.-]+$/, ""); // an IPv6 zone (fe80::1%eth0) names our interface, not the person
  const family = isIP(value);
  if (family === 4) return value;
  if (family !== 6) return null;
  const compressed = new URL(`http://[${value}]`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(compressed);
  if (!mapped) return compressed;
  const high = parseInt(mapped[1] ?? "0", 16);
  const low = parseInt(mapped[2] ?? "0", 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/**
 * The key limits count an address under. An IPv4 address is itself; an IPv6 address is its /64,
 * because one home or server is handed a whole /64 and could otherwise rotate through 2^64
 * addresses to escape every per-address limit.
 */
export function addressLimitKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = address.includes("::") ? (tail === "" ? [] : tail.split(":")) : [];
  const groups = address.includes("::")
    ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return `${groups.slice(0, 4).join(":")}::/64`;
}
