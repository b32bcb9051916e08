import { describe, expect, it } from "vitest";
import { RoomService } from "../../server/rooms/room-service";
import type { Actor } from "../../server/domain/room-state";
import { FakeScheduler, openRoom, presenceDeps, recordingStore, type Sent } from "./presence-fakes";

const host: Actor = { userId: "host", displayName: "Hana Host", isGuest: false };
const person = (userId: string): Actor => ({ userId, displayName: userId, isGuest: false });
const guest: Actor = { userId: "guest-1", displayName: "Guest 1", isGuest: true };

async function room() {
  const scheduler = new FakeScheduler();
  const sent: Sent[] = [];
  const recorded = recordingStore();
  const service = await RoomService.create(openRoom, presenceDeps(recorded.store, scheduler, sent));
  await service.join(host, "s-host");
  recorded.writes.length = 0;
  return { scheduler, service, writes: recorded.writes };
}

describe("[PRESENCE-WRITE] audience rows are written behind the join, in batches", () => {
  it("[PRESENCE-WRITE-1] a listener's join is answered before any write; the rows follow as one batch within a second", async () => {
    const { scheduler, service, writes } = await room();
    await service.join(person("ana"), "s-ana");
    await service.join(person("ben"), "s-ben");
    await service.join(guest, "s-guest");
    await service.leave(person("ana"), "s-ana");
    expect(writes).toEqual([]);
    scheduler.advance(1000);
    await new Promise((resolve) => setImmediate(resolve));
    // ana came and went inside the batch: her latest change is what is written. Guests are never stored.
    expect(writes).toEqual(["batch joined:ben,left:ana"]);
    await service.shutdown();
  });

  it("[PRESENCE-WRITE-2] a role change is written before commit, after that person's pending row", async () => {
    const { service, writes } = await room();
    await service.join(person("lee"), "s-lee");
    await service.act(host, "s-host", { type: "invite-to-speak", userId: "lee" });
    await service.act(person("lee"), "s-lee", { type: "respond-to-invitation", accept: true });
    expect(writes).toEqual(["batch joined:lee", "role lee listener", "role lee speaker"]);
    await service.shutdown();
  });

  it("[PRESENCE-WRITE-3] shutdown writes what is queued, so a clean restart loses nobody", async () => {
    const { service, writes } = await room();
    await service.join(person("ana"), "s-ana");
    await service.join(person("ben"), "s-ben");
    expect(writes).toEqual([]);
    await service.shutdown();
    expect(writes).toEqual(["batch joined:ana,joined:ben"]);
  });

  it("[PRESENCE-WRITE-4] a join does not wait on a slow database", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const scheduler = new FakeScheduler();
    const { store, writes } = recordingStore({ gate });
    const service = await RoomService.create(
      { ...openRoom, hostId: "someone-else" },
      presenceDeps(store, scheduler, []),
    );
    const joined = await service.join(person("ana"), "s-ana"); // resolves while every write is held
    expect(joined.snapshot.counts.audience).toBe(1);
    scheduler.advance(1000);
    expect(writes).toEqual([]);
    release();
    await service.shutdown();
    expect(writes).toEqual(["batch joined:ana"]);
  });
});
