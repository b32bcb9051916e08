import { describe, expect, it } from "vitest";
import { PATH_SILENCE_LIMIT_MS, pathSilenceMs } from "@/features/room/media-path";

const pair = (id: string, fields: Record<string, unknown>) => ({ id, type: "candidate-pair", ...fields });

describe("[NETDROP-1] the silence of a transport's network path is read from its selected candidate pair", () => {
  it("uses the transport's selected pair: report time minus last packet received", () => {
    const stats = [
      { id: "t", type: "transport", selectedCandidatePairId: "p2" },
      pair("p1", { timestamp: 10_000, lastPacketReceivedTimestamp: 1_000 }),
      pair("p2", { timestamp: 10_000, lastPacketReceivedTimestamp: 9_600 }),
    ];
    expect(pathSilenceMs(stats)).toBe(400);
  });

  it("falls back to a pair marked selected, then to a nominated succeeded pair", () => {
    expect(
      pathSilenceMs([pair("a", { selected: true, timestamp: 5_000, lastPacketReceivedTimestamp: 1_000 })]),
    ).toBe(4_000);
    expect(
      pathSilenceMs([
        pair("b", {
          nominated: true,
          state: "succeeded",
          timestamp: 5_000,
          lastPacketReceivedTimestamp: 4_900,
        }),
      ]),
    ).toBe(100);
  });

  it("knows nothing without a selected pair or its timestamps (not connected yet)", () => {
    expect(pathSilenceMs([])).toBeNull();
    expect(
      pathSilenceMs([
        pair("c", {
          nominated: true,
          state: "in-progress",
          timestamp: 5_000,
          lastPacketReceivedTimestamp: 0,
        }),
      ]),
    ).toBeNull();
    expect(pathSilenceMs([pair("d", { selected: true, timestamp: 5_000 })])).toBeNull();
  });

  it("a drop is silence beyond the limit, longer than the browser's STUN consent interval", () => {
    expect(PATH_SILENCE_LIMIT_MS).toBeGreaterThan(2_500);
    const silent = pathSilenceMs([
      pair("e", { selected: true, timestamp: 20_000, lastPacketReceivedTimestamp: 15_000 }),
    ]);
    expect(silent).toBeGreaterThan(PATH_SILENCE_LIMIT_MS);
  });
});
