import { Device } from "mediasoup-client";
import type { types as clientTypes } from "mediasoup-client";
import { io, type Socket } from "socket.io-client";
import {
  CONNECT_REFUSAL_MESSAGES,
  connectRefusalOf,
  rtpCapabilitiesSchema,
  rtpParametersSchema,
  type ProducerInfo,
} from "@/shared/protocol";
import { onServerEvent } from "@/lib/socket-events";
import { CommandError, request } from "@/lib/socket-request";
import { diagnoseAudio, type AudioDiagnostics } from "./audio-diagnostics";
import { AudioOutput } from "./audio-output";
import type { MicrophoneProblem } from "./microphone-problems";
import { applyDelta, viewFromSnapshot, type RoomDelta, type RoomView } from "./room-snapshot-reducer";
import { RoomAudienceFeed } from "./room-audience-feed";
import { runStageAction, type StageAction } from "./stage-actions";
import { SpeakerMicrophone } from "./speaker-microphone";
import { restartIce, wireTransport } from "./transport-wiring";

export type RoomPhase =
  | "connecting"
  | "joined"
  | "reconnecting"
  | "ended"
  | "replaced"
  | "removed"
  | "unauthorized"
  | "full"
  | "failed";

export type RoomViewState = {
  phase: RoomPhase;
  /** The room as this page knows it (bounded: stage, loaded audience pages, counts). */
  snapshot: RoomView | null;
  /** A sentence for people when something is wrong; null when all is well. */
  problem: string | null;
  micLive: boolean;
  /** The speaker's microphone failed (they are muted in the room until it works); null when fine. */
  micProblem: MicrophoneProblem | null;
  needsTapToListen: boolean;
  /** Who this connection is in the room (set on join; guests learn their id here). */
  selfId: string | null;
};

/**
 * Everything one browser tab does in one room: the socket, the mediasoup-client Device, one
 * receive transport with a consumer per speaker, and (on stage) one send transport with the mic.
 * The UI subscribes to a plain state object; it never touches sockets or transports.
 */
export class RoomConnection {
  private readonly socket: Socket;
  private device: Device | null = null;
  private recvTransport: clientTypes.Transport | null = null;
  private readonly mic: SpeakerMicrophone;
  private readonly consumers = new Map<string, clientTypes.Consumer>();
  private readonly audio: AudioOutput;
  private state: RoomViewState = {
    phase: "connecting",
    snapshot: null,
    problem: null,
    micLive: false,
    micProblem: null,
    needsTapToListen: false,
    selfId: null,
  };
  private joining: Promise<void> | null = null;
  private readonly recovering = new Set<string>();
  private readonly pendingProducers = new Set<string>();
  private closed = false;
  /** The room's Opus frame length (from the join answer). */
  private frameMs = 20;
  private readonly audienceFeed: RoomAudienceFeed;

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
      createSendTransport: () => this.createTransport("send"),
      muteInRoom: async () => {
        if (this.me()?.muted === false) await request(this.socket, "room:set-muted", { muted: true });
      },
      onSendFailed: () => this.update({ problem: "Could not start your microphone on the server." }),
      onChange: (mic) => this.update(mic),
      frameMs: () => this.frameMs,
    });
    this.socket = io({ transports: ["websocket", "polling"], autoConnect: false });
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
      if (refusal === "unauthorized")
        this.update({ phase: "unauthorized", problem: CONNECT_REFUSAL_MESSAGES.unauthorized });
      else if (refusal === "too_many_connections") {
        // Refused at the door, so Socket.IO will not retry: try again once others may have left.
        this.update({ phase: "reconnecting", problem: CONNECT_REFUSAL_MESSAGES.too_many_connections });
        setTimeout(() => !this.closed && !this.socket.connected && this.socket.connect(), 15_000);
      } else this.update({ phase: "reconnecting", problem: "Cannot reach the server. Retrying…" });
    });
    onServerEvent(s, "room:member-joined", (payload) => this.applyDelta({ type: "member-joined", payload }));
    onServerEvent(s, "room:member-updated", (payload) =>
      this.applyDelta({ type: "member-updated", payload }),
    );
    onServerEvent(s, "room:member-left", (payload) => this.applyDelta({ type: "member-left", payload }));
    onServerEvent(s, "room:member-removed", (payload) =>
      this.applyDelta({ type: "member-removed", payload }),
    );
    onServerEvent(s, "room:host-changed", (payload) => this.applyDelta({ type: "host-changed", payload }));
    onServerEvent(s, "room:settings-updated", (payload) =>
      this.applyDelta({ type: "settings-updated", payload }),
    );
    onServerEvent(s, "room:ended", (payload) => this.applyDelta({ type: "ended", payload }));
    onServerEvent(s, "room:audience-changed", (payload) => this.audienceFeed.batch(payload));
    onServerEvent(s, "room:removed", ({ blocked }) => {
      const why =
        blocked === "none"
          ? "A moderator removed you from this room."
          : "A moderator removed you from this room, and you cannot rejoin.";
      this.closed = true;
      this.update({ phase: "removed", problem: why });
      this.teardownMedia();
      this.socket.disconnect();
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
    onServerEvent(s, "room:session-replaced", () => {
      this.update({
        phase: "replaced",
        problem: "You opened this room somewhere else, so it was closed here.",
      });
      this.teardownMedia();
      this.socket.disconnect();
    });
    onServerEvent(s, "media:producer-added", ({ producerId, userId }) => {
      if (userId !== this.userId) void this.consume(producerId);
    });
    onServerEvent(s, "media:producer-closed", ({ producerId }) => {
      for (const consumer of this.consumers.values())
        if (consumer.producerId === producerId) this.dropConsumer(consumer.id);
    });
    onServerEvent(s, "media:consumer-closed", ({ consumerId }) => this.dropConsumer(consumerId));
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
    if (!this.joining) {
      this.joining = this.doJoin().finally(() => {
        this.joining = null;
      });
    }
    return this.joining;
  }

  private async doJoin(): Promise<void> {
    try {
      this.teardownMedia();
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
      });
      this.recvTransport = await this.createTransport("recv");
      await this.consumeAll(snapshot.producers);
      await this.syncMicWithRole();
    } catch (error) {
      if (error instanceof CommandError && error.code === "room_full") {
        this.update({ phase: "full", problem: error.message });
        return;
      }
      if (error instanceof CommandError && (error.code === "not_found" || error.code === "invalid_state")) {
        this.update({ phase: error.code === "invalid_state" ? "ended" : "failed", problem: error.message });
        return;
      }
      this.update({
        phase: "failed",
        problem: error instanceof Error ? error.message : "Could not join the room.",
      });
    }
  }

  private async createTransport(direction: "send" | "recv"): Promise<clientTypes.Transport> {
    const device = this.device;
    if (!device) throw new Error("device not loaded");
    const options = await request(this.socket, "media:create-transport", { direction });
    const transport =
      direction === "send"
        ? device.createSendTransport({ ...options, iceServers: options.iceServers ?? [] })
        : device.createRecvTransport({ ...options, iceServers: options.iceServers ?? [] });
    const expectsPackets = direction === "recv" ? () => this.expectsAudio() : undefined;
    wireTransport(
      this.socket,
      transport,
      direction,
      () => void this.recoverTransport(transport),
      expectsPackets,
    );
    return transport;
  }

  /**
   * The network path broke (Wi-Fi to mobile, a short drop). First the cheap fix: new ICE
   * credentials on the same transport. If media is not flowing again within 5 s, rejoin fully
   * (new transports, same room state). A dead socket is handled by Socket.IO's reconnect instead,
   * which rejoins on `connect`.
   */
  private async recoverTransport(transport: clientTypes.Transport): Promise<void> {
    if (this.closed || transport.closed || !this.socket.connected) return;
    if (this.recovering.has(transport.id)) return;
    this.recovering.add(transport.id);
    this.update({ phase: "reconnecting" });
    try {
      if (await restartIce(this.socket, transport)) this.update({ phase: "joined", problem: null });
      else if (!transport.closed) await this.join();
    } catch {
      if (!transport.closed) await this.join();
    } finally {
      this.recovering.delete(transport.id);
    }
  }

  private async consume(producerId: string): Promise<void> {
    const device = this.device;
    const transport = this.recvTransport;
    if (!device || !transport) {
      // Announced while we are still (re)joining: consume it once the receive transport exists.
      this.pendingProducers.add(producerId);
      return;
    }
    if ([...this.consumers.values()].some((c) => c.producerId === producerId)) return;
    try {
      const options = await request(this.socket, "media:consume", {
        producerId,
        rtpCapabilities: rtpCapabilitiesSchema.parse(device.rtpCapabilities),
      });
      const consumer = await transport.consume({
        id: options.id,
        producerId: options.producerId,
        kind: options.kind,
        rtpParameters: rtpParametersSchema.parse(options.rtpParameters),
      });
      this.consumers.set(consumer.id, consumer);
      this.audio.add(consumer.id, consumer.track);
      await request(this.socket, "media:resume-consumer", { consumerId: consumer.id });
    } catch (error) {
      // A speaker who left between the announcement and our request is not a problem to show.
      if (error instanceof CommandError && error.code === "not_found") return;
      this.update({ problem: "Could not receive a speaker's audio. Retrying may help." });
    }
  }

  /**
   * A new receive transport (the server places it on a live worker) and a consumer per speaker.
   * The send side is not touched, so a speaker whose receiving worker died keeps being heard.
   */
  private async receiveAgain(producers: readonly ProducerInfo[]): Promise<void> {
    if (this.closed || !this.device || this.joining) return;
    for (const id of [...this.consumers.keys()]) this.dropConsumer(id);
    this.recvTransport?.close();
    this.recvTransport = null;
    try {
      this.recvTransport = await this.createTransport("recv");
      await this.consumeAll(producers);
    } catch {
      // Could not place a new receiver (e.g. every worker full): a full rejoin shows the reason.
      await this.join();
    }
  }

  /**
   * Once the receive transport exists: a consumer for every other speaker in `producers`, and for
   * the ones announced while it was being built.
   */
  private async consumeAll(producers: readonly ProducerInfo[]): Promise<void> {
    const announced = [...this.pendingProducers];
    this.pendingProducers.clear();
    const others = producers.filter((p) => p.userId !== this.userId).map((p) => p.producerId);
    await Promise.all([...new Set([...others, ...announced])].map((producerId) => this.consume(producerId)));
  }

  private dropConsumer(consumerId: string): void {
    const consumer = this.consumers.get(consumerId);
    if (!consumer) return;
    consumer.close();
    this.consumers.delete(consumerId);
    this.audio.remove(consumerId);
  }

  /** Someone else on stage is unmuted and we receive them: the server is sending us audio. */
  private expectsAudio(): boolean {
    if (this.consumers.size === 0) return false;
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
      if (!this.mic.publishing) return;
    }
    await request(this.socket, "room:set-muted", { muted });
    if (muted) this.mic.pause();
    else this.mic.resume();
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
    } catch (error) {
      this.update({ problem: error instanceof Error ? error.message : "That did not work." });
    }
  }

  /** Pings people into this room; the answer says, per person, pinged or why not (throws CommandError if refused as a whole). */
  ping(userIds: string[]) {
    return request(this.socket, "room:ping", { userIds });
  }

  /** Live numbers and a plain diagnosis for the audio check panel. */
  async audioCheck(): Promise<AudioDiagnostics> {
    const transport = this.recvTransport;
    const stats: Record<string, unknown>[] = [];
    if (transport && !transport.closed)
      (await transport.getStats()).forEach((stat: Record<string, unknown>) => stats.push(stat));
    const speakers =
      this.state.snapshot?.stage.filter((m) => m.userId !== this.userId && !m.muted).length ?? 0;
    return diagnoseAudio(stats, transport?.connectionState ?? null, speakers, this.state.needsTapToListen);
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

  private teardownMedia(): void {
    this.pendingProducers.clear();
    for (const id of [...this.consumers.keys()]) this.dropConsumer(id);
    this.mic.stop();
    this.recvTransport?.close();
    this.recvTransport = null;
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
