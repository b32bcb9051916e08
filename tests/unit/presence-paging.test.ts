import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "../../server/domain/audience-cursor";
import { RoomService } from "../../server/rooms/room-service";
import { RoomError } from "../../server/rooms/room-ports";
import type { Actor } from "../../server/domain/room-state";
import { FakeScheduler, openRoom, presenceDeps, recordingStore, type Sent } from "./presence-fakes";

const host: Actor = { userId: "host", displayName: "Hana Host", isGuest: false };
const person = (userId: string): Actor => ({ userId, displayName: userId, isGuest: false });

async function room(options: { followingIds?: Record<string, string[]> } = {}) {
  const scheduler = new FakeScheduler();
  const sent: Sent[] = [];
  const { store } = recordingStore(options);
  const service = await RoomService.create(openRoom, presenceDeps(store, scheduler, sent));
  await service.join(host, "s-host");
  return { scheduler, sent, service };
}

describe("[PRESENCE-PAGE] the join snapshot is bounded and the audience is paged", () => {
  it("[PRESENCE-PAGE-1] a join into a room of 500 answers the stage, exact counts and a first page of 50, never the whole list", async () => {
    const { scheduler, service } = await room({ followingIds: { newcomer: ["p400", "p10", "host"] } });
    for (let i = 0; i < 500; i++) {
      await service.join(person(`p${i}`), `s-p${i}`);
      scheduler.advance(1);
    }
    const { snapshot } = await service.join(person("newcomer"), "s-new");
    expect(snapshot.stage.map((m) => m.userId)).toEqual(["host"]);
    expect(snapshot.counts).toEqual({ stage: 1, audience: 501, hands: 0 });
    expect(snapshot.audience.members).toHaveLength(50);
    expect(snapshot.audience.members[0]?.userId).toBe("p0");
    expect(snapshot.audience.nextCursor).not.toBeNull();
    // People the joiner follows come first, whenever they arrived (the host is on stage, not here).
    expect(snapshot.followedAudience.map((m) => m.userId)).toEqual(["p10", "p400"]);
    expect(snapshot.self?.userId).toBe("newcomer");
    expect(snapshot.raisedHands).toEqual([]);
    expect(JSON.stringify(snapshot).length).toBeLessThan(20_000);
    await service.shutdown();
  });

  it("[PRESENCE-PAGE-2] paging returns every audience member exactly once, in (joinedAt, userId) order, while people join and leave", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 1, max: 100 }),
        fc.array(fc.record({ join: fc.boolean(), who: fc.integer({ min: 0, max: 199 }) }), { maxLength: 60 }),
        async (initial, limit, churn) => {
          const { scheduler, service } = await room();
          for (let i = 0; i < initial; i++) {
            await service.join(person(`p${i}`), `s-p${i}`);
            if (i % 7 === 0) scheduler.advance(1); // some share a millisecond: the id breaks the tie
          }
          const reader = person("reader");
          await service.join(reader, "s-reader");
          const present = new Set(
            service
              .inspect()
              .members.filter((m) => m.role === "listener")
              .map((m) => m.userId),
          );
          const seen: string[] = [];
          let cursor: string | undefined;
          let churnAt = 0;
          for (;;) {
            const page = service.audience(reader, "s-reader", cursor, limit);
            seen.push(...page.members.map((m) => m.userId));
            // Between pages, some arrive and some leave.
            for (const change of churn.slice(churnAt, churnAt + 3)) {
              const who = person(`c${change.who}`);
              if (change.join) await service.join(who, `s-${who.userId}`);
              else await service.leave(who, `s-${who.userId}`);
              const leaver = person(`p${change.who}`);
              if (!change.join && change.who < initial) {
                await service.leave(leaver, `s-${leaver.userId}`);
                present.delete(leaver.userId);
              }
              scheduler.advance(1);
            }
            churnAt += 3;
            if (page.nextCursor === null) break;
            cursor = page.nextCursor;
          }
          expect(new Set(seen).size).toBe(seen.length);
          for (const userId of present) expect(seen).toContain(userId);
          // Nobody who stayed throughout is missed; newcomers may be seen too (they sort last).
          expect(seen.filter((id) => present.has(id))).toHaveLength(present.size);
          await service.shutdown();
        },
      ),
      { numRuns: 40 },
    );
  });

  it("[PRESENCE-PAGE-3] a cursor the server did not make is refused with invalid_input, never a silent restart", async () => {
    const { service } = await room();
    await service.join(person("lee"), "s-lee");
    for (const bad of [
      "nope!",
      encodeCursor({ joinedAt: 1, userId: "x" }).slice(0, 3),
      Buffer.from("12:bad id").toString("base64url"),
    ]) {
      const refusal = (() => {
        try {
          service.audience(person("lee"), "s-lee", bad, 10);
          return null;
        } catch (error) {
          return error;
        }
      })();
      expect(refusal).toBeInstanceOf(RoomError);
      expect(refusal).toMatchObject({ code: "invalid_input" });
    }
    expect(decodeCursor(encodeCursor({ joinedAt: 42, userId: "guest-1b2c" }))).toEqual({
      joinedAt: 42,
      userId: "guest-1b2c",
    });
    await service.shutdown();
  });

  it("[PRESENCE-PAGE-4] the hand queue is for hosts and moderators; others see only their own hand and the count", async () => {
    const { service } = await room();
    for (const id of ["lee", "liz"]) {
      await service.join(person(id), `s-${id}`);
      await service.act(person(id), `s-${id}`, { type: "raise-hand" });
    }
    const { snapshot: hosts } = await service.join(host, "s-host-2");
    expect(hosts.raisedHands.map((m) => m.userId)).toEqual(["lee", "liz"]);
    const { snapshot: lizs } = await service.join(person("liz"), "s-liz-2");
    expect(lizs.raisedHands.map((m) => m.userId)).toEqual(["liz"]);
    expect(lizs.counts.hands).toBe(2);
    expect(() => service.handQueue(person("liz"), "s-liz-2")).toThrow(RoomError);
    expect(service.handQueue(host, "s-host-2").map((m) => m.userId)).toEqual(["lee", "liz"]);
    await service.shutdown();
  });
});
