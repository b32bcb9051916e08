import dgram from "node:dgram";
import net from "node:net";
import type { BrowserContext } from "playwright-core";
import { freeMediaPorts } from "./free-ports";

/**
 * A UDP relay on 127.0.0.1 in front of the media server's port, owned by a test or bench, so it
 * can drop ONE browser's media path and give it back: a real loss of packets in both directions,
 * which Playwright's `setOffline` does not do (it leaves WebRTC's UDP untouched; measured).
 *
 * The browser is pointed here by `routeMediaThrough` (the server's UDP candidate port is swapped
 * for the relay's in the SDP the page receives, and its TCP candidate removed so ICE cannot route
 * around the cut). The relay gives each browser socket its own upstream socket, so to mediasoup
 * (ICE-lite) it is simply a client at another address.
 */
export class UdpCutProxy {
  private readonly upstreams = new Map<string, dgram.Socket>();
  private dropping = false;
  /** Datagrams relayed and dropped, both directions: a test checks media really went through. */
  readonly counts = { relayed: 0, dropped: 0 };

  private constructor(
    private readonly socket: dgram.Socket,
    private readonly targetPort: number,
  ) {
    socket.on("message", (message, from) => this.fromBrowser(message, from));
  }

  static async start(targetPort: number): Promise<UdpCutProxy> {
    const socket = dgram.createSocket("udp4");
    await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
    return new UdpCutProxy(socket, targetPort);
  }

  get port(): number {
    return this.socket.address().port;
  }

  /** The network goes away: every datagram, either way, is dropped until `restore()`. */
  cut(): void {
    this.dropping = true;
  }

  restore(): void {
    this.dropping = false;
  }

  private fromBrowser(message: Buffer, from: dgram.RemoteInfo): void {
    if (this.dropping) {
      this.counts.dropped++;
      return;
    }
    const key = `${from.address}:${from.port}`;
    let upstream = this.upstreams.get(key);
    if (!upstream) {
      const socket = dgram.createSocket("udp4");
      socket.on("message", (reply) => {
        if (this.dropping) {
          this.counts.dropped++;
          return;
        }
        this.counts.relayed++;
        this.socket.send(reply, from.port, from.address);
      });
      socket.on("error", () => socket.close());
      socket.bind(0, "127.0.0.1");
      this.upstreams.set(key, socket);
      upstream = socket;
    }
    this.counts.relayed++;
    upstream.send(message, this.targetPort, "127.0.0.1");
  }

  async close(): Promise<void> {
    for (const upstream of this.upstreams.values()) upstream.close();
    this.upstreams.clear();
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }
}

/**
 * Makes every page of `context` reach the media server through the relay: a wrapper around
 * setRemoteDescription rewrites the server's UDP candidates `127.0.0.1 <mediaPort>` to the relay's
 * port and drops its TCP candidates. Test plumbing only: the app's code is untouched.
 */
export async function routeMediaThrough(
  context: BrowserContext,
  mediaPort: number,
  relayPort: number,
): Promise<void> {
  await context.addInitScript({
    content: `(() => {
      const original = RTCPeerConnection.prototype.setRemoteDescription;
      RTCPeerConnection.prototype.setRemoteDescription = function (description, ...rest) {
        if (description && typeof description.sdp === "string") {
          const sdp = description.sdp
            .split("\\r\\n")
            .filter((line) => !(line.startsWith("a=candidate") && / tcp /i.test(line)))
            .map((line) => (line.startsWith("a=candidate") ? line.replace(" ${mediaPort} typ ", " ${relayPort} typ ") : line))
            .join("\\r\\n");
          description = { type: description.type, sdp };
        }
        return original.call(this, description, ...rest);
      };
    })();`,
  });
}

/**
 * A TCP relay on 127.0.0.1 in front of the app's HTTP port (pages, API, Socket.IO): a browser
 * that opens the app at `http://localhost:<relay port>` gets all its signalling through here.
 * `cut()` is a blackhole, as on a real short outage: nothing is forwarded and new connections
 * wait, but nothing is reset (TCP buffers what is sent, and delivers it after `restore()`).
 * Cookies ignore ports, so a session made on the app's own port works through the relay.
 */
export class TcpCutProxy {
  private readonly links = new Set<{ sockets: net.Socket[]; flush: () => void }>();
  private readonly held: (() => void)[] = [];
  private readonly accepted = new Set<net.Socket>();
  private dropping = false;

  private constructor(
    private readonly server: net.Server,
    private readonly targetPort: number,
  ) {
    server.on("connection", (client) => {
      this.accepted.add(client);
      client.once("close", () => this.accepted.delete(client));
      if (this.dropping) this.held.push(() => this.link(client));
      else this.link(client);
    });
  }

  static async start(targetPort: number): Promise<TcpCutProxy> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return new TcpCutProxy(server, targetPort);
  }

  get port(): number {
    const address = this.server.address();
    if (address === null || typeof address === "string") throw new Error("relay not listening");
    return address.port;
  }

  cut(): void {
    this.dropping = true;
  }

  restore(): void {
    this.dropping = false;
    for (const link of this.links) link.flush();
    for (const release of this.held.splice(0)) release();
  }

  /** Forwards by hand (not pipe(), which resumes a paused stream on 'drain'), queueing while cut. */
  private link(client: net.Socket): void {
    const upstream = net.connect({ host: "127.0.0.1", port: this.targetPort });
    const queued: [net.Socket, Buffer][] = [];
    const forward = (to: net.Socket) => (chunk: Buffer) =>
      this.dropping ? queued.push([to, chunk]) : to.write(chunk);
    const link = {
      sockets: [client, upstream],
      flush: () => {
        for (const [to, chunk] of queued.splice(0)) if (!to.destroyed) to.write(chunk);
      },
    };
    this.links.add(link);
    client.on("data", forward(upstream));
    upstream.on("data", forward(client));
    const close = () => {
      this.links.delete(link);
      client.destroy();
      upstream.destroy();
    };
    // A side closing while cut is the far end giving up; let that wait for the network too.
    for (const socket of link.sockets) {
      socket.on("error", close);
      socket.on("close", () => (this.dropping ? this.held.push(close) : close()));
    }
  }

  async close(): Promise<void> {
    for (const link of this.links) for (const socket of link.sockets) socket.destroy();
    for (const client of this.accepted) client.destroy();
    this.links.clear();
    this.held.length = 0;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A port free for both TCP and UDP on 127.0.0.1 right now (for the server's MEDIA_PORT), outside the ephemeral range. */
export async function freeMediaPort(): Promise<number> {
  return freeMediaPorts(1);
}
