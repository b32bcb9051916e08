import { describe, expect, it } from "vitest";
import { ReactionTally } from "../../server/domain/reaction-tally";
import { RoomReactions } from "../../server/rooms/room-reactions";
import { RoomError } from "../../server/rooms/room-ports";
import { addCounts, MAX_FLOATING, planFloats } from "../../src/features/room/reaction-floats";
import { serverEvents } from "../../src/shared/protocol";
import { FakeScheduler } from "./presence-fakes";

const tally = () => new ReactionTally({ perMember: 5, perMs: 1000 });

describe("[TS-REACT-UNIT] reaction aggregation", () => {
  it("[TS-REACT-UNIT-1] counts a window's reactions per emoji and take() resets the window", () => {
    const t = tally();
    expect(t.take(0)).toBeNull();
    t.add("a", "👏", 0);
    t.add("b", "👏", 1);
    t.add("c", "🔥", 2);
    expect(t.pending).toBe(true);
    expect(t.take(3)).toEqual({ "👏": 2, "🔥": 1 });
    expect(t.pending).toBe(false);
    expect(t.take(4)).toBeNull();
    t.add("a", "💯", 600);
    expect(t.take(700)).toEqual({ "💯": 1 });
  });

  it("[TS-REACT-UNIT-2] a member gets 5 per second; the 6th is refused with the wait; a second later they may again", () => {
    const t = tally();
    for (let i = 0; i < 5; i++) expect(t.add("a", "👏", i * 10)).toEqual({ ok: true });
    expect(t.add("a", "👏", 100)).toEqual({ ok: false, retryAfterMs: 900 });
    expect(t.add("b", "👏", 100)).toEqual({ ok: true }); // others are not limited by a's taps
    expect(t.add("a", "👏", 1000)).toEqual({ ok: true }); // the first tap (at 0) is a second old
    expect(t.take(1001)).toEqual({ "👏": 7 });
  });

  it("[TS-REACT-UNIT-3] take() forgets members whose taps are over a second old (memory stays bounded)", () => {
    const t = tally();
    t.add("a", "👏", 0);
    t.add("b", "👏", 900);
    t.take(1000);
    expect(t.rememberedMembers).toBe(1);
    t.take(2000);
    expect(t.rememberedMembers).toBe(0);
  });

  it("[TS-REACT-UNIT-4] the room sends ONE room:reactions per 500 ms window with the totals, none when idle, none after close", () => {
    const scheduler = new FakeScheduler();
    const sent: { roomId: string; event: string; payload: unknown }[] = [];
    const reactions = new RoomReactions(
      "room-1",
      { toRoom: (roomId, event, payload) => void sent.push({ roomId, event, payload }) },
      scheduler,
      500,
    );
    expect(reactions.windowOpen).toBe(false);
    for (let i = 0; i < 1000; i++) reactions.react(`u${i}`, i % 2 === 0 ? "👏" : "❤️");
    expect(reactions.windowOpen).toBe(true);
    scheduler.advance(499);
    expect(sent).toHaveLength(0);
    scheduler.advance(1);
    expect(sent).toEqual([
      { roomId: "room-1", event: "room:reactions", payload: { counts: { "👏": 500, "❤️": 500 } } },
    ]);
    expect(serverEvents["room:reactions"].safeParse(sent[0]?.payload).success).toBe(true);
    scheduler.advance(5000);
    expect(sent).toHaveLength(1); // an idle room sends nothing and holds no timer
    expect(reactions.windowOpen).toBe(false);
    reactions.react("u1", "😂");
    reactions.close();
    scheduler.advance(1000);
    expect(sent).toHaveLength(1);
    expect(() => reactions.react("u2", "😂")).toThrow(RoomError);
  });

  it("[TS-REACT-UNIT-5] the 6th reaction within a second is refused as rate_limited with a sentence", () => {
    const scheduler = new FakeScheduler();
    const reactions = new RoomReactions("r", { toRoom: () => undefined }, scheduler, 500);
    for (let i = 0; i < 5; i++) reactions.react("a", "🔥");
    try {
      reactions.react("a", "🔥");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RoomError);
      expect(error).toMatchObject({ code: "rate_limited" });
      expect(error instanceof Error ? error.message : "").toMatch(/at most 5 a second/);
    }
  });
});

describe("[TS-REACT-FLOAT] floating emoji on screen", () => {
  const fixed = () => 0.5;
  it("[TS-REACT-FLOAT-1] small counts float one each", () => {
    const floats = planFloats({ "👏": 2, "🔥": 1 }, 0, 1, fixed);
    expect(floats.map((f) => f.emoji).sort()).toEqual(["👏", "👏", "🔥"].sort());
    expect(floats.map((f) => f.id)).toEqual([1, 2, 3]);
  });

  it("[TS-REACT-FLOAT-2] huge counts are capped at 30 on screen, every sent emoji still shows", () => {
    const floats = planFloats({ "👏": 5000, "❤️": 3000, "💯": 1 }, 0, 1, fixed);
    expect(floats).toHaveLength(MAX_FLOATING);
    expect(new Set(floats.map((f) => f.emoji))).toEqual(new Set(["👏", "❤️", "💯"]));
    expect(floats.filter((f) => f.emoji === "👏").length).toBeGreaterThan(
      floats.filter((f) => f.emoji === "❤️").length,
    );
  });

  it("[TS-REACT-FLOAT-3] only the room left under the cap is used; none when the screen is full", () => {
    expect(planFloats({ "👏": 100 }, 25, 1, fixed)).toHaveLength(5);
    expect(planFloats({ "👏": 100 }, MAX_FLOATING, 1, fixed)).toHaveLength(0);
  });

  it("[TS-REACT-FLOAT-4] the reduced-motion counter adds windows up", () => {
    expect(addCounts({ "👏": 2 }, { "👏": 3, "😂": 1 })).toEqual({ "👏": 5, "😂": 1 });
  });
});
