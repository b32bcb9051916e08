/** An Opus frame of silence (20 ms, CELT fullband, mono): what we send while a speaker sends nothing. */
const OPUS_SILENCE = Buffer.from([0xf8, 0xff, 0xfe]);
const FRAME_TICKS = 960; // 20 ms at 48 kHz

/** The payload of an RTP packet (after the CSRCs and any header extension), or null if malformed. */
export function rtpPayload(packet: Buffer): Buffer | null {
  if (packet.length < 12 || (packet[0] ?? 0) >> 6 !== 2) return null;
  const first = packet[0] ?? 0;
  let offset = 12 + (first & 0x0f) * 4;
  if (first & 0x10) {
    if (packet.length < offset + 4) return null;
    offset += 4 + packet.readUInt16BE(offset + 2) * 4;
  }
  let end = packet.length;
  if (first & 0x20) end -= packet[packet.length - 1] ?? 0;
  return end > offset ? packet.subarray(offset, end) : null;
}

/**
 * Re-times one producer's RTP for a recorder: its own SSRC, sequence numbers and timestamps, with
 * a frame of Opus silence every 20 ms while the producer sends nothing (muted, DTX, gone). The
 * recorder then hears one unbroken stream whose clock is the wall clock's: no gaps to fill later,
 * and ffmpeg never gives up on a silent input (it ends an RTP input after 10 s without packets).
 */
export class RtpClock {
  private sequence = 0;
  private timestamp = 0;
  private lastInput: number | null = null;
  private filled = true;
  private lastSentAt: number;

  constructor(
    private readonly payloadType: number,
    private readonly ssrc: number,
    startedAt: number,
  ) {
    this.lastSentAt = startedAt;
  }

  /** A packet from the producer, re-stamped; null if it carries no payload. */
  real(packet: Buffer, now: number): Buffer | null {
    const payload = rtpPayload(packet);
    if (!payload) return null;
    const input = packet.readUInt32BE(4);
    const delta = this.lastInput === null ? FRAME_TICKS : (input - this.lastInput) >>> 0;
    // After silence we filled in, the producer's own jump covers time we already sent.
    const step = this.filled || delta === 0 || delta > FRAME_TICKS * 3 ? FRAME_TICKS : delta;
    this.lastInput = input;
    this.filled = false;
    return this.stamp(payload, step, now);
  }

  /**
   * Frames of silence due by `now`: none while the producer's packets keep coming (up to 60 ms of
   * jitter is theirs to fill), then one per 20 ms of wall clock since the last frame sent.
   */
  silence(now: number): Buffer[] {
    const frames: Buffer[] = [];
    if (!this.filled && now - this.lastSentAt < 60) return frames;
    while (now - this.lastSentAt >= 20) {
      this.filled = true;
      frames.push(this.stamp(OPUS_SILENCE, FRAME_TICKS, this.lastSentAt + 20));
    }
    return frames;
  }

  private stamp(payload: Buffer, step: number, at: number): Buffer {
    this.timestamp = (this.timestamp + step) >>> 0;
    this.sequence = (this.sequence + 1) & 0xffff;
    this.lastSentAt = at;
    const header = Buffer.alloc(12);
    header[0] = 0x80;
    header[1] = this.payloadType & 0x7f;
    header.writeUInt16BE(this.sequence, 2);
    header.writeUInt32BE(this.timestamp, 4);
    header.writeUInt32BE(this.ssrc >>> 0, 8);
    return Buffer.concat([header, payload]);
  }
}
