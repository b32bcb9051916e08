import type { Device, types as clientTypes } from "mediasoup-client";
import type { Socket } from "socket.io-client";
import { request } from "@/lib/socket-request";
import { restartIce, wireTransport } from "./transport-wiring";

type Deps = {
  socket: Socket;
  /** The loaded device of the current join; null while (re)joining. */
  device: () => Device | null;
  /** Someone unmuted is on stage and we receive them: silence on the receive path means a drop. */
  expectsAudio: () => boolean;
  /** The person left or was sent away: nothing is recovered any more. */
  isClosed: () => boolean;
  onReconnecting: () => void;
  onRecovered: () => void;
  /** The last resort: a full rejoin (new transports, same room state). */
  rejoin: () => Promise<void>;
};

/**
 * Makes the room's WebRTC transports and keeps them alive. When a network path breaks (Wi-Fi to
 * mobile, a short drop) the cheap fix comes first: new ICE credentials on the same transport; if
 * media is not flowing again within 5 s, a full rejoin. A dead socket is Socket.IO's to reconnect,
 * which rejoins on `connect`, so nothing is attempted without one.
 */
export class RoomTransports {
  private readonly recovering = new Set<string>();

  constructor(private readonly deps: Deps) {}

  async create(direction: "send" | "recv"): Promise<clientTypes.Transport> {
    const device = this.deps.device();
    if (!device) throw new Error("device not loaded");
    const options = await request(this.deps.socket, "media:create-transport", { direction });
    const init = { ...options, iceServers: options.iceServers ?? [] };
    const transport =
      direction === "send" ? device.createSendTransport(init) : device.createRecvTransport(init);
    const expectsPackets = direction === "recv" ? this.deps.expectsAudio : undefined;
    wireTransport(this.deps.socket, transport, direction, () => void this.recover(transport), expectsPackets);
    return transport;
  }

  private async recover(transport: clientTypes.Transport): Promise<void> {
    if (this.deps.isClosed() || transport.closed || !this.deps.socket.connected) return;
    if (this.recovering.has(transport.id)) return;
    this.recovering.add(transport.id);
    this.deps.onReconnecting();
    try {
      if (await restartIce(this.deps.socket, transport)) this.deps.onRecovered();
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- it may have closed during the await
      else if (!transport.closed) await this.deps.rejoin();
    } catch {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- it may have closed during the await
      if (!transport.closed) await this.deps.rejoin();
    } finally {
      this.recovering.delete(transport.id);
    }
  }
}
