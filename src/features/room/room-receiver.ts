import type { Device, types as clientTypes } from "mediasoup-client";
import type { Socket } from "socket.io-client";
import { rtpCapabilitiesSchema, rtpParametersSchema, type ProducerInfo } from "@/shared/protocol";
import { CommandError, request } from "@/lib/socket-request";
import type { AudioOutput } from "./audio-output";
import { receiveFailed, type RoomProblem } from "./room-problems";

type Deps = {
  socket: Socket;
  audio: AudioOutput;
  /** The loaded device of the current join; null while (re)joining. */
  device: () => Device | null;
  /** A fresh receive transport from the server (it places it on a live worker). */
  createRecvTransport: () => Promise<clientTypes.Transport>;
  /** This person's own id, whose producer is never consumed (no echo of oneself). */
  selfId: () => string | null;
  onProblem: (problem: RoomProblem) => void;
};

/**
 * The listening half of a room connection: one receive transport and a consumer per speaker.
 * Producers announced while the transport is still being built are remembered and consumed as
 * soon as it exists, so a speaker who unmutes during someone's join is never missed.
 */
export class RoomReceiver {
  private transport: clientTypes.Transport | null = null;
  private readonly consumers = new Map<string, clientTypes.Consumer>();
  private readonly pending = new Set<string>();
  /** Who publishes each producer we know of (from the join snapshot and `media:producer-added`). */
  private readonly speakerOf = new Map<string, string>();

  constructor(private readonly deps: Deps) {}

  get consumerCount(): number {
    return this.consumers.size;
  }

  /** A new receive transport and a consumer for every other speaker in `producers`. */
  async open(producers: readonly ProducerInfo[]): Promise<void> {
    this.transport = await this.deps.createRecvTransport();
    const announced = [...this.pending];
    this.pending.clear();
    const self = this.deps.selfId();
    for (const producer of producers) this.speakerOf.set(producer.producerId, producer.userId);
    const others = producers.filter((p) => p.userId !== self).map((p) => p.producerId);
    await Promise.all([...new Set([...others, ...announced])].map((producerId) => this.consume(producerId)));
  }

  /**
   * Receives again from scratch (the worker we received from died): drops every consumer and the
   * transport, then opens anew. Throws when no new receiver can be placed.
   */
  async reopen(producers: readonly ProducerInfo[]): Promise<void> {
    this.dropAll();
    await this.open(producers);
  }

  /** A speaker started publishing (`media:producer-added`). */
  async consume(producerId: string, userId?: string): Promise<void> {
    if (userId !== undefined) this.speakerOf.set(producerId, userId);
    const device = this.deps.device();
    const transport = this.transport;
    if (!device || !transport) {
      this.pending.add(producerId);
      return;
    }
    if ([...this.consumers.values()].some((c) => c.producerId === producerId)) return;
    try {
      const options = await request(this.deps.socket, "media:consume", {
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
      this.deps.audio.add(consumer.id, consumer.track);
      await request(this.deps.socket, "media:resume-consumer", { consumerId: consumer.id });
    } catch (error) {
      // A speaker who left between the announcement and our request is not a problem to show.
      if (error instanceof CommandError && error.code === "not_found") return;
      this.deps.onProblem(receiveFailed);
    }
  }

  producerClosed(producerId: string): void {
    for (const consumer of this.consumers.values())
      if (consumer.producerId === producerId) this.consumerClosed(consumer.id);
  }

  consumerClosed(consumerId: string): void {
    const consumer = this.consumers.get(consumerId);
    if (!consumer) return;
    consumer.close();
    this.consumers.delete(consumerId);
    this.deps.audio.remove(consumerId);
  }

  /** The receive transport's WebRTC stats and state, for the audio check panel. */
  async stats(): Promise<{
    stats: Record<string, unknown>[];
    state: string | null;
    trackOwners: Map<string, string>;
  }> {
    const transport = this.transport;
    const stats: Record<string, unknown>[] = [];
    if (transport && !transport.closed)
      (await transport.getStats()).forEach((stat: Record<string, unknown>) => stats.push(stat));
    const trackOwners = new Map<string, string>();
    for (const consumer of this.consumers.values())
      trackOwners.set(consumer.track.id, this.speakerOf.get(consumer.producerId) ?? "");
    return { stats, state: transport?.connectionState ?? null, trackOwners };
  }

  /** Closes everything, including what was announced but not consumed yet. */
  close(): void {
    this.pending.clear();
    this.dropAll();
  }

  private dropAll(): void {
    for (const id of [...this.consumers.keys()]) this.consumerClosed(id);
    this.transport?.close();
    this.transport = null;
  }
}
