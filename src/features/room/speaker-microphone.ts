import type { types as clientTypes } from "mediasoup-client";
import { openMicrophone } from "./microphone";
import type { MicrophoneProblem } from "./microphone-problems";

const OPUS_VOICE = { opusStereo: false, opusDtx: true, opusFec: true, opusMaxPlaybackRate: 48000 } as const;
/**
 * Music mode: stereo at 128 kb/s, in-band FEC kept (a lost packet is worse in music), DTX off (it
 * cuts quiet passages and note tails as if they were silence).
 */
const OPUS_MUSIC = {
  opusStereo: true,
  opusDtx: false,
  opusFec: true,
  opusMaxPlaybackRate: 48000,
  opusMaxAverageBitrate: 128_000,
} as const;

/** Music mode is on for a microphone when the room is in it or the speaker chose it for their own. */
export function wantsMusicMode(room: boolean, own: boolean): boolean {
  return room || own;
}

export type MicrophoneState = { micLive: boolean; micProblem: MicrophoneProblem | null };

type Deps = {
  /** A fresh send transport from the server (it replaces any earlier one there). */
  createSendTransport: () => Promise<clientTypes.Transport>;
  /**
   * Tells the room this speaker is muted. Called whenever the microphone fails, so the room never
   * shows a speaker as live while nothing can be sent.
   */
  muteInRoom: () => Promise<void>;
  /** The microphone opened but the server would not take its audio (not a device problem). */
  onSendFailed: () => void;
  onChange: (state: MicrophoneState) => void;
  /** The room's Opus frame length in ms; longer frames mean fewer packets for every listener. */
  frameMs: () => number;
  /** Whether the microphone should be in music mode (the room's switch, or the speaker's own). */
  musicMode: () => boolean;
};

/**
 * A speaker's microphone in one room: opens it, publishes it (paused while muted), and turns every
 * failure (refused, missing, unplugged mid-talk) into a standing problem plus "muted" in the room.
 * A standing problem is not retried by itself (that would re-prompt on every room update); the
 * person retries with "Try again" or by unmuting.
 */
export class SpeakerMicrophone {
  private sendTransport: clientTypes.Transport | null = null;
  private producer: clientTypes.Producer | null = null;
  private opening: Promise<void> | null = null;
  private problem: MicrophoneProblem | null = null;
  private last: MicrophoneState | null = null;
  /** The mode the published microphone was opened in. */
  private openedForMusic = false;

  constructor(private readonly deps: Deps) {}

  get publishing(): boolean {
    return this.producer !== null && !this.producer.closed;
  }

  get hasProblem(): boolean {
    return this.problem !== null;
  }

  /** Opens and publishes unless already publishing; `muted` starts the producer paused. */
  start(muted: boolean): Promise<void> {
    if (this.publishing) return Promise.resolve();
    this.opening ??= this.open(muted).finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  /** Publishing in the other mode than the one wanted now (the host switched music mode). */
  get needsReopen(): boolean {
    return this.publishing && this.openedForMusic !== this.deps.musicMode();
  }

  /** Opens the microphone again in the wanted mode (new track, new producer), muted or not as before. */
  reopen(muted: boolean): Promise<void> {
    if (this.opening) return this.opening;
    this.close();
    return this.start(muted);
  }

  /** "Try again": forget the standing problem and open again, still muted. */
  retry(): Promise<void> {
    this.problem = null;
    this.emit();
    return this.start(true);
  }

  private async open(muted: boolean): Promise<void> {
    const music = this.deps.musicMode();
    const mic = await openMicrophone(music);
    if ("problem" in mic) return this.fail(mic.problem);
    try {
      this.sendTransport = await this.deps.createSendTransport();
      // Chromium honours the ptime the answer carries (mediasoup-client puts opusPtime there).
      const frameMs = this.deps.frameMs();
      const opus = music ? OPUS_MUSIC : OPUS_VOICE;
      const codecOptions = frameMs === 20 ? opus : { ...opus, opusPtime: frameMs };
      const producer = await this.sendTransport.produce({ track: mic.track, codecOptions, stopTracks: true });
      this.producer = producer;
      this.openedForMusic = music;
      if (muted) producer.pause();
      // An unplugged headset or a revoked permission ends the track: mute, never a silent "live" speaker.
      producer.on("trackended", () => {
        if (this.producer === producer) void this.fail("unplugged");
      });
      this.problem = null;
      this.emit(!muted);
    } catch {
      mic.track.stop();
      this.close();
      this.emit();
      this.deps.onSendFailed();
    }
  }

  private async fail(problem: MicrophoneProblem): Promise<void> {
    this.close();
    this.problem = problem;
    this.emit();
    await this.deps.muteInRoom().catch(() => undefined);
  }

  pause(): void {
    this.producer?.pause();
    this.emit(false);
  }

  resume(): void {
    this.producer?.resume();
    this.emit(this.publishing);
  }

  /**
   * Stops sending (leaving, or a rejoin about to make new transports). A standing problem stays, so
   * a rejoin does not prompt for a refused microphone again.
   */
  stop(): void {
    this.close();
    this.emit();
  }

  /** Back in the audience: nothing to send and nothing to fix. */
  leaveStage(): void {
    this.close();
    this.problem = null;
    this.emit();
  }

  private close(): void {
    this.producer?.close();
    this.producer = null;
    this.sendTransport?.close();
    this.sendTransport = null;
  }

  /** Reports only changes: the room calls into here on every room update. */
  private emit(live = false): void {
    if (this.last?.micLive === live && this.last.micProblem === this.problem) return;
    this.last = { micLive: live, micProblem: this.problem };
    this.deps.onChange(this.last);
  }
}
