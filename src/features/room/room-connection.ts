import { Device } from "mediasoup-client";
import type { Socket } from "socket.io-client";
import { rtpCapabilitiesSchema, type ProducerInfo } from "@/shared/protocol";
import { onServerEvent } from "@/lib/socket-events";
import { request } from "@/lib/socket-request";
import { diagnoseAudio, type AudioDiagnostics } from "./audio-diagnostics";
import { AudioOutput } from "./audio-output";
export type { RoomPhase, RoomViewState } from "./room-view-state";
import { applyDelta, viewFromSnapshot, type RoomDelta } from "./room-snapshot-reducer";
import * as problems from "./room-problems";
import { subscribeRoomDeltas } from "./room-deltas";
import { INITIAL_ROOM_VIEW, type RoomViewState } from "./room-view-state";
import { RoomAudienceFeed } from "./room-audience-feed";
import { RoomReceiver } from "./room-receiver";
import { RoomCommands } from "./room-commands";
import { StageMicrophone } from "./stage-microphone";
import { createRoomSocket, watchSocketLifecycle } from "./room-socket-lifecycle";
import { watchMediaEvents } from "./room-media-events";
import { RoomTransports } from "./room-transports";
import { watchFirstAudio } from "./first-audio";
import { JoinFeed, type JoinAnswer } from "./join-feed";
import { JoinRetry } from "./join-retry";
export type { JoinAnswer } from "./join-feed";

/**
 * Everything one browser tab does in one room: the socket, the mediasoup-client Device, the
 * receiver (one receive transport with a consumer per speaker) and, on stage, the microphone.
 * The UI subscribes to a plain state object; it never touches transports. Features with their own
 * events (reactions, chat ...) use `socket` and `onJoined` instead of growing this class.
 */
export class RoomConnection {
  /** The room's socket, for feature modules: subscribe with `onServerEvent`, send with `request`. */
  readonly socket: Socket;
  private device: Device | null = null;
  private readonly transports: RoomTransports;
  private readonly receiver: RoomReceiver;
  /** The microphone on stage: mute, unmute, retry, the speaker's own music mode. */
  readonly mic: StageMicrophone;
  private readonly audio: AudioOutput;
  private state: RoomViewState = INITIAL_ROOM_VIEW;
  private joining: Promise<void> | null = null;
  private readonly joins = new JoinFeed(); // features told of every successful (re)join
  /** Counts joins, so a measurement of an earlier join stops when a rejoin replaces it. */
  private joinCount = 0;
  private closed = false;
  private frameMs = 20; // the room's Opus frame length, from the join answer
  private readonly retry = new JoinRetry();
  private readonly audienceFeed: RoomAudienceFeed;
  private restarting = false; // between `server:restarting` and the next successful join

  constructor(
    private readonly roomId: string,
    /** Null for a guest: the server assigns the id, learnt from the join answer. */
    private userId: string | null,
    private readonly onChange: (state: RoomViewState) => void,
    /** A closed room's share key from the link (the server lets a signed-in person in with it). */
    private readonly shareKey?: string,
  ) {
    this.audio = new AudioOutput((blocked) => this.update({ needsTapToListen: blocked }));
    this.socket = createRoomSocket();
    this.mic = new StageMicrophone({
      socket: this.socket,
      createSendTransport: () => this.transports.create("send"),
      me: () => this.me(),
      hasDevice: () => this.device !== null,
      frameMs: () => this.frameMs,
      roomMusicMode: () => this.state.snapshot?.musicMode ?? false,
      onSendFailed: () => this.update({ problem: { kind: "room", key: "micSendFailed" } }),
      onChange: (mic) => this.update(mic),
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
    watchSocketLifecycle(s, {
      isClosed: () => this.closed,
      isFinal: () => ["ended", "removed", "replaced"].includes(this.state.phase),
      isRestarting: () => this.restarting,
      join: () => void this.join(),
      update: (patch) => this.update(patch),
      restarting: (message) => {
        this.mic.rememberForRestart();
        this.restarting = true;
        this.update({ phase: "reconnecting", reconnectReason: message });
      },
    });
    watchMediaEvents(s, {
      receiver: this.receiver,
      selfId: () => this.userId,
      receiveAgain: (producers) => void this.receiveAgain(producers),
      rejoin: () => {
        this.update({ phase: "reconnecting", problem: null });
        void this.join();
      },
    });
    subscribeRoomDeltas(s, (delta) => this.applyDelta(delta));
    onServerEvent(s, "room:audience-changed", (payload) => this.audienceFeed.batch(payload));
    onServerEvent(s, "room:removed", ({ blocked }) => {
      this.closed = true;
      this.stopHere(problems.removedFromRoom(blocked));
    });
    onServerEvent(s, "room:active-speaker", ({ userId }) => {
      if (this.state.snapshot) this.update({ snapshot: { ...this.state.snapshot, activeSpeakerId: userId } });
    });
    onServerEvent(s, "account:sanctioned", (notice) => {
      this.closed = true;
      this.stopHere(problems.accountSanctioned(notice));
    });
    onServerEvent(s, "room:session-replaced", () => this.stopHere(problems.replacedElsewhere));
  }

  /** Calls `listener` with every successful (re)join's answer, and at once if joined now. */
  onJoined(listener: (answer: JoinAnswer) => void): () => void {
    return this.joins.subscribe(listener);
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
    void this.mic.syncWithRole();
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
      const answer = await request(this.socket, "room:join", {
        roomId: this.roomId,
        ...(this.shareKey ? { shareKey: this.shareKey } : {}),
      });
      const { snapshot, routerRtpCapabilities, you, audio } = answer;
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
      // Reports this join's wait for its first audio packet to the server's metrics, once.
      if (someoneSpeaking)
        watchFirstAudio({
          startedAt,
          stats: async () => (await this.receiver.stats()).stats,
          isCurrent: () => !this.closed && joinNumber === this.joinCount && this.device !== null,
          report: (ms) => void request(this.socket, "metrics:first-audio", { ms }).catch(() => undefined),
        });
      this.joins.joined(answer);
      await this.mic.syncWithRole();
      this.restarting = false;
      this.retry.joined();
      await this.mic.resumeAfterRestart();
    } catch (error) {
      this.update(problems.joinFailure(error));
      if (problems.joinWorthRetrying(error))
        this.retry.later(() => !this.closed && this.socket.connected && void this.join());
    }
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
    return this.receiver.consumerCount > 0 && this.othersSpeaking().length > 0;
  }

  private othersSpeaking() {
    return this.state.snapshot?.stage.filter((m) => m.userId !== this.userId && !m.muted) ?? [];
  }

  private me() {
    return this.state.snapshot?.self ?? null;
  }

  /** The room's commands (stage actions, ping, end); refusals show as the room's problem banner. */
  readonly commands = new RoomCommands(
    () => this.socket,
    (problem) => this.update(problem),
    () => this.state.problemNeedsVerification === true,
  );

  /** Live numbers and a plain diagnosis for the audio check panel. */
  async audioCheck(): Promise<AudioDiagnostics> {
    const { stats, state, trackOwners } = await this.receiver.stats();
    const speakers = this.othersSpeaking().length;
    return diagnoseAudio(stats, state, speakers, this.state.needsTapToListen, trackOwners);
  }

  setOutputDevice(deviceId: string): Promise<void> {
    return this.audio.setOutputDevice(deviceId);
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
    this.joins.lost();
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
