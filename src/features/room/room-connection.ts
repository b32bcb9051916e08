import { Device } from "mediasoup-client";
import { io, type Socket } from "socket.io-client";
import {
  CONNECT_REFUSAL_MESSAGES,
  connectRefusalOf,
  rtpCapabilitiesSchema,
  type ProducerInfo,
  type ReactionCounts,
  type ReactionEmoji,
} from "@/shared/protocol";
import { onServerEvent } from "@/lib/socket-events";
import { CommandError, request } from "@/lib/socket-request";
import { diagnoseAudio, type AudioDiagnostics } from "./audio-diagnostics";
import { AudioOutput } from "./audio-output";
export type { RoomPhase, RoomViewState } from "./room-view-state";
import { applyDelta, viewFromSnapshot, type RoomDelta } from "./room-snapshot-reducer";
import {
  accountSanctioned,
  joinFailure,
  removedFromRoom,
  replacedElsewhere,
  signInToJoin,
} from "./room-problems";
import { subscribeRoomDeltas } from "./room-deltas";
import type { RoomViewState } from "./room-view-state";
import { RoomAudienceFeed } from "./room-audience-feed";
import { RoomReceiver } from "./room-receiver";
import { runStageAction, type StageAction } from "./stage-actions";
import { SpeakerMicrophone, wantsMusicMode } from "./speaker-microphone";
import { RoomTransports } from "./room-transports";
import { watchFirstAudio } from "./first-audio";

/**
 * Everything one browser tab does in one room: the socket, the mediasoup-client Device, the
 * receiver (one receive transport with a consumer per speaker) and, on stage, the microphone.
 * The UI subscribes to a plain state object; it never touches sockets or transports.
 */
export class RoomConnection {
  private readonly socket: Socket;
  private device: Device | null = null;
  private readonly transports: RoomTransports;
  private readonly receiver: RoomReceiver;
  private readonly mic: SpeakerMicrophone;
  private readonly audio: AudioOutput;
  private state: RoomViewState = {
    phase: "connecting",
    snapshot: null,
    problem: null,
    micLive: false,
    micProblem: null,
    needsTapToListen: false,
    ownMusicMode: false,
    selfId: null,
    reconnectReason: null,
  };
  private joining: Promise<void> | null = null;
  /** Whoever shows the room's reactions (the overlay); told each window's counts. */
  private readonly reactionListeners = new Set<(counts: ReactionCounts) => void>();
  /** Counts joins, so a measurement of an earlier join stops when a rejoin replaces it. */
  private joinCount = 0;
  private closed = false;
  /** The room's Opus frame length (from the join answer). */
  private frameMs = 20;
  private readonly audienceFeed: RoomAudienceFeed;
  /**
   * Told the server is restarting while speaking unmuted: after the rejoin (the next process brings
   * everyone back muted) the microphone is unmuted again, as the person left it.
   */
  private unmuteAfterRestart = false;
  /** Between `server:restarting` and the next successful join. */
  private restarting = false;

  constructor(
    private readonly roomId: string,
    /** Null for a guest: the server assigns the id, learnt from the join answer. */
    private userId: string | null,
    private readonly onChange: (state: RoomViewState) => void,
    /** A closed room's share key from the link (the server lets a signed-in person in with it). */
    private readonly shareKey?: string,
  ) {
    this.audio = new AudioOutput((blocked) => this.update({ needsTapToListen: blocked }));
    this.mic = new SpeakerMicrophone({
      createSendTransport: () => this.transports.create("send"),
      muteInRoom: async () => {
        if (this.me()?.muted === false) await request(this.socket, "room:set-muted", { muted: true });
      },
      onSendFailed: () => this.update({ problem: "Could not start your microphone on the server." }),
      onChange: (mic) => this.update(mic),
      frameMs: () => this.frameMs,
      musicMode: () => wantsMusicMode(this.state.snapshot?.musicMode ?? false, this.state.ownMusicMode),
    });
    // Retries quickly and often (at most 2 s apart): after a restart the next process is usually
    // listening within seconds, and the member should be back in the room right after.
    this.socket = io({
      transports: ["websocket", "polling"],
      autoConnect: false,
      reconnectionDelay: 500,
      reconnectionDelayMax: 2000,
    });
    this.transports = new RoomTransports({
      socket: this.socket,
      device: () => this.device,
      expectsAudio: () => this.expectsAudio(),
      isClosed: () => this.closed,
      onReconnecting: () => this.update({ phase: "reconnecting" }),
      onRecovered: () => this.update({ phase: "joined", problem: null }),
      rejoin: () => this.join(),
    });
    this.receiver = new RoomReceiver({
      socket: this.socket,
      audio: this.audio,
      device: () => this.device,
      createRecvTransport: () => this.transports.create("recv"),
      selfId: () => this.userId,
      onProblem: (problem) => this.update({ problem }),
    });
    this.audienceFeed = new RoomAudienceFeed(
      this.socket,
      () => this.state.snapshot,
      (snapshot) => this.update({ snapshot }),
    );
    this.listen();
  }

  start(): void {
    this.socket.connect();
  }

  private update(patch: Partial<RoomViewState>): void {
    this.state = { ...this.state, ...patch };
    this.onChange(this.state);
  }

  private listen(): void {
    const s = this.socket;
    s.on("connect", () => void this.join());
    s.on("disconnect", (reason) => {
      if (this.closed || ["ended", "removed", "replaced"].includes(this.state.phase)) return;
      this.update({ phase: "reconnecting" });
      // Socket.IO retries by itself after network trouble, but not when the server closed the
      // connection (a restart or redeploy): then we retry, and rejoin on `connect`.
      if (reason === "io server disconnect") setTimeout(() => !this.closed && this.socket.connect(), 1000);
    });
    s.on("connect_error", (error) => {
      const refusal = connectRefusalOf(error);
      if (refusal === "unauthorized") this.update(signInToJoin);
      else if (refusal === "too_many_connections") {
        // Refused at the door, so Socket.IO will not retry: try again once others may have left.
        this.update({ phase: "reconnecting", problem: CONNECT_REFUSAL_MESSAGES.too_many_connections });
        setTimeout(() => !this.closed && !this.socket.connected && this.socket.connect(), 15_000);
      } else if (!this.restarting)
        this.update({ phase: "reconnecting", problem: "Cannot reach the server. Retrying…" });
    });
    onServerEvent(s, "server:restarting", ({ message }) => {
      const me = this.me();
      this.unmuteAfterRestart = me !== null && me.role !== "listener" && !me.muted;
      this.restarting = true;
      this.update({ phase: "reconnecting", reconnectReason: message });
    });
    subscribeRoomDeltas(s, (delta) => this.applyDelta(delta));
    onServerEvent(s, "room:audience-changed", (payload) => this.audienceFeed.batch(payload));
    onServerEvent(s, "room:reactions", ({ counts }) => {
      for (const listener of this.reactionListeners) listener(counts);
    });
    onServerEvent(s, "room:removed", ({ blocked }) => {
      this.closed = true;
      this.stopHere(removedFromRoom(blocked));
    });
    onServerEvent(s, "media:reset", (reset) => {
      if (reset.reason === "receive-moved") {
        // Only the worker we received from died: receive again elsewhere, the microphone stays live.
        void this.receiveAgain(reset.producers);
        return;
      }
      // The media server behind this room restarted: same room, same role; new transports.
      this.update({ phase: "reconnecting", problem: null });
      void this.join();
    });
    onServerEvent(s, "room:active-speaker", ({ userId }) => {
      if (this.state.snapshot) this.update({ snapshot: { ...this.state.snapshot, activeSpeakerId: userId } });
    });
    onServerEvent(s, "account:sanctioned", (notice) => {
      this.closed = true;
      this.stopHere(accountSanctioned(notice));
    });
    onServerEvent(s, "room:session-replaced", () => this.stopHere(replacedElsewhere));
    onServerEvent(s, "media:producer-added", ({ producerId, userId }) => {
      if (userId !== this.userId) void this.receiver.consume(producerId, userId);
    });
    onServerEvent(s, "media:producer-closed", ({ producerId }) => this.receiver.producerClosed(producerId));
    onServerEvent(s, "media:consumer-closed", ({ consumerId }) => this.receiver.consumerClosed(consumerId));
  }

  private applyDelta(delta: RoomDelta): void {
    const view = this.state.snapshot;
    if (!view) return;
    const result = applyDelta(view, delta);
    if (result.gap) {
      // We missed an update: ask for the whole room again rather than show something wrong.
      void this.join();
      return;
    }
    this.update({
      snapshot: result.view,
      ...(result.view.status === "ended" ? { phase: "ended" as const } : {}),
    });
    if (result.view.status === "ended") {
      this.teardownMedia();
      return;
    }
    this.audienceFeed.roleChanged(view, result.view);
    void this.syncMicWithRole();
  }

  /** Loads the next audience page (the list asks as it scrolls near its end). */
  loadMoreAudience(): Promise<void> {
    return this.audienceFeed.loadMore();
  }

  /** (Re)joins: fresh snapshot, fresh transports, a consumer per live producer. */
  private join(): Promise<void> {
    this.joining ??= this.doJoin().finally(() => {
      this.joining = null;
    });
    return this.joining;
  }

  private async doJoin(): Promise<void> {
    try {
      this.teardownMedia();
      const startedAt = performance.now();
      const joinNumber = ++this.joinCount;
      const { snapshot, routerRtpCapabilities, you, audio } = await request(this.socket, "room:join", {
        roomId: this.roomId,
        ...(this.shareKey ? { shareKey: this.shareKey } : {}),
      });
      this.userId = you.userId;
      this.frameMs = audio.frameMs;
      const device = new Device();
      await device.load({ routerRtpCapabilities: rtpCapabilitiesSchema.parse(routerRtpCapabilities) });
      this.device = device;
      this.update({
        phase: "joined",
        snapshot: viewFromSnapshot(snapshot, you.userId),
        problem: null,
        selfId: you.userId,
        reconnectReason: null,
      });
      // Measured only when someone spoke at the moment of joining; a later first word is no join delay.
      const someoneSpeaking = snapshot.stage.some((m) => m.userId !== you.userId && !m.muted);
      await this.receiver.open(snapshot.producers);
      if (someoneSpeaking) this.measureFirstAudio(startedAt, joinNumber);
      await this.syncMicWithRole();
      this.restarting = false;
      await this.resumeAfterRestart();
    } catch (error) {
      this.update(joinFailure(error));
    }
  }

  /** Back after a restart: a speaker who was unmuted is unmuted again (still on stage, mic open). */
  private async resumeAfterRestart(): Promise<void> {
    if (!this.unmuteAfterRestart) return;
    this.unmuteAfterRestart = false;
    const me = this.me();
    if (me && me.role !== "listener" && me.muted && this.mic.publishing) await this.setMuted(false);
  }

  /** Reports this join's wait for its first audio packet to the server's metrics, once. */
  private measureFirstAudio(startedAt: number, joinNumber: number): void {
    watchFirstAudio({
      startedAt,
      stats: async () => (await this.receiver.stats()).stats,
      isCurrent: () => !this.closed && joinNumber === this.joinCount && this.device !== null,
      report: (ms) => void request(this.socket, "metrics:first-audio", { ms }).catch(() => undefined),
    });
  }

  /**
   * Only the worker we received from died: receive again elsewhere. The send side is not touched,
   * so a speaker whose receiving worker died keeps being heard.
   */
  private async receiveAgain(producers: readonly ProducerInfo[]): Promise<void> {
    if (this.closed || !this.device || this.joining) return;
    try {
      await this.receiver.reopen(producers);
    } catch {
      // Could not place a new receiver (e.g. every worker full): a full rejoin shows the reason.
      await this.join();
    }
  }

  /** Someone else on stage is unmuted and we receive them: the server is sending us audio. */
  private expectsAudio(): boolean {
    if (this.receiver.consumerCount === 0) return false;
    return this.state.snapshot?.stage.some((m) => m.userId !== this.userId && !m.muted) ?? false;
  }

  private me() {
    return this.state.snapshot?.self ?? null;
  }

  /**
   * On stage and not yet sending: open the mic and publish (paused while muted). A microphone with
   * a standing problem waits for the person ("Try again" or Unmute) instead of prompting again.
   */
  private async syncMicWithRole(): Promise<void> {
    const me = this.me();
    if (me === null || me.role === "listener") {
      this.mic.leaveStage();
      return;
    }
    if (this.mic.needsReopen && this.device) {
      await this.mic.reopen(me.muted);
      return;
    }
    if (this.mic.publishing || this.mic.hasProblem || !this.device) return;
    await this.mic.start(me.muted);
  }

  /** "Try again" after a microphone problem: opens it again, still muted. */
  async retryMicrophone(): Promise<void> {
    if (!this.device || this.me()?.role === "listener") return;
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
    await request(this.socket, "room:set-muted", { muted });
    if (muted) this.mic.pause();
    else this.mic.resume();
  }

  /** A speaker switches their own microphone to music mode (or back); it reopens to match. */
  async setOwnMusicMode(on: boolean): Promise<void> {
    this.update({ ownMusicMode: on });
    await this.syncMicWithRole();
  }

  /** Sends a reaction; a refusal (e.g. too many a second) is shown as the server's sentence. */
  async react(emoji: ReactionEmoji): Promise<void> {
    try {
      await request(this.socket, "room:react", { emoji });
    } catch (error) {
      this.update({ problem: error instanceof Error ? error.message : "That reaction did not go through." });
    }
  }

  /** Calls `listener` with every window of reactions the room sends; returns the unsubscribe. */
  onReactions(listener: (counts: ReactionCounts) => void): () => void {
    this.reactionListeners.add(listener);
    return () => void this.reactionListeners.delete(listener);
  }

  async endRoom(): Promise<void> {
    await request(this.socket, "room:end", {});
  }

  /**
   * Runs a stage command; a refusal is shown to the person as the server's sentence (e.g. "The
   * stage is full (20 of 20).") rather than thrown into the UI.
   */
  async perform(command: StageAction): Promise<void> {
    try {
      await runStageAction(this.socket, command);
      if (this.state.problemNeedsVerification)
        this.update({ problem: null, problemNeedsVerification: false });
    } catch (error) {
      this.update({
        problem: error instanceof Error ? error.message : "That did not work.",
        problemNeedsVerification: error instanceof CommandError && error.code === "verification_required",
      });
    }
  }

  /** Pings people into this room; the answer says, per person, pinged or why not (throws CommandError if refused as a whole). */
  ping(userIds: string[]) {
    return request(this.socket, "room:ping", { userIds });
  }

  /** Live numbers and a plain diagnosis for the audio check panel. */
  async audioCheck(): Promise<AudioDiagnostics> {
    const { stats, state, trackOwners } = await this.receiver.stats();
    const speakers =
      this.state.snapshot?.stage.filter((m) => m.userId !== this.userId && !m.muted).length ?? 0;
    return diagnoseAudio(stats, state, speakers, this.state.needsTapToListen, trackOwners);
  }

  setOutputDevice(deviceId: string): Promise<void> {
    return this.audio.setOutputDevice(deviceId);
  }

  dismissProblem(): void {
    this.update({ problem: null });
  }

  async tapToListen(): Promise<void> {
    await this.audio.resumeAll();
  }

  /** This page cannot stay in the room: say why, stop the audio and hang up. */
  private stopHere(why: Pick<RoomViewState, "phase" | "problem">): void {
    this.update(why);
    this.teardownMedia();
    this.socket.disconnect();
  }

  private teardownMedia(): void {
    this.receiver.close();
    this.mic.stop();
    this.device = null;
  }

  /** Leaves the room and closes everything (the server closes its side on leave/disconnect). */
  async leave(): Promise<void> {
    this.closed = true;
    this.audienceFeed.close();
    if (this.socket.connected) await request(this.socket, "room:leave", {}, 3000).catch(() => undefined);
    this.teardownMedia();
    this.audio.clear();
    this.socket.disconnect();
  }
}
