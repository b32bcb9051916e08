import { Device } from "mediasoup-client";
import type { types as clientTypes } from "mediasoup-client";
import { io, type Socket } from "socket.io-client";
import { onServerEvent } from "../../src/lib/socket-events";
import { rtpCapabilitiesSchema, rtpParametersSchema } from "../../src/shared/protocol";
import { command, joinAnswerSchema, outputOf } from "./command";
import { createRoom, signUp } from "./http-session";
import { startSine, type SineSource } from "./sine-source";
import { inboundAudioOf, selectedRouteOf, type InboundAudio } from "./transport-stats";
import { installWrtcGlobals } from "./wrtc-node";

export type { InboundAudio } from "./transport-stats";

/** performance.now() marks of one join, so a slow join can be blamed on the right step. */
export type JoinMarks = {
  start: number;
  connected: number;
  joined: number;
  deviceLoaded: number;
  transportReady: number;
  consuming: number;
};

export type Bot = {
  readonly name: string;
  /** Empty for a guest: the server names guests itself. */
  readonly userId: string;
  /** Producers this bot failed to consume (message per failure); empty when all is well. */
  readonly problems: string[];
  /** Creates a room this bot hosts; `audioFrameMs` 40/60 is the Big audience setting. */
  createRoom(title: string, settings?: { audioFrameMs?: 20 | 40 | 60 }): Promise<string>;
  joinAsListener(roomId: string): Promise<JoinMarks>;
  /** Host only: joins its room (if needed), publishes a 440 Hz tone and unmutes. */
  speak(roomId?: string): Promise<void>;
  inboundAudio(): Promise<InboundAudio>;
  /** The ICE pair the recv transport selected (who talks to whom), for the report. */
  iceRoute(): Promise<string>;
  close(): Promise<void>;
};

/** Same codec options as the browser client (room-connection.ts), so the server sees the same stream. */
const OPUS_VOICE = { opusStereo: false, opusDtx: true, opusFec: true, opusMaxPlaybackRate: 48000 } as const;

/**
 * Signs up over HTTP (or, with `guest`, skips HTTP: the server lets visitors without a session
 * listen as guests when GUEST_LISTENING is on). The socket is created but not connected, so a
 * join can be timed from zero.
 */
export async function createBot(options: { url: string; name: string; guest?: boolean }): Promise<Bot> {
  installWrtcGlobals();
  if (options.guest) return new NodeBot(options.url, options.name, "", "");
  const { userId, cookie } = await signUp(options.url, options.name);
  return new NodeBot(options.url, options.name, userId, cookie);
}

/** A Node mirror of src/features/room/room-connection.ts, minus UI, mic and reconnection. */
class NodeBot implements Bot {
  readonly problems: string[] = [];
  private readonly socket: Socket;
  private device: Device | null = null;
  private recvTransport: clientTypes.Transport | null = null;
  private sendTransport: clientTypes.Transport | null = null;
  private readonly consumed = new Set<string>();
  /** Producers announced before our recv transport existed; the browser client drops these. */
  private readonly pending = new Set<string>();
  private sine: SineSource | null = null;
  private roomId: string | null = null;
  private ownRoomId: string | null = null;
  /** The Opus frame length of the room joined last (from the join answer). */
  private frameMs = 20;

  constructor(
    private readonly url: string,
    readonly name: string,
    readonly userId: string,
    private readonly cookie: string,
  ) {
    // No reconnection: a bench bot that lost its socket should show up as a failure, not heal.
    const extraHeaders: Record<string, string> = cookie ? { cookie } : {};
    this.socket = io(url, {
      transports: ["websocket"],
      extraHeaders,
      autoConnect: false,
      reconnection: false,
    });
    onServerEvent(this.socket, "media:producer-added", ({ producerId, userId }) => {
      if (userId !== this.userId) void this.consume(producerId);
    });
  }

  async createRoom(title: string, settings: { audioFrameMs?: 20 | 40 | 60 } = {}): Promise<string> {
    this.ownRoomId = await createRoom(this.url, this.cookie, title, settings);
    return this.ownRoomId;
  }

  private connect(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => {
        this.socket.off("connect", onConnect);
        reject(new Error(`${this.name}: socket connect failed: ${error.message}`));
      };
      const onConnect = () => {
        this.socket.off("connect_error", onError);
        resolve();
      };
      this.socket.once("connect", onConnect);
      this.socket.once("connect_error", onError);
      this.socket.connect();
    });
  }

  private async join(
    roomId: string,
  ): Promise<{ producers: { producerId: string; userId: string }[]; joinedAt: number; frameMs: number }> {
    await this.connect();
    const { snapshot, routerRtpCapabilities, audio } = await command(
      this.socket,
      "room:join",
      { roomId },
      joinAnswerSchema,
    );
    const joinedAt = performance.now();
    const device = new Device({ handlerName: "Chrome111" }); // explicit: there is no navigator in Node
    await device.load({ routerRtpCapabilities: rtpCapabilitiesSchema.parse(routerRtpCapabilities) });
    this.device = device;
    this.roomId = roomId;
    this.frameMs = audio.frameMs;
    return { producers: snapshot.producers, joinedAt, frameMs: audio.frameMs };
  }

  async joinAsListener(roomId: string): Promise<JoinMarks> {
    const start = performance.now();
    await this.connect();
    const connected = performance.now();
    const entered = await this.join(roomId);
    const deviceLoaded = performance.now();
    this.recvTransport = await this.createTransport("recv");
    const transportReady = performance.now();
    const ids = [
      ...entered.producers.filter((p) => p.userId !== this.userId).map((p) => p.producerId),
      ...this.pending,
    ];
    this.pending.clear();
    await Promise.all(ids.map((id) => this.consume(id)));
    return {
      start,
      connected,
      joined: entered.joinedAt,
      deviceLoaded,
      transportReady,
      consuming: performance.now(),
    };
  }

  async speak(roomId?: string): Promise<void> {
    const target = roomId ?? this.ownRoomId;
    if (!target) throw new Error(`${this.name}: speak() needs a room`);
    if (this.roomId !== target) await this.join(target);
    this.sendTransport = await this.createTransport("send");
    this.sine = startSine(440);
    // As the browser does (speaker-microphone.ts): the room's frame length goes into the answer's ptime.
    const codecOptions = this.frameMs === 20 ? OPUS_VOICE : { ...OPUS_VOICE, opusPtime: this.frameMs };
    await this.sendTransport.produce({ track: this.sine.track, codecOptions, stopTracks: true });
    // The host joins muted, so the server created the producer paused: unmuting resumes it.
    await command(this.socket, "room:set-muted", { muted: false }, outputOf("room:set-muted"));
  }

  private async createTransport(direction: "send" | "recv"): Promise<clientTypes.Transport> {
    const device = this.device;
    if (!device) throw new Error("device not loaded");
    const options = await command(
      this.socket,
      "media:create-transport",
      { direction },
      outputOf("media:create-transport"),
    );
    const init = { ...options, iceServers: options.iceServers ?? [] };
    const transport =
      direction === "send" ? device.createSendTransport(init) : device.createRecvTransport(init);
    transport.on("connect", ({ dtlsParameters }, callback, errback) => {
      command(
        this.socket,
        "media:connect-transport",
        { transportId: transport.id, dtlsParameters },
        outputOf("media:connect-transport"),
      )
        .then(() => callback())
        .catch(errback);
    });
    if (direction === "send") {
      transport.on("produce", ({ rtpParameters }, callback, errback) => {
        const input = {
          transportId: transport.id,
          kind: "audio" as const,
          rtpParameters: rtpParametersSchema.parse(rtpParameters),
        };
        command(this.socket, "media:produce", input, outputOf("media:produce"))
          .then(({ producerId }) => callback({ id: producerId }))
          .catch(errback);
      });
    }
    return transport;
  }

  private async consume(producerId: string): Promise<void> {
    const device = this.device;
    const transport = this.recvTransport;
    if (!device || !transport) {
      this.pending.add(producerId);
      return;
    }
    if (this.consumed.has(producerId)) return;
    this.consumed.add(producerId);
    try {
      const input = { producerId, rtpCapabilities: rtpCapabilitiesSchema.parse(device.recvRtpCapabilities) };
      const options = await command(this.socket, "media:consume", input, outputOf("media:consume"));
      const consumer = await transport.consume({
        id: options.id,
        producerId: options.producerId,
        kind: options.kind,
        rtpParameters: rtpParametersSchema.parse(options.rtpParameters),
      });
      await command(
        this.socket,
        "media:resume-consumer",
        { consumerId: consumer.id },
        outputOf("media:resume-consumer"),
      );
    } catch (error) {
      this.problems.push(`consume ${producerId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async inboundAudio(): Promise<InboundAudio> {
    if (!this.recvTransport || this.recvTransport.closed) return { packets: 0, bytes: 0 };
    return inboundAudioOf(await this.recvTransport.getStats());
  }

  async iceRoute(): Promise<string> {
    if (!this.recvTransport || this.recvTransport.closed) return "no recv transport";
    return selectedRouteOf(await this.recvTransport.getStats());
  }

  async close(): Promise<void> {
    this.sine?.stop();
    if (this.socket.connected && this.roomId)
      await command(this.socket, "room:leave", {}, outputOf("room:leave"), 3000).catch(() => undefined);
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.socket.disconnect();
  }
}
