import type { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import {
  addressLimitKey,
  clientAddress,
  normalizeAddress,
  parseTrustProxy,
} from "../../server/http/client-address";

/** A request from `peer` carrying these X-Forwarded-For headers (each one header line). */
function requestFrom(peer: string, ...forwardedFor: string[]): IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, "remoteAddress", { value: peer });
  const request: Pick<IncomingMessage, "socket" | "headersDistinct"> = {
    socket,
    headersDistinct: forwardedFor.length > 0 ? { "x-forwarded-for": forwardedFor } : {},
  };
  // The function reads only these two fields of the request.
  return Object.assign(Object.create(null) as IncomingMessage, request);
}

const client = (trust: string, peer: string, ...xff: string[]) =>
  clientAddress(requestFrom(peer, ...xff), parseTrustProxy(trust));

describe("[SEC-5] the client address behind a proxy (TRUST_PROXY)", () => {
  it("[SEC-5] trusting nobody, X-Forwarded-For is ignored: a client cannot spoof its address", () => {
    expect(client("", "203.0.113.9", "1.2.3.4")).toBe("203.0.113.9");
    expect(client("0", "203.0.113.9", "1.2.3.4")).toBe("203.0.113.9");
    expect(client("", "::ffff:203.0.113.9")).toBe("203.0.113.9");
  });

  it("[SEC-5] a trusted proxy's entry is the client; what the client wrote before it is not", () => {
    // The client sent "X-Forwarded-For: 6.6.6.6"; our proxy at 127.0.0.1 appended the real address.
    expect(client("127.0.0.1", "127.0.0.1", "6.6.6.6, 203.0.113.9")).toBe("203.0.113.9");
    expect(client("1", "127.0.0.1", "6.6.6.6, 203.0.113.9")).toBe("203.0.113.9");
    expect(client("loopback", "::1", "6.6.6.6, 203.0.113.9")).toBe("203.0.113.9");
    // Two proxies, both trusted by address or by count.
    expect(client("10.0.0.0/8, 127.0.0.1", "127.0.0.1", "6.6.6.6, 203.0.113.9, 10.1.2.3")).toBe(
      "203.0.113.9",
    );
    expect(client("2", "127.0.0.1", "6.6.6.6, 203.0.113.9, 10.1.2.3")).toBe("203.0.113.9");
  });

  it("[SEC-5] an untrusted peer sending X-Forwarded-For is itself the client", () => {
    expect(client("127.0.0.1", "203.0.113.9", "127.0.0.1")).toBe("203.0.113.9");
    expect(client("10.0.0.0/8", "198.51.100.3", "10.0.0.1, 1.2.3.4")).toBe("198.51.100.3");
    // A trusted proxy forwarding for an untrusted one: the chain stops at the untrusted hop.
    expect(client("127.0.0.1", "127.0.0.1", "1.2.3.4, 198.51.100.3")).toBe("198.51.100.3");
  });

  it("[SEC-5] repeated X-Forwarded-For headers are read as one list, in order", () => {
    expect(client("1", "127.0.0.1", "6.6.6.6", "203.0.113.9")).toBe("203.0.113.9");
    expect(client("2", "127.0.0.1", "6.6.6.6", "203.0.113.9, 198.51.100.1")).toBe("203.0.113.9");
  });

  it("[SEC-5] garbage in the chain stops it at the last address we trust", () => {
    for (const junk of [
      "",
      "unknown",
      "not-an-ip",
      "1.2.3",
      "999.1.1.1",
      "<script>",
      "1.2.3.4.5",
      "x".repeat(5000),
    ])
      expect(client("1", "127.0.0.1", junk), junk).toBe("127.0.0.1");
    expect(client("1", "127.0.0.1", "203.0.113.9, ,")).toBe("127.0.0.1");
    // More hops trusted than the chain has: the leftmost (first) address.
    expect(client("5", "127.0.0.1", "203.0.113.9")).toBe("203.0.113.9");
  });

  it("[SEC-5] IPv6, IPv4-mapped IPv6, ports and brackets are one spelling", () => {
    expect(normalizeAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress("::FFFF:7f00:1")).toBe("127.0.0.1");
    expect(normalizeAddress("2001:DB8:0:0:0:0:0:1")).toBe("2001:db8::1");
    expect(normalizeAddress("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("203.0.113.9:51234")).toBe("203.0.113.9");
    expect(normalizeAddress("fe80::1%eth0")).toBe("fe80::1");
    expect(normalizeAddress("2001:db8::1:443")).toBe("2001:db8::1:443"); // a valid IPv6, not a port
    expect(client("::1", "::1", "2001:DB8::5")).toBe("2001:db8::5");
    expect(client("127.0.0.1", "::ffff:127.0.0.1", "::ffff:203.0.113.9")).toBe("203.0.113.9");
  });

  it("[SEC-5] limits count an IPv6 client by its /64, an IPv4 client by its address", () => {
    expect(addressLimitKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressLimitKey("2001:db8:1:2:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(addressLimitKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressLimitKey("::1")).toBe("0:0:0:0::/64");
    expect(addressLimitKey("203.0.113.9")).toBe("203.0.113.9");
  });

  it("[SEC-5] a TRUST_PROXY that cannot be read stops the start with a clear message", () => {
    for (const bad of ["yes", "10.0.0.0/33", "1.2.3.4/8/9", "127.0.0.1, nonsense", "101"])
      expect(() => parseTrustProxy(bad), bad).toThrow(/TRUST_PROXY/);
  });
});
