import type { IncomingMessage } from "node:http";

/**
 * Whether a request comes from our own site: no Origin (not a browser: bots, tests, native
 * clients), the configured public origin, or the origin of the Host it was sent to. Used for both
 * state-changing HTTP requests and Socket.IO connections, which carry the same session cookie.
 */
export function isSameOrigin(request: IncomingMessage, publicOrigin: string): boolean {
  const origin = request.headers.origin;
  const host = request.headers.host;
  return (
    origin === undefined ||
    origin === publicOrigin ||
    origin === `http://${host}` ||
    origin === `https://${host}`
  );
}
