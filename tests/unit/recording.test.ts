import { describe, expect, it } from "vitest";
import { applyRoomCommand } from "../../server/domain/room-machine";
import { RtpClock, rtpPayload } from "../../server/media/rtp-clock";
import { byteRange } from "../../server/http/replay-audio";
import { SpeakerTimeline } from "../../server/rooms/speaker-timeline";
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
