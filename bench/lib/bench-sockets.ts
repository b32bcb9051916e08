import { io, type Socket } from "socket.io-client";

/**
 * The few signed-in sockets a bench drives itself (host, stage target), next to the pool of storm
 * clients: connected once over websocket with no reconnection, and all dropped at cleanup.
 */
export class BenchSockets {
  private readonly sockets: Socket[] = [];

  async connect(url: string, cookie: string): Promise<Socket> {
    const socket = io(url, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      extraHeaders: { cookie },
    });
    this.sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    return socket;
  }

  disconnectAll(): void {
    for (const socket of this.sockets.splice(0)) socket.disconnect();
  }
}
