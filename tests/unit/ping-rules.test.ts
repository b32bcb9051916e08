import { describe, expect, it } from "vitest";
import type { Role } from "../../src/shared/protocol";
import type { AccessDecision } from "../../server/domain/room-access";
import {
  decidePing,
  decidePinger,
  PING_COOLDOWN_MS,
  type PingTargetFacts,
} from "../../server/notifications/ping-rules";

const NOW = 1_000_000_000;
const open: AccessDecision = { ok: true, via: "open" };
const notInvited: AccessDecision = { ok: false, reason: "not-invited", message: "closed" };
const notFollowed: AccessDecision = { ok: false, reason: "not-followed", message: "social" };
const blocked: AccessDecision = { ok: false, reason: "blocked", message: "blocked" };

const pinger = (role: Role | undefined, isGuest = false) => ({ userId: "ana", isGuest, role });
const target = (facts: Partial<PingTargetFacts> = {}): PingTargetFacts => ({
  userId: "ben",
  followedByPinger: true,
  inRoom: false,
  access: open,
  lastPingedAt: null,
  ...facts,
});

describe("ping rules", () => {
  it("[PING-1] a guest may not ping anyone", () => {
    expect(decidePinger(pinger("listener", true))).toMatchObject({ ok: false, code: "forbidden" });
    expect(decidePing(pinger("listener", true), target(), NOW)).toMatchObject({
      ok: false,
      code: "forbidden",
    });
  });

  it("[PING-2] someone who is not in the room may not ping people into it", () => {
    expect(decidePinger(pinger(undefined))).toMatchObject({ ok: false, code: "invalid_state" });
  });

  const table: [
    string,
    Role,
    Partial<PingTargetFacts>,
    { ok: true; grantAccess: boolean } | { ok: false; code: string },
  ][] = [
    [
      "[PING-3] a listener pings someone they follow into an open room",
      "listener",
      {},
      { ok: true, grantAccess: false },
    ],
    [
      "[PING-4] nobody pings someone they do not follow",
      "host",
      { followedByPinger: false },
      { ok: false, code: "forbidden" },
    ],
    [
      "[PING-4] ...even when that person is already in the room (nothing is revealed)",
      "listener",
      { followedByPinger: false, inRoom: true },
      { ok: false, code: "forbidden" },
    ],
    [
      "[PING-5] someone already in the room is not pinged",
      "speaker",
      { inRoom: true },
      { ok: false, code: "invalid_state" },
    ],
    [
      "[PING-6] a listener cannot ping into a closed room",
      "listener",
      { access: notInvited },
      { ok: false, code: "forbidden" },
    ],
    ["[PING-6] nor can a speaker", "speaker", { access: notInvited }, { ok: false, code: "forbidden" }],
    [
      "[PING-7] a host's ping into a closed room lets the person in",
      "host",
      { access: notInvited },
      { ok: true, grantAccess: true },
    ],
    ["[PING-7] so does a moderator's", "moderator", { access: notInvited }, { ok: true, grantAccess: true }],
    [
      "[PING-8] a social room's rule holds even for the host's ping",
      "host",
      { access: notFollowed },
      { ok: false, code: "forbidden" },
    ],
    [
      "[PING-9] nobody's ping gets past the host's blocks",
      "host",
      { access: blocked },
      { ok: false, code: "forbidden" },
    ],
    ["[PING-9] ...nor a moderator's", "moderator", { access: blocked }, { ok: false, code: "forbidden" }],
    [
      "[PING-10] a second ping within 10 minutes is rate limited",
      "listener",
      { lastPingedAt: NOW - PING_COOLDOWN_MS + 1 },
      { ok: false, code: "rate_limited" },
    ],
    [
      "[PING-10] a ping 10 minutes later goes out again",
      "listener",
      { lastPingedAt: NOW - PING_COOLDOWN_MS },
      { ok: true, grantAccess: false },
    ],
    [
      "[PING-10] the cooldown holds for a host re-inviting into a closed room",
      "host",
      { access: notInvited, lastPingedAt: NOW - 1000 },
      { ok: false, code: "rate_limited" },
    ],
  ];

  it.each(table)("%s", (_name, role, facts, expected) => {
    expect(decidePing(pinger(role), target(facts), NOW)).toMatchObject(expected);
  });

  it("[PING-11] every refusal carries a sentence to show next to the person", () => {
    for (const [, role, facts, expected] of table) {
      const decision = decidePing(pinger(role), target(facts), NOW);
      if (!expected.ok) expect(!decision.ok && decision.message.length).toBeGreaterThan(10);
    }
  });

  it("[PING-12] the rate-limit sentence says how long to wait", () => {
    const decision = decidePing(pinger("listener"), target({ lastPingedAt: NOW - 60_000 }), NOW);
    expect(!decision.ok && decision.message).toContain("9 min");
  });
});
