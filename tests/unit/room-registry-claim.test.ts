import { describe, expect, it } from "vitest";
import { RoomRegistry } from "../../server/rooms/room-registry";
import { RoomOwnedElsewhere, type NodeAddress, type RoomOwnership } from "../../server/rooms/room-ownership";
import { FakeScheduler, openRoom, presenceDeps, recordingStore, type Sent } from "./presence-fakes";

type Claim = { ok: true } | { ok: false; owner: NodeAddress };

/** A lease store whose claims stay unanswered until the test answers them (a slow Redis round trip). */
function heldOwnership() {
  const answers: ((claim: Claim) => void)[] = [];
  const ownership: RoomOwnership = {
    claim: () => new Promise<Claim>((resolve) => answers.push(resolve)),
    release: async () => undefined,
    ownerOf: async () => null,
    onLost: () => undefined,
  };
  return { ownership, answer: (claim: Claim) => answers.shift()?.(claim) };
}

function registryWith(ownership: RoomOwnership): RoomRegistry {
  const { store } = recordingStore();
  const deps = presenceDeps(
    { ...store, findRoom: async () => openRoom, liveRoomIds: async () => [openRoom.id] },
    new FakeScheduler(),
    [] as Sent[],
  );
  return new RoomRegistry({ ...deps, ownership });
}

describe("room registry in cluster mode", () => {
  it("[CLUSTER-CLAIM-1] a room whose lease is still being claimed (the takeover sweep) is not running here", async () => {
    // Found by bench:storm-cluster at 8,000 guests: the sweep's claim of a room node-1 owns made
    // node-2 answer its members' joins itself, and refuse them with "running on another server".
    const { ownership, answer } = heldOwnership();
    const registry = registryWith(ownership);
    const starting = registry.get(openRoom.id);
    expect(registry.isHere(openRoom.id)).toBe(false);
    answer({ ok: false, owner: { nodeId: "node-1", url: "http://node-1" } });
    await expect(starting).rejects.toBeInstanceOf(RoomOwnedElsewhere);
    expect(registry.isHere(openRoom.id)).toBe(false);
  });

  it("[CLUSTER-CLAIM-2] once the lease is held, the starting room is here, and the same start is shared", async () => {
    const { ownership, answer } = heldOwnership();
    const registry = registryWith(ownership);
    const first = registry.get(openRoom.id);
    const second = registry.get(openRoom.id);
    answer({ ok: true });
    await Promise.resolve();
    await Promise.resolve();
    expect(registry.isHere(openRoom.id)).toBe(true);
    const [a, b] = await Promise.all([first, second]);
    expect(a).toBe(b);
    expect(a.roomId).toBe(openRoom.id);
    await registry.shutdown();
  });

  it("[CLUSTER-SWEEP-1] the takeover sweep claims a live room only after it has gone unleased for the grace (a holder takes back a lease a Redis restart lost first)", async () => {
    let claims = 0;
    let leased = true;
    const ownership: RoomOwnership = {
      claim: async () => {
        claims += 1;
        return { ok: true };
      },
      release: async () => undefined,
      ownerOf: async () => (leased ? { nodeId: "node-1", url: "" } : null),
      onLost: () => undefined,
    };
    const registry = registryWith(ownership);
    registry.sweepUnowned(20, 300);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(claims).toBe(0); // held by node-1
    leased = false; // Redis lost it, or node-1 died
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(claims).toBe(0); // missing, but not for the grace yet
    leased = true; // node-1 took it back: the wait starts over
    await new Promise((resolve) => setTimeout(resolve, 60));
    leased = false;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(claims).toBe(0);
    await expect.poll(() => claims, { timeout: 2_000, interval: 20 }).toBe(1);
    expect(registry.isHere(openRoom.id)).toBe(true);
    await registry.shutdown();
  });
});
