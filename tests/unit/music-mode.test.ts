import { describe, expect, it } from "vitest";
import { applyRoomCommand } from "../../server/domain/room-machine";
import { AudienceIndex } from "../../server/domain/audience-index";
import { roomViewFor } from "../../server/domain/room-view";
import { microphoneConstraints } from "../../src/features/room/microphone";
import { applyDelta, viewFromSnapshot } from "../../src/features/room/room-snapshot-reducer";
import { wantsMusicMode } from "../../src/features/room/speaker-microphone";
import { accepted, expectRefusal, host, lee, mia, sam, stagedRoom } from "./room-fixtures";

describe("[TS-MUSIC-UNIT] music mode: the host's room setting", () => {
  it("[TS-MUSIC-UNIT-1] the host turns music mode on and off: one event each, version +1, the state follows", () => {
    const state = stagedRoom();
    expect(state.musicMode).toBe(false);
    const on = accepted(applyRoomCommand(state, host, { type: "set-music-mode", enabled: true }, 3000));
    expect(on.events).toEqual([{ type: "music-mode-changed", musicMode: true }]);
    expect(on.effects).toEqual([]);
    expect(on.state.musicMode).toBe(true);
    expect(on.state.version).toBe(state.version + 1);
    const off = accepted(applyRoomCommand(on.state, host, { type: "set-music-mode", enabled: false }, 3001));
    expect(off.events).toEqual([{ type: "music-mode-changed", musicMode: false }]);
    expect(off.state.musicMode).toBe(false);
  });

  it("[TS-MUSIC-UNIT-2] switching to the mode the room is already in changes nothing (same state, no event)", () => {
    const state = stagedRoom();
    const result = accepted(applyRoomCommand(state, host, { type: "set-music-mode", enabled: false }, 3000));
    expect(result.state).toBe(state);
    expect(result.events).toEqual([]);
  });

  it.each([
    ["a moderator", mia],
    ["a speaker", sam],
    ["a listener", lee],
  ] as const)("[TS-MUSIC-UNIT-3] %s cannot switch music mode: forbidden", (_label, actor) => {
    const message = expectRefusal(
      stagedRoom(),
      actor,
      { type: "set-music-mode", enabled: true },
      "forbidden",
    );
    expect(message).toMatch(/Only the host/);
  });

  it("[TS-MUSIC-UNIT-4] the snapshot carries music mode and a client applies the delta", () => {
    const on = accepted(
      applyRoomCommand(stagedRoom(), host, { type: "set-music-mode", enabled: true }, 3000),
    );
    const state = stagedRoom();
    const fields = roomViewFor(state, AudienceIndex.of(state), { userId: "lee", followingIds: [] }, 50);
    expect(fields.musicMode).toBe(false);
    const view = viewFromSnapshot({ ...fields, producers: [], activeSpeakerId: null }, "lee");
    expect(view.musicMode).toBe(false);
    const next = applyDelta(view, {
      type: "music-mode-changed",
      payload: { version: on.state.version, musicMode: true },
    });
    expect(next.view.musicMode).toBe(true);
  });

  it("[TS-MUSIC-UNIT-5] the microphone opens without voice processing, in stereo, in music mode", () => {
    expect(microphoneConstraints(true)).toEqual({
      echoCancellation: false,
      noiseSuppression: false,
      autoGainControl: false,
      channelCount: 2,
    });
    expect(microphoneConstraints(false)).toMatchObject({ echoCancellation: true, channelCount: 1 });
  });
});

describe("[TS-MUSIC-OWN] a speaker's own microphone", () => {
  it("[TS-MUSIC-OWN-1] music mode applies when the room is in it or the speaker chose it", () => {
    expect(wantsMusicMode(false, false)).toBe(false);
    expect(wantsMusicMode(true, false)).toBe(true);
    expect(wantsMusicMode(false, true)).toBe(true);
    expect(wantsMusicMode(true, true)).toBe(true);
  });
});
