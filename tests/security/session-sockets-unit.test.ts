import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SessionSockets } from "../../server/realtime/session-sockets";

describe("[SEC-9] the sockets of a session end with it (registry)", () => {
  beforeEach(() => void vi.useFakeTimers({ now: Date.parse("2026-01-01T00:00:00Z") }));
  afterEach(() => void vi.useRealTimers());

  it("[SEC-9] sign-out closes that session's sockets and no other", () => {
    const registry = new SessionSockets();
    const closed: string[] = [];
    const later = new Date(Date.now() + 60_000);
    registry.track("session-a", later, () => closed.push("a1"));
    registry.track("session-a", later, () => closed.push("a2"));
    registry.track("session-b", later, () => closed.push("b1"));
    registry.sessionEnded("session-a");
    expect(closed.sort()).toEqual(["a1", "a2"]);
    expect(registry.count("session-a")).toBe(0);
    expect(registry.count("session-b")).toBe(1);
  });

  it("[SEC-9] a socket is closed when its session expires, even one 30 days away", () => {
    const registry = new SessionSockets();
    const closed: string[] = [];
    registry.track("soon", new Date(Date.now() + 5_000), () => closed.push("soon"));
    registry.track("month", new Date(Date.now() + 30 * 24 * 3600_000), () => closed.push("month"));
    vi.advanceTimersByTime(4_999);
    expect(closed).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(closed).toEqual(["soon"]);
    vi.advanceTimersByTime(30 * 24 * 3600_000 - 5_001);
    expect(closed).toEqual(["soon"]);
    vi.advanceTimersByTime(1);
    expect(closed).toEqual(["soon", "month"]);
  });

  it("[SEC-9] a socket that disconnected is forgotten; one whose handshake raced the sign-out is closed", () => {
    const registry = new SessionSockets();
    const closed: string[] = [];
    const untrack = registry.track("s", new Date(Date.now() + 1_000), () => closed.push("gone"));
    untrack();
    vi.advanceTimersByTime(2_000);
    expect(closed).toEqual([]);
    registry.sessionEnded("t");
    registry.track("t", new Date(Date.now() + 60_000), () => closed.push("late"));
    expect(closed).toEqual(["late"]);
  });
});
