import type { types } from "mediasoup";
import type { ReceiveHost } from "./receive-placement";

/** Stamped on every mediasoup object so a dump or a log line says whose it is. */
export type MediaAppData = { roomId: string; userId: string };

export type Direction = "send" | "recv";

/** Browsers get WebRTC transports; benches and recorders get plain RTP ones (SRTP when receiving). */
export type PeerTransport = types.WebRtcTransport<MediaAppData> | types.PlainTransport<MediaAppData>;

/**
 * The mediasoup objects of one user in one room: at most one transport per direction, their
 * producers and consumers. Closing is idempotent and closes children through mediasoup's own
 * cascade (closing a transport closes its producers and consumers).
 */
export class PeerMedia {
  readonly transports = new Map<Direction, PeerTransport>();
  readonly producers = new Map<string, types.Producer<MediaAppData>>();
  readonly consumers = new Map<string, types.Consumer<MediaAppData>>();
  /** Transports whose DTLS connect was asked for: a transport connects once. */
  readonly connected = new Set<string>();
  /** Where the receive transport was placed (which worker and router), while there is one. */
  receiveHost: ReceiveHost | null = null;
  private closed = false;

  constructor(readonly userId: string) {}

  transportById(transportId: string): { direction: Direction; transport: PeerTransport } | undefined {
    for (const [direction, transport] of this.transports) {
      if (transport.id === transportId) return { direction, transport };
    }
    return undefined;
  }

  /** Closes the send side: the transport and with it every producer. */
  closeSend(): void {
    this.transports.get("send")?.close();
    this.transports.delete("send");
    for (const producer of this.producers.values()) producer.close();
    this.producers.clear();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
  }
}
