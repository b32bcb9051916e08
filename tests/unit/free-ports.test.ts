import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { freeMediaPorts } from "../support/free-ports";

// [PORTS-1] The CI run of 2026-12-04 lost a cluster test to a media port that an outgoing
// connection took (port 41020, inside Linux's ephemeral range) between the check and the bind.
describe("[PORTS-1] media ports for test servers", () => {
  const ephemeralLow = Number(
    fs.existsSync("/proc/sys/net/ipv4/ip_local_port_range")
      ? fs.readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]
      : 32_768,
  );

  it("come from below the ephemeral range, consecutive, never twice", async () => {
    const taken = new Set<number>();
    const bases: number[] = [];
    for (let round = 0; round < 20; round += 1) bases.push(await freeMediaPorts(3, taken));
    for (const base of bases) {
      expect(base).toBeGreaterThanOrEqual(10_000);
      expect(base + 2).toBeLessThan(ephemeralLow);
    }
    expect(taken.size).toBe(60);
  });
});
