import type { Socket } from "socket.io-client";
import type { types as clientTypes } from "mediasoup-client";
import type { Member } from "@/shared/protocol";
import { request } from "@/lib/socket-request";
import { SpeakerMicrophone, wantsMusicMode, type MicrophoneState } from "./speaker-microphone";

type Deps = {
  socket: Socket;
  createSendTransport: () => Promise<clientTypes.Transport>;
  /** This person in the room as the latest snapshot has them (null before the join). */
  me: () => Member | null;
  hasDevice: () => boolean;
  frameMs: () => number;
  roomMusicMode: () => boolean;
  onSendFailed: () => void;
  onChange: (patch: Partial<MicrophoneState & { ownMusicMode: boolean }>) => void;
};

/**
 * The microphone as the stage sees it: opened when someone is on stage, closed when they leave it,
 * muted and unmuted through the room (so everyone sees the same state), in music mode when the room
 * or the speaker asks for it, and unmuted again after a drained restart if it was live.
 */
export class StageMicrophone {
  private readonly mic: SpeakerMicrophone;
  private ownMusicMode = false;
  private unmuteAfterRestart = false;

  constructor(private readonly deps: Deps) {
    this.mic = new SpeakerMicrophone({
      createSendTransport: deps.createSendTransport,
      muteInRoom: async () => {
        if (deps.me()?.muted === false) await request(deps.socket, "room:set-muted", { muted: true });
      },
      onSendFailed: deps.onSendFailed,
      onChange: deps.onChange,
      frameMs: deps.frameMs,
      musicMode: () => wantsMusicMode(deps.roomMusicMode(), this.ownMusicMode),
    });
  }

  /**
   * On stage and not yet sending: open the mic and publish (paused while muted). A microphone with
   * a standing problem waits for the person ("Try again" or Unmute) instead of prompting again.
   */
  async syncWithRole(): Promise<void> {
    const me = this.deps.me();
    if (me === null || me.role === "listener") {
      this.mic.leaveStage();
      return;
    }
    if (this.mic.needsReopen && this.deps.hasDevice()) {
      await this.mic.reopen(me.muted);
      return;
    }
    if (this.mic.publishing || this.mic.hasProblem || !this.deps.hasDevice()) return;
    await this.mic.start(me.muted);
  }

  /** "Try again" after a microphone problem: opens it again, still muted. */
  async retry(): Promise<void> {
    if (!this.deps.hasDevice() || this.deps.me()?.role === "listener") return;
    await this.mic.retry();
  }

  async setMuted(muted: boolean): Promise<void> {
    if (!muted && !this.mic.publishing) {
      // Unmuting with no working microphone: try to open it first, and stay muted if it fails,
      // so the room never shows a live speaker who sends nothing.
      await this.mic.retry();
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- retry() is what changes it
      if (!this.mic.publishing) return;
    }
    await request(this.deps.socket, "room:set-muted", { muted });
    if (muted) this.mic.pause();
    else this.mic.resume();
  }

  /** A speaker switches their own microphone to music mode (or back); it reopens to match. */
  async setOwnMusicMode(on: boolean): Promise<void> {
    this.ownMusicMode = on;
    this.deps.onChange({ ownMusicMode: on });
    await this.syncWithRole();
  }

  /** The server is restarting: a speaker who is live now is unmuted again after the rejoin. */
  rememberForRestart(): void {
    const me = this.deps.me();
    this.unmuteAfterRestart = me !== null && me.role !== "listener" && !me.muted;
  }

  /** Back after a restart: a speaker who was unmuted is unmuted again (still on stage, mic open). */
  async resumeAfterRestart(): Promise<void> {
    if (!this.unmuteAfterRestart) return;
    this.unmuteAfterRestart = false;
    const me = this.deps.me();
    if (me && me.role !== "listener" && me.muted && this.mic.publishing) await this.setMuted(false);
  }

  stop(): void {
    this.mic.stop();
  }
}
