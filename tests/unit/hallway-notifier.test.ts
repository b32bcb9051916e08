import { describe, expect, it } from "vitest";
import type { HallwayCardPush } from "../../src/shared/protocol";
import { HallwayNotifier } from "../../server/rooms/hallway-notifier";
import type { HallwayPush } from "../../server/rooms/room-directory";
import { createLogger } from "../../server/logging/logger";
import { FakeScheduler } from "./presence-fakes";

const card = (listenerCount: number): HallwayCardPush => ({
  id: "r1",
  recording: false,
  title: "Open room",
  description: "",
  type: "open",
  topics: [],
  language: "en",
  hostId: "host",
  hostName: "Hana",
  startedAt: new Date(0).toISOString(),
  speakers: [],
  speakerCount: 1,
  listenerCount,
  stageUserIds: ["host"],
});

function harness(describeRoom: () => HallwayPush) {
  const scheduler = new FakeScheduler();
  const sent: { to: string; event: string; payload: unknown; except?: readonly string[] }[] = [];
  const notifier = new HallwayNotifier({
    broadcaster: {
      toHallway: (event, payload, except) =>
        void sent.push({ to: "hallway", event, payload, ...(except ? { except } : {}) }),
      toUser: (userId, event, payload) => void sent.push({ to: `user:${userId}`, event, payload }),
    },
    describe: async () => describeRoom(),
    logger: createLogger("silent"),
    scheduler,
  });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { scheduler, sent, notifier, settle };
}

describe("[HALL-PUSH] hallway pushes carry what changed, at most once per room per second", () => {
  it("[HALL-PUSH-1] an open room's card goes to every watcher but the people its host blocked; a burst costs one push a second", async () => {
    let listeners = 0;
    const { scheduler, sent, notifier, settle } = harness(() => ({
      kind: "card",
      card: card(listeners),
      hiddenFrom: ["troll"],
    }));
    for (let i = 0; i < 30; i++) {
      listeners++;
      notifier.changed("r1");
      await settle();
    }
    // The first change goes at once: the troll is told to drop the card (once), everyone else gets it.
    expect(sent.map((s) => `${s.to} ${s.event}`)).toEqual([
      "user:troll hallway:room-removed",
      "hallway hallway:room-updated",
    ]);
    scheduler.advance(1000);
    await settle();
    // The other 29 changes of that second: one card, with the latest counts.
    expect(sent).toHaveLength(3);
    expect(sent.at(-1)).toEqual({
      to: "hallway",
      event: "hallway:room-updated",
      payload: { room: card(30) },
      except: ["troll"],
    });
  });

  it("[HALL-PUSH-2] rooms whose visibility differs per viewer only say that something changed; a room gone is removed", async () => {
    let push: HallwayPush = { kind: "per-viewer" };
    const { scheduler, sent, notifier, settle } = harness(() => push);
    notifier.changed("r1");
    await settle();
    expect(sent).toEqual([
      { to: "hallway", event: "hallway:changed", payload: { at: scheduler.now(), roomId: "r1" } },
    ]);
    push = { kind: "gone" };
    scheduler.advance(1000);
    notifier.changed("r1");
    await settle();
    expect(sent.at(-1)).toEqual({ to: "hallway", event: "hallway:room-removed", payload: { roomId: "r1" } });
    notifier.close();
  });
});
