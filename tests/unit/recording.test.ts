import { describe, expect, it } from "vitest";
import { applyRoomCommand } from "../../server/domain/room-machine";
import { RtpClock, rtpPayload } from "../../server/media/rtp-clock";
import { byteRange } from "../../server/http/replay-audio";
import { SpeakerTimeline } from "../../server/rooms/speaker-timeline";
import { RoomRecorder } from "../../server/rooms/room-recorder";
import type { RecordingStore } from "../../server/rooms/recording-ports";
import type { RoomMediaPort } from "../../server/rooms/room-ports";
import { createLogger } from "../../server/logging/logger";
import { fakeMedia } from "./presence-fakes";
import { CLIP_MAX_MS, clipParam, parseClipParam } from "../../src/shared/protocol";
import { accepted, expectRefusal, host, lee, mia, sam, stagedRoom } from "./room-fixtures";

describe("[REC-UNIT] recording: the machine's rule, the timeline, the RTP clock, ranges and clips", () => {
  it("[REC-UNIT-1] the host starts and stops: one event and one recorder effect each; repeats are invalid_state", () => {
    const state = stagedRoom();
    const on = accepted(applyRoomCommand(state, host, { type: "set-recording", enabled: true }, 3000));
    expect(on.events).toEqual([{ type: "recording-changed", recording: true }]);
    expect(on.effects).toEqual([{ type: "start-recording" }]);
    expect(on.state.recording).toBe(true);
    expectRefusal(on.state, host, { type: "set-recording", enabled: true }, "invalid_state");
    const off = accepted(applyRoomCommand(on.state, host, { type: "set-recording", enabled: false }, 3001));
    expect(off.effects).toEqual([{ type: "stop-recording" }]);
    expectRefusal(off.state, host, { type: "set-recording", enabled: false }, "invalid_state");
  });

  it.each([
    ["a moderator", mia],
    ["a speaker", sam],
    ["a listener", lee],
  ] as const)("[REC-UNIT-2] %s cannot start recording: forbidden", (_label, actor) => {
    expectRefusal(stagedRoom(), actor, { type: "set-recording", enabled: true }, "forbidden");
  });

  it("[REC-UNIT-3] ending a recorded room stops the recorder; ending one that is not recorded does not", () => {
    const on = accepted(applyRoomCommand(stagedRoom(), host, { type: "set-recording", enabled: true }, 3000));
    const ended = accepted(applyRoomCommand(on.state, host, { type: "end" }, 3001));
    expect(ended.effects).toContainEqual({ type: "stop-recording" });
    const plain = accepted(applyRoomCommand(stagedRoom(), host, { type: "end" }, 3001));
    expect(plain.effects).not.toContainEqual({ type: "stop-recording" });
  });

  it("[REC-UNIT-4] the timeline keeps turns in ms from the start, drops blips and merges a speaker's turns", () => {
    const timeline = new SpeakerTimeline(10_000);
    timeline.speaker("a", "Ana", 10_000);
    timeline.speaker("b", "Ben", 14_000);
    timeline.speaker("a", "Ana", 14_300); // a 300 ms blip of Ben's
    timeline.speaker("b", "Ben", 20_000);
    expect(timeline.finish(25_000)).toEqual([
      { userId: "a", displayName: "Ana", startMs: 0, endMs: 10_000 },
      { userId: "b", displayName: "Ben", startMs: 10_000, endMs: 15_000 },
    ]);
  });

  it("[REC-UNIT-5] the RTP clock re-stamps real packets and fills silence per 20 ms of wall clock", () => {
    const clock = new RtpClock(100, 7, 0);
    const packet = Buffer.concat([
      Buffer.from([0x80, 100, 0, 1, 0, 0, 0x10, 0, 0, 0, 0, 9]),
      Buffer.from([1, 2, 3]),
    ]);
    const first = clock.real(packet, 0);
    expect(first && rtpPayload(first)).toEqual(Buffer.from([1, 2, 3]));
    expect(first?.readUInt32BE(4)).toBe(960);
    expect(clock.silence(40)).toEqual([]); // jitter, not silence
    const filled = clock.silence(100);
    expect(filled).toHaveLength(5);
    expect(filled.map((frame) => frame.readUInt32BE(4))).toEqual([1920, 2880, 3840, 4800, 5760]);
    // Back from silence: the producer's own jump is not added again.
    const later = Buffer.from(packet);
    later.writeUInt32BE(0x1000 + 48_000, 4);
    expect(clock.real(later, 105)?.readUInt32BE(4)).toBe(6720);
  });

  it("[REC-UNIT-6] byte ranges: start-end, open end, suffix; unsatisfiable ones are null", () => {
    expect(byteRange("bytes=10-49", 100)).toEqual({ start: 10, end: 49 });
    expect(byteRange("bytes=90-", 100)).toEqual({ start: 90, end: 99 });
    expect(byteRange("bytes=-20", 100)).toEqual({ start: 80, end: 99 });
    expect(byteRange("bytes=50-500", 100)).toEqual({ start: 50, end: 99 });
    expect(byteRange("bytes=100-", 100)).toBeNull();
    expect(byteRange("bytes=9-3", 100)).toBeNull();
    expect(byteRange("items=1-2", 100)).toBeNull();
  });

  it("[REC-UNIT-7] a clip link holds at most 60 s; longer, reversed or malformed ranges are refused", () => {
    expect(parseClipParam(clipParam({ startMs: 5000, endMs: 5000 + CLIP_MAX_MS }))).toEqual({
      startMs: 5000,
      endMs: 65_000,
    });
    expect(parseClipParam(`5000-${5001 + CLIP_MAX_MS}`)).toBeNull();
    expect(parseClipParam("9000-3000")).toBeNull();
    expect(parseClipParam("abc")).toBeNull();
    expect(parseClipParam(null)).toBeNull();
  });
});

describe("[REC-UNIT-REC] the room's recorder with a fake media port", () => {
  it("[REC-UNIT-8] records every producer (present and arriving) with its offset, keeps the timeline, mixes to the recorded duration", async () => {
    let now = 1_000_000;
    const stopped: string[] = [];
    const recorded: { producerId: string; path: string }[] = [];
    const port: RoomMediaPort = {
      ...fakeMedia(),
      listProducers: () => [{ producerId: "p1", userId: "ana" }],
      recordProducer: (producerId: string, path: string) => {
        recorded.push({ producerId, path });
        return Promise.resolve({
          startedAt: now,
          stop: () => Promise.resolve(void stopped.push(producerId)),
        });
      },
    };
    const rows: Record<string, unknown>[] = [];
    const mixes: { tracks: readonly { path: string; offsetMs: number }[]; durationMs: number }[] = [];
    const unused = () => Promise.reject(new Error("not used"));
    const store: RecordingStore = {
      create: () => Promise.resolve({ id: "rec1" }),
      stopped: (_id, input) => Promise.resolve(void rows.push(input)),
      finished: (_id, outcome) => Promise.resolve(void rows.push(outcome)),
      find: unused,
      forRoom: unused,
      publishedByHost: unused,
      setPublished: unused,
      delete: unused,
      failUnfinished: unused,
    };
    const directory = await import("node:fs/promises").then((fs) => fs.mkdtemp("/tmp/rec-unit-"));
    const recorder = new RoomRecorder(
      { roomId: "r1", hostId: () => "ana" },
      {
        store,
        directory,
        mix: (input) => Promise.resolve(void mixes.push(input)),
      },
      {
        port: () => port,
        activeSpeakerId: () => "ana",
        nameOf: (userId) => (userId === "ana" ? "Ana" : "Ben"),
      },
      createLogger("silent"),
      () => now,
    );
    expect(await recorder.apply({ type: "start-recording" })).toBe(true);
    now += 5000;
    recorder.producerAdded({ producerId: "p2", userId: "ben" });
    await new Promise((resolve) => setTimeout(resolve, 0));
    recorder.activeSpeaker("ben");
    now += 5000;
    expect(await recorder.apply({ type: "stop-recording" })).toBe(true);
    await recorder.settled();
    expect(recorded.map((entry) => entry.producerId)).toEqual(["p1", "p2"]);
    expect(new Set(recorded.map((entry) => entry.path)).size).toBe(2);
    expect(stopped.sort()).toEqual(["p1", "p2"]);
    expect(mixes).toHaveLength(1);
    expect(mixes[0]?.durationMs).toBe(10_000);
    expect(mixes[0]?.tracks.map((track) => track.offsetMs)).toEqual([0, 5000]);
    expect(rows[0]).toMatchObject({
      durationMs: 10_000,
      timeline: [
        { userId: "ana", displayName: "Ana", startMs: 0, endMs: 5000 },
        { userId: "ben", displayName: "Ben", startMs: 5000, endMs: 10_000 },
      ],
    });
    expect(rows[1]).toEqual({ status: "ready", fileName: "rec1/replay.ogg" });
    // Nothing more to record: a later producer gets no track.
    recorder.producerAdded({ producerId: "p3", userId: "cy" });
    expect(recorded).toHaveLength(2);
  });

  it("[REC-UNIT-9] without a recorder (no ffmpeg) starting is refused with a reason; stopping is not asked of it", () => {
    const recorder = new RoomRecorder(
      { roomId: "r1", hostId: () => "ana" },
      undefined,
      { port: () => fakeMedia(), activeSpeakerId: () => null, nameOf: () => "" },
      createLogger("silent"),
    );
    expect(() => recorder.assertAvailable({ type: "set-recording", enabled: true })).toThrow(/ffmpeg/);
    expect(() => recorder.assertAvailable({ type: "set-recording", enabled: false })).not.toThrow();
  });
});
