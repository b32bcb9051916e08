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
    onLost: () => undefined,
  };
  return { ownership, answer: (claim: Claim) => answers.shift()?.(claim) };
}

function registryWith(ownership: RoomOwnership): RoomRegistry {
  const { store } = recordingStore();
  const deps = presenceDeps({ ...store, findRoom: async () => openRoom }, new FakeScheduler(), [] as Sent[]);
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
});
