import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { JoinRetry, joinRetryDelayMs } from "@/features/room/join-retry";

describe("[JOIN-RETRY-1] a join refused `unavailable` is retried later and later, spread out", () => {
  it("three tries within 2 s, then doubling to at most 10 s, each in the second half of its span", () => {
    const lowest = (attempt: number) => joinRetryDelayMs(attempt, () => 0);
    const highest = (attempt: number) => joinRetryDelayMs(attempt, () => 0.999_999);
    expect([0, 1, 2, 3, 4, 5, 50].map(lowest)).toEqual([1_000, 1_000, 1_000, 2_000, 4_000, 5_000, 5_000]);
    expect([0, 1, 2, 3, 4, 5, 50].map(highest)).toEqual([2_000, 2_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });

  it("spreads a crowd refused at the same moment over the span instead of one instant", () => {
    let seed = 1;
    const random = () => {
      seed = (seed * 16_807) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    const delays = Array.from({ length: 1_000 }, () => joinRetryDelayMs(0, random));
    const bySecondTenth = new Set(delays.map((ms) => Math.floor(ms / 100)));
    expect(bySecondTenth.size).toBe(10); // every 100 ms slot between 1.0 and 2.0 s is used
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(1_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(2_000);
  });
});

describe("[JOIN-RETRY-2] one connection's retries", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("waits longer after each refusal, starts over once joined, and keeps one retry pending", () => {
    vi.spyOn(Math, "random").mockReturnValue(0.999_999);
    const retry = new JoinRetry();
    const join = vi.fn();
    for (let refusal = 1; refusal <= 3; refusal += 1) {
      retry.later(join); // the first three refusals: 2 s each
      vi.advanceTimersByTime(1_999);
      expect(join).toHaveBeenCalledTimes(refusal - 1);
      vi.advanceTimersByTime(1);
      expect(join).toHaveBeenCalledTimes(refusal);
    }
    retry.later(join); // the fourth: 4 s
    vi.advanceTimersByTime(3_999);
    expect(join).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(1);
    expect(join).toHaveBeenCalledTimes(4);

    retry.joined();
    retry.later(join);
    retry.later(join); // a second refusal while one retry is pending replaces it
    vi.advanceTimersByTime(60_000);
    expect(join).toHaveBeenCalledTimes(5);
  });
});
