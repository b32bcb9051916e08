"use client";
import { Device, type types as clientTypes } from "mediasoup-client";
import { io, type Socket } from "socket.io-client";
import {
  rtpCapabilitiesSchema,
  rtpParametersSchema,
  type AckError,
  type ListenState,
} from "@/shared/protocol";
import { onServerEvent } from "@/lib/socket-events";
import { CommandError, request } from "@/lib/socket-request";
import { SOCKET_TRANSPORTS } from "@/lib/socket-options";

export type ListenPhase = "connecting" | "listening" | "reconnecting" | "ended" | "refused" | "left";

export type ListenView = {
  phase: ListenPhase;
  state: ListenState | null;
  problem: string | null;
  /** Autoplay was refused: a tap on the page starts the sound. */
  needsTap: boolean;
};

/** The connection's problem sentences, in the viewer's language (it is not a component, so it is told them). */
export type ListenInMessages = {
  failed: string;
  speakerFailed: string;
  /** A refusal from the server (code and English sentence) as the viewer reads it. */
  refusal: (error: AckError) => string;
};

/**
 * A staff member's silent listen-in over its own socket: `staff:listen` gives a receive transport
 * and the room's state; every stage producer is consumed, new ones as they are announced. Nothing
 * here can send audio or act in the room (the server offers no such command to a listen-in).
 */
export class ListenInConnection {
  private readonly socket: Socket;
  private device: Device | null = null;
  private transport: clientTypes.Transport | null = null;
  private readonly consumers = new Map<string, clientTypes.Consumer>();
  private readonly elements = new Map<string, HTMLAudioElement>();
  private volume = 1;
  private view: ListenView = { phase: "connecting", state: null, problem: null, needsTap: false };
  private closed = false;

  constructor(
    private readonly roomId: string,
    private readonly onChange: (view: ListenView) => void,
    private readonly messages: ListenInMessages,
  ) {
    this.socket = io({ ...SOCKET_TRANSPORTS, autoConnect: false });
    this.socket.on("connect", () => void this.open());
    this.socket.on("disconnect", () => {
      if (!this.closed && this.view.phase === "listening") this.update({ phase: "reconnecting" });
    });
    onServerEvent(this.socket, "staff:listen-state", (state) => {
      this.update({ state, ...(state.status === "ended" ? { phase: "ended" as const } : {}) });
      if (state.status === "ended") this.dropMedia();
    });
    onServerEvent(this.socket, "media:producer-added", ({ producerId }) => void this.consume(producerId));
    onServerEvent(this.socket, "media:producer-closed", ({ producerId }) => this.producerClosed(producerId));
    onServerEvent(this.socket, "media:consumer-closed", ({ consumerId }) => this.consumerClosed(consumerId));
    onServerEvent(this.socket, "room:active-speaker", ({ userId }) => {
      if (this.view.state) this.update({ state: { ...this.view.state, activeSpeakerId: userId } });
    });
    // The room's media server restarted: open the listen-in again on the new one.
    onServerEvent(this.socket, "media:reset", () => void this.open());
  }

  start(): void {
    this.socket.connect();
  }

  private update(patch: Partial<ListenView>): void {
    this.view = { ...this.view, ...patch };
    this.onChange(this.view);
  }

  private async open(): Promise<void> {
    if (this.closed) return;
    this.dropMedia();
    try {
      const { routerRtpCapabilities, transport, state } = await request(this.socket, "staff:listen", {
        roomId: this.roomId,
      });
      const device = new Device();
      await device.load({ routerRtpCapabilities: rtpCapabilitiesSchema.parse(routerRtpCapabilities) });
      this.device = device;
      const recv = device.createRecvTransport({ ...transport, iceServers: transport.iceServers ?? [] });
      recv.on("connect", ({ dtlsParameters }, callback, errback) => {
        request(this.socket, "staff:listen-connect", { transportId: recv.id, dtlsParameters })
          .then(() => callback())
          .catch(errback);
      });
      this.transport = recv;
      this.update({ phase: "listening", state, problem: null });
      await Promise.all(state.producers.map((producer) => this.consume(producer.producerId)));
    } catch (error) {
      const refused = error instanceof CommandError && ["forbidden", "not_found"].includes(error.code);
      this.update({
        phase: refused ? "refused" : "reconnecting",
        problem: error instanceof CommandError ? this.messages.refusal(error.error) : this.messages.failed,
      });
    }
  }

  private async consume(producerId: string): Promise<void> {
    const device = this.device;
    const transport = this.transport;
    if (!device || !transport || this.closed) return;
    if ([...this.consumers.values()].some((consumer) => consumer.producerId === producerId)) return;
    try {
      const options = await request(this.socket, "staff:listen-consume", {
        producerId,
        rtpCapabilities: rtpCapabilitiesSchema.parse(device.recvRtpCapabilities),
      });
      const consumer = await transport.consume({
        id: options.id,
        producerId: options.producerId,
        kind: options.kind,
        rtpParameters: rtpParametersSchema.parse(options.rtpParameters),
      });
      this.consumers.set(consumer.id, consumer);
      this.play(consumer.id, consumer.track);
      await request(this.socket, "staff:listen-resume", { consumerId: consumer.id });
    } catch (error) {
      if (error instanceof CommandError && error.code === "not_found") return;
      this.update({ problem: this.messages.speakerFailed });
    }
  }

  private play(id: string, track: MediaStreamTrack): void {
    const element = document.createElement("audio");
    element.autoplay = true;
    element.srcObject = new MediaStream([track]);
    element.volume = this.volume;
    element.style.display = "none";
    document.body.appendChild(element);
    this.elements.set(id, element);
    element.play().catch((error: unknown) => {
      if (error instanceof DOMException && error.name === "NotAllowedError") this.update({ needsTap: true });
    });
  }

  /** From a tap: the gesture lets every element start. */
  async resumeAudio(): Promise<void> {
    await Promise.all([...this.elements.values()].map((element) => element.play().catch(() => undefined)));
    this.update({ needsTap: false });
  }

  setVolume(volume: number): void {
    this.volume = Math.min(1, Math.max(0, volume));
    for (const element of this.elements.values()) element.volume = this.volume;
  }

  private producerClosed(producerId: string): void {
    for (const consumer of this.consumers.values())
      if (consumer.producerId === producerId) this.consumerClosed(consumer.id);
  }

  private consumerClosed(consumerId: string): void {
    this.consumers.get(consumerId)?.close();
    this.consumers.delete(consumerId);
    const element = this.elements.get(consumerId);
    if (element) {
      element.pause();
      element.srcObject = null;
      element.remove();
    }
    this.elements.delete(consumerId);
  }

  private dropMedia(): void {
    for (const id of [...this.consumers.keys()]) this.consumerClosed(id);
    this.transport?.close();
    this.transport = null;
  }

  /** Leaves: the server forgets the listen-in and frees its media. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.dropMedia();
    if (this.socket.connected) void request(this.socket, "staff:listen-leave", {}).catch(() => undefined);
    setTimeout(() => this.socket.disconnect(), 200);
    this.update({ phase: "left" });
  }
}
