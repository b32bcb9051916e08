import type { Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { RoomsServer } from "../realtime/socket-types";

/**
 * Connections waiting to be accepted. Node's default accept backlog (511) overflows when a famous
 * host goes live: bench:storm's 8,000 guests in 10 s overflowed it 24,000 times (SYNs dropped,
 * clients retrying for 30 s). The kernel caps it at net.core.somaxconn (4096 on current Linux).
 */
const LISTEN_BACKLOG = 4096;

/** Listens on `port` (0: any free port) and resolves with the port actually bound. */
export async function listenHttp(
  httpServer: HttpServer,
  at: { port: number; host: string },
): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen({ port: at.port, host: at.host, backlog: LISTEN_BACKLOG }, () => resolve());
  });
  const address = httpServer.address();
  return typeof address === "object" && address ? (address satisfies AddressInfo).port : at.port;
}

/**
 * Stops accepting connections. Browsers keep idle keep-alive connections open, and Node waits for
 * every connection before `close` completes: idle ones are closed at once, busy ones after 2 s.
 */
export async function closeHttp(httpServer: HttpServer, io: RoomsServer): Promise<void> {
  const closed = io.close();
  httpServer.closeIdleConnections();
  const force = setTimeout(() => httpServer.closeAllConnections(), 2000);
  await closed;
  clearTimeout(force);
}
