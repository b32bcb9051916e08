import { pino } from "pino";
import { describe, expect, it } from "vitest";
import {
  RoomStatsAggregator,
  mergeSamples,
  rebucket,
  statsOfEvents,
  summarizeSamples,
} from "../../server/domain/room-stats";
import { applyRoomCommand } from "../../server/domain/room-machine";
import { RoomStatsRecorder } from "../../server/rooms/room-stats-recorder";
import type { RoomStatsStore, StoredRoomStats } from "../../server/rooms/room-stats-ports";
import type { RoomStatsSample } from "../../src/shared/protocol";
import {
  bucketMinutesFor,
  durationParts,
  listenerPoints,
  niceMax,
  perBucket,
} from "../../src/features/room-stats/stats-series";
import { FakeScheduler } from "./presence-fakes";
import { accepted, fresh, host, lee, liz, run, sam } from "./room-fixtures";

const counts = (audience: number, stage = 1, hands = 0) => ({ audience, stage, hands });
const sample = (at: number, over: Partial<RoomStatsSample> = {}): RoomStatsSample => ({
  at,
  spanMs: 5000,
  listeners: 0,
  peakListeners: 0,
  stage: 1,
  joins: 0,
  leaves: 0,
  handsRaised: 0,
  handsUp: 0,
  reactions: 0,
  ...over,
});

describe("room stats aggregator", () => {
  it("[STATS-1] one span counts joins, leaves, hands and reactions, and keeps the peak between samples", () => {
    const stats = new RoomStatsAggregator({ sampleMs: 5000, now: 0, counts: counts(0) });
    stats.committed({ joins: 3, leaves: 0, handsRaised: 0, quiet: [] }, counts(3), 1000);
    stats.committed({ joins: 0, leaves: 2, handsRaised: 1, quiet: [] }, counts(1, 1, 1), 2000);
    stats.reacted();
    stats.reacted();
    const { sample: first, rewritten } = stats.sample(5000);
    expect(rewritten).toBe(false);
    expect(first).toEqual({
      at: 0,
      spanMs: 5000,
      listeners: 1,
      peakListeners: 3,
      stage: 1,
      joins: 3,
      leaves: 2,
      handsRaised: 1,
      handsUp: 1,
      reactions: 2,
    });
    // The next span starts empty, from the room as it is.
    const { sample: second } = stats.sample(10_000);
    expect(second).toMatchObject({
      at: 5000,
      joins: 0,
      leaves: 0,
      reactions: 0,
      listeners: 1,
      peakListeners: 1,
    });
  });

  it("[STATS-2] the floor's holder is credited until the voice changes, they mute, or the room stops", () => {
    const stats = new RoomStatsAggregator({ sampleMs: 5000, now: 0, counts: counts(0) });
    stats.floorTo("sam", "Sam", 1000);
    stats.floorTo("sam", "Sam", 2000); // the same voice again changes nothing
    stats.floorTo("hana", "Hana", 4000);
    expect(stats.speakers(5000)).toEqual([
      { userId: "sam", displayName: "Sam", speakingMs: 3000 },
      { userId: "hana", displayName: "Hana", speakingMs: 1000 },
    ]);
    // Hana mutes at 9 s: her clock stops although the media layer names nobody else.
    stats.committed({ joins: 0, leaves: 0, handsRaised: 0, quiet: ["hana"] }, counts(0), 9000);
    expect(stats.speakers(20_000).find((s) => s.userId === "hana")?.speakingMs).toBe(5000);
    // Sampling credits the running holder, so a reader sees it without waiting for a change.
    stats.floorTo("sam", "Sam", 20_000);
    stats.sample(25_000);
    expect(stats.takeChangedSpeakers()).toContainEqual({
      userId: "sam",
      displayName: "Sam",
      speakingMs: 8000,
    });
  });

  it("[STATS-3] past the cap the series merges into spans twice as long: bounded, totals and peak kept", () => {
    const stats = new RoomStatsAggregator({ sampleMs: 1000, maxSamples: 10, now: 0, counts: counts(0) });
    let rewrites = 0;
    for (let second = 1; second <= 1000; second++) {
      stats.committed(
        { joins: 1, leaves: 0, handsRaised: 0, quiet: [] },
        counts(second === 500 ? 999 : 5),
        0,
      );
      stats.reacted();
      if (stats.sample(second * 1000).rewritten) rewrites++;
      expect(stats.samples().length).toBeLessThanOrEqual(10);
    }
    const { peak, totals } = summarizeSamples(stats.samples());
    expect(totals.joins).toBe(1000);
    expect(totals.reactions).toBe(1000);
    expect(peak.listeners).toBe(999);
    // 1000 s in at most 10 rows: 128 s spans, reached after 7 doublings (one rewrite each).
    expect(stats.resolution).toBe(128_000);
    expect(rewrites).toBe(7);
    expect(stats.samples().length).toBeGreaterThanOrEqual(5);
    // Spans are contiguous: each starts where the previous ended.
    const rows = stats.samples();
    for (let i = 1; i < rows.length; i++) {
      const previous = rows[i - 1];
      const row = rows[i];
      if (previous && row) expect(row.at).toBe(previous.at + previous.spanMs);
    }
  });

  it("[STATS-4] merging keeps the end state of the later span and adds the counts", () => {
    const merged = mergeSamples(
      sample(0, { listeners: 4, peakListeners: 9, joins: 2, handsUp: 3 }),
      sample(5000, { listeners: 1, peakListeners: 2, joins: 1, leaves: 4, handsUp: 0 }),
    );
    expect(merged).toMatchObject({
      at: 0,
      spanMs: 10_000,
      listeners: 1,
      peakListeners: 9,
      joins: 3,
      leaves: 4,
      handsUp: 0,
    });
    expect(rebucket([sample(0), sample(5000), sample(10_000)], 0, 10_000).map((s) => s.at)).toEqual([
      0, 10_000,
    ]);
  });

  it("[STATS-5] a restarted room continues its series at the resolution it had reached", () => {
    const restored = {
      samples: [
        sample(0, { spanMs: 20_000 }),
        sample(20_000, { spanMs: 20_000 }),
        sample(40_000, { spanMs: 3000 }),
      ],
      speakers: [{ userId: "sam", displayName: "Sam", speakingMs: 4000 }],
    };
    const stats = new RoomStatsAggregator({ sampleMs: 5000, now: 60_000, counts: counts(2), restored });
    expect(stats.resolution).toBe(20_000);
    stats.sample(65_000);
    stats.sample(70_000);
    expect(stats.samples().map((s) => s.at)).toEqual([0, 20_000, 40_000, 60_000]);
    expect(stats.speakers(70_000)).toEqual(restored.speakers);
  });

  it("[STATS-6] the machine's events count as joins, leaves and raised hands; muting quiets the floor", () => {
    const before = run(fresh(), [
      [host, { type: "join" }],
      [sam, { type: "join" }],
    ]);
    const joined = accepted(applyRoomCommand(before, lee, { type: "join" }, 2000));
    expect(statsOfEvents(joined.events, before)).toMatchObject({ joins: 1, leaves: 0 });
    const raised = accepted(applyRoomCommand(joined.state, lee, { type: "raise-hand" }, 2001));
    expect(statsOfEvents(raised.events, joined.state).handsRaised).toBe(1);
    const left = accepted(applyRoomCommand(raised.state, lee, { type: "leave" }, 2002));
    expect(statsOfEvents(left.events, raised.state)).toMatchObject({ leaves: 1, quiet: ["lee"] });
    const unmuted = accepted(applyRoomCommand(raised.state, host, { type: "set-muted", muted: false }, 2003));
    expect(statsOfEvents(unmuted.events, raised.state).quiet).not.toContain("host");
    const muted = accepted(applyRoomCommand(unmuted.state, host, { type: "set-muted", muted: true }, 2004));
    expect(statsOfEvents(muted.events, unmuted.state).quiet).toContain("host");
    const other = accepted(applyRoomCommand(before, liz, { type: "join" }, 2004));
    expect(statsOfEvents(other.events, before).handsRaised).toBe(0);
  });
});

/** A store that keeps writes in memory and can be told to fail. */
function memoryStore(): RoomStatsStore & { kept: StoredRoomStats; writes: number; failing: boolean } {
  const store = {
    kept: { samples: [] as RoomStatsSample[], speakers: [] as StoredRoomStats["speakers"] },
    writes: 0,
    failing: false,
    load: () => Promise.resolve(store.kept),
    saveSamples(_room: string, rows: readonly RoomStatsSample[]) {
      store.writes++;
      if (store.failing) return Promise.reject(new Error("disk full"));
      const byAt = new Map(store.kept.samples.map((row) => [row.at, row]));
      for (const row of rows) byAt.set(row.at, row);
      store.kept.samples = [...byAt.values()].sort((a, b) => a.at - b.at);
      return Promise.resolve();
    },
    replaceSamples(_room: string, rows: readonly RoomStatsSample[]) {
      store.writes++;
      store.kept.samples = [...rows];
      return Promise.resolve();
    },
    saveSpeakers(_room: string, speakers: StoredRoomStats["speakers"]) {
      const byId = new Map(store.kept.speakers.map((s) => [s.userId, s]));
      for (const speaker of speakers) byId.set(speaker.userId, speaker);
      store.kept.speakers = [...byId.values()];
      return Promise.resolve();
    },
  };
  return store;
}

describe("room stats recorder", () => {
  const logger = pino({ level: "silent" });

  it("[STATS-7] samples on its clock and writes in batches, not per sample; closing writes the last span", async () => {
    const scheduler = new FakeScheduler();
    const store = memoryStore();
    const recorder = new RoomStatsRecorder(
      "r1",
      { store, sampleMs: 5000, writeEvery: 3 },
      logger,
      () => "Sam",
      counts(0),
      scheduler,
    );
    await recorder.start(counts(0));
    recorder.reacted();
    scheduler.advance(10_000);
    expect(store.writes).toBe(0);
    expect(recorder.snapshot().samples).toHaveLength(2);
    scheduler.advance(5000);
    await Promise.resolve();
    expect(store.writes).toBe(1);
    expect(store.kept.samples).toHaveLength(3);
    recorder.activeSpeaker("sam");
    scheduler.advance(2000);
    await recorder.close();
    await recorder.close(); // twice is harmless
    expect(store.kept.samples).toHaveLength(4);
    expect(store.kept.samples[3]?.spanMs).toBe(2000);
    expect(store.kept.speakers).toEqual([{ userId: "sam", displayName: "Sam", speakingMs: 2000 }]);
    expect(summarizeSamples(store.kept.samples).totals.reactions).toBe(1);
  });

  it("[STATS-8] a failed write is kept and retried with the next batch", async () => {
    const scheduler = new FakeScheduler();
    const store = memoryStore();
    store.failing = true;
    const recorder = new RoomStatsRecorder(
      "r1",
      { store, sampleMs: 1000, writeEvery: 2 },
      logger,
      () => "x",
      counts(0),
      scheduler,
    );
    await recorder.start(counts(0));
    scheduler.advance(2000);
    await recorder.write();
    expect(store.kept.samples).toHaveLength(0);
    store.failing = false;
    scheduler.advance(2000);
    await recorder.write();
    expect(store.kept.samples.map((s) => s.at)).toEqual([1_000_000, 1_001_000, 1_002_000, 1_003_000]);
  });
});

describe("room stats chart series", () => {
  it("[STATS-9] joins and leaves per minute, on clock minutes, with empty minutes as zero; buckets grow for long rooms", () => {
    const minute = 60_000;
    const base = 100 * minute;
    const rows = [
      sample(base + 10_000, { joins: 2 }),
      sample(base + 50_000, { joins: 1, leaves: 1, reactions: 4 }),
      sample(base + 3 * minute + 5000, { leaves: 2, handsRaised: 1 }),
    ];
    expect(perBucket(rows, 1)).toEqual([
      { at: base, joins: 3, leaves: 1, handsRaised: 0, reactions: 4 },
      { at: base + minute, joins: 0, leaves: 0, handsRaised: 0, reactions: 0 },
      { at: base + 2 * minute, joins: 0, leaves: 0, handsRaised: 0, reactions: 0 },
      { at: base + 3 * minute, joins: 0, leaves: 2, handsRaised: 1, reactions: 0 },
    ]);
    expect(bucketMinutesFor(0, 30 * minute)).toBe(1);
    expect(bucketMinutesFor(0, 3 * 60 * minute)).toBe(5);
    expect(bucketMinutesFor(0, 3 * 24 * 60 * minute)).toBe(120);
  });

  it("[STATS-10] listener points start from the room before the first span; axis tops are round", () => {
    const points = listenerPoints([
      sample(0, { listeners: 3, joins: 3 }),
      sample(5000, { listeners: 2, leaves: 1 }),
    ]);
    expect(points).toEqual([
      { at: 0, value: 0 },
      { at: 5000, value: 3 },
      { at: 10_000, value: 2 },
    ]);
    expect([0, 1, 3, 7, 12, 180, 999].map(niceMax)).toEqual([1, 1, 5, 10, 20, 200, 1000]);
    expect(durationParts(3_725_400)).toEqual({ hours: 1, minutes: 2, seconds: 5 });
  });
});
