import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { serverEvents, type Member } from "../../src/shared/protocol";
import {
  applyAudienceBatch,
  applyDelta,
  viewFromSnapshot,
  type RoomDelta,
  type RoomView,
} from "../../src/features/room/room-snapshot-reducer";
import { AudienceBatcher, type AudienceBatch } from "../../server/rooms/audience-batcher";
import { RoomService } from "../../server/rooms/room-service";
import type { Actor } from "../../server/domain/room-state";
import { FakeScheduler, openRoom, presenceDeps, recordingStore, type Sent } from "./presence-fakes";

const listener = (userId: string, joinedAt = 1): Member => ({
  userId,
  displayName: userId,
  avatarUrl: null,
  role: "listener",
  muted: true,
  joinedAt,
  handRaisedAt: null,
  invitedAt: null,
  isGuest: false,
});

function batcher(cap = 200) {
  const scheduler = new FakeScheduler();
  const batches: AudienceBatch[] = [];
  const b = new AudienceBatcher({
    scheduler,
    intervalMs: 1000,
    cap,
    counts: () => ({ stage: 1, audience: 0, hands: 0 }),
    send: (x) => void batches.push(x),
  });
  return { scheduler, batches, b };
}

describe("[PRESENCE-BATCH] audience churn is coalesced into at most one batch per second per room", () => {
  it("[PRESENCE-BATCH-1] the first change after a quiet spell goes out at once; the rest wait for the next second, together", () => {
    const { scheduler, batches, b } = batcher();
    b.joined(listener("a"));
    expect(batches).toHaveLength(1);
    for (const id of ["b", "c", "d"]) b.joined(listener(id));
    b.left("a");
    scheduler.advance(999);
    expect(batches).toHaveLength(1);
    scheduler.advance(1);
    expect(batches).toHaveLength(2);
    expect(batches[1]).toMatchObject({
      joined: [{ userId: "b" }, { userId: "c" }, { userId: "d" }],
      left: ["a"],
      truncated: false,
    });
  });

  it("[PRESENCE-BATCH-2] each person appears once in their latest state: joined then left is left, left then joined is joined", () => {
    const { scheduler, batches, b } = batcher();
    b.joined(listener("warm-up"));
    b.joined(listener("x"));
    b.left("x");
    b.left("y");
    b.joined(listener("y", 5));
    scheduler.advance(1000);
    expect(batches[1]).toMatchObject({ joined: [{ userId: "y", joinedAt: 5 }], left: ["x"] });
  });

  it("[PRESENCE-BATCH-3] past the cap the batch is marked truncated and carries no lists (clients refetch their first page)", () => {
    const { scheduler, batches, b } = batcher(3);
    b.joined(listener("warm-up"));
    for (const id of ["a", "b", "c", "d"]) b.joined(listener(id));
    scheduler.advance(1000);
    expect(batches[1]).toEqual({
      joined: [],
      left: [],
      counts: { stage: 1, audience: 0, hands: 0 },
      truncated: true,
    });
  });

  it("[PRESENCE-BATCH-4] an immediate event about someone drops them from the pending batch", () => {
    const { scheduler, batches, b } = batcher();
    b.joined(listener("warm-up"));
    b.joined(listener("lee"));
    b.supersede("lee");
    scheduler.advance(1000);
    expect(batches).toHaveLength(1);
  });
});

const host: Actor = { userId: "host", displayName: "Hana Host", isGuest: false };
const person = (userId: string): Actor => ({ userId, displayName: userId, isGuest: false });

/** A client that joined first and sees everything: the room page's own reducer, fed the wire stream. */
function follow(view: RoomView, sent: readonly Sent[]): RoomView {
  let current = view;
  for (const { event, payload } of sent) {
    if (event === "room:audience-changed") {
      current = applyAudienceBatch(current, serverEvents["room:audience-changed"].parse(payload)).view;
      continue;
    }
    const delta = toDelta(event, payload);
    if (!delta) continue;
    const result = applyDelta(current, delta);
    if (result.gap) throw new Error(`version gap at ${event}`);
    current = result.view;
  }
  return current;
}

function toDelta(event: string, payload: unknown): RoomDelta | null {
  switch (event) {
    case "room:member-joined":
      return { type: "member-joined", payload: serverEvents[event].parse(payload) };
    case "room:member-updated":
      return { type: "member-updated", payload: serverEvents[event].parse(payload) };
    case "room:member-left":
      return { type: "member-left", payload: serverEvents[event].parse(payload) };
    case "room:member-removed":
      return { type: "member-removed", payload: serverEvents[event].parse(payload) };
    case "room:host-changed":
      return { type: "host-changed", payload: serverEvents[event].parse(payload) };
    case "room:settings-updated":
      return { type: "settings-updated", payload: serverEvents[event].parse(payload) };
    case "room:ended":
      return { type: "ended", payload: serverEvents[event].parse(payload) };
    default:
      return null;
  }
}

async function roomWithHost() {
  const scheduler = new FakeScheduler();
  const sent: Sent[] = [];
  const { store } = recordingStore();
  const service = await RoomService.create(openRoom, presenceDeps(store, scheduler, sent));
  const joined = await service.join(host, "s-host");
  const view = viewFromSnapshot(joined.snapshot, host.userId);
  sent.length = 0;
  return { scheduler, sent, service, view };
}

describe("[PRESENCE-ORDER] coalesced batches never reorder stage events", () => {
  it("[PRESENCE-ORDER-1] a listener who joined and was invited on stage never re-appears as audience after the stage event", async () => {
    const { scheduler, sent, service, view } = await roomWithHost();
    await service.join(person("warm-up"), "s-w"); // the first batch goes at once; the next waits a second
    await service.join(person("lee"), "s-lee");
    await service.act(host, "s-host", { type: "invite-to-speak", userId: "lee" });
    await service.act(person("lee"), "s-lee", { type: "respond-to-invitation", accept: true });
    scheduler.advance(1000);
    const batches = sent.filter((s) => s.event === "room:audience-changed");
    expect(JSON.stringify(batches)).not.toContain('"lee"');
    const seen = follow(view, sent);
    expect(seen.stage.map((m) => m.userId)).toEqual(["host", "lee"]);
    expect(seen.audience.map((m) => m.userId)).toEqual(["warm-up"]);
    expect(seen.counts).toEqual({ stage: 2, audience: 1, hands: 0 });
    await service.shutdown();
  });

  it("[PRESENCE-ORDER-2] random joins, leaves, hands and stage moves: a client fed the stream ends exactly where the server is", async () => {
    const step = fc.record({
      who: fc.integer({ min: 0, max: 7 }),
      what: fc.constantFrom("join", "leave", "raise", "invite", "accept", "down", "tick"),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        const { scheduler, sent, service, view } = await roomWithHost();
        for (const { who, what } of steps) {
          const actor = person(`p${who}`);
          const session = `s-${actor.userId}`;
          const attempt = (run: () => Promise<unknown>) => run().catch(() => undefined); // refusals are fine here
          if (what === "join") await attempt(() => service.join(actor, session));
          if (what === "leave") await attempt(() => service.leave(actor, session));
          if (what === "raise") await attempt(() => service.act(actor, session, { type: "raise-hand" }));
          if (what === "invite")
            await attempt(() =>
              service.act(host, "s-host", { type: "invite-to-speak", userId: actor.userId }),
            );
          if (what === "accept")
            await attempt(() => service.act(actor, session, { type: "respond-to-invitation", accept: true }));
          if (what === "down")
            await attempt(() =>
              service.act(host, "s-host", { type: "move-to-audience", userId: actor.userId }),
            );
          if (what === "tick") scheduler.advance(400);
        }
        scheduler.advance(2000);
        const truth = service.inspect();
        const seen = follow(view, sent);
        const ids = (members: readonly Member[]) => members.map((m) => m.userId).sort();
        expect(ids(seen.stage)).toEqual(ids(truth.members.filter((m) => m.role !== "listener")));
        expect(ids(seen.audience)).toEqual(ids(truth.members.filter((m) => m.role === "listener")));
        expect(seen.audience).toEqual(
          [...seen.audience].sort((a, b) => a.joinedAt - b.joinedAt || (a.userId < b.userId ? -1 : 1)),
        );
        expect(seen.counts).toEqual(service.counts());
        expect(ids(seen.raisedHands)).toEqual([...truth.handQueue].sort());
        await service.shutdown();
      }),
      { numRuns: 60 },
    );
  });
});
