import { createSocket, type Socket } from "node:dgram";
import type { RtpParametersInput } from "../../src/shared/protocol";

/**
 * A stand-in speaker for media tests: RTP packets with an Opus payload type, 50 per second, sent
 * to a plain transport. mediasoup forwards RTP without decoding it, so the payload need not be
 * real Opus; what the tests count is packets, on every consumer.
 */
export class RtpStream {
  private readonly socket: Socket = createSocket("udp4");
  private timer: NodeJS.Timeout | null = null;
  private sequence = 1;
  private timestamp = 1000;
  sent = 0;

  constructor(
    private readonly port: number,
    readonly ssrc: number,
    readonly payloadType = 100,
  ) {}

  /** What the producer is told: Opus on `payloadType`, this stream's SSRC. */
  get rtpParameters(): RtpParametersInput {
    return {
      codecs: [
        {
          mimeType: "audio/opus",
          payloadType: this.payloadType,
          clockRate: 48000,
          channels: 2,
          parameters: { useinbandfec: 1 },
        },
      ],
      encodings: [{ ssrc: this.ssrc }],
    };
  }

  start(): void {
    this.timer = setInterval(() => this.sendOne(), 20);
  }

  private sendOne(): void {
    const packet = Buffer.alloc(12 + 60, 0x55);
    packet[0] = 0x80;
    packet[1] = this.payloadType & 0x7f;
    packet.writeUInt16BE(this.sequence & 0xffff, 2);
    packet.writeUInt32BE(this.timestamp >>> 0, 4);
    packet.writeUInt32BE(this.ssrc >>> 0, 8);
    this.sequence++;
    this.timestamp += 960;
    this.sent++;
    this.socket.send(packet, this.port, "127.0.0.1");
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.socket.close();
  }
}

/** A UDP port that receives and counts, standing in for a listener's network. */
export class UdpSink {
  private readonly socket: Socket = createSocket("udp4");
  received = 0;

  static async open(): Promise<UdpSink> {
    const sink = new UdpSink();
    sink.socket.on("message", () => sink.received++);
    await new Promise<void>((resolve) => sink.socket.bind(0, "127.0.0.1", resolve));
    return sink;
  }

  get port(): number {
    return this.socket.address().port;
  }

  close(): void {
    this.socket.close();
  }
}
