import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../logging/logger";

/**
 * Session cookies get `Secure` only when `PUBLIC_ORIGIN` is https. An operator who puts the app
 * behind a TLS proxy but forgets `PUBLIC_ORIGIN` would otherwise serve https pages that set
 * non-Secure session cookies (sent again over plain http on the first http:// link), silently.
 * So the mismatch is loud instead:
 * - At start (`startupOriginProblem` in server/config/deployment-rules.ts): in production, a server
 *   listening beyond this machine must be told its public origin.
 * - Per request: a request that arrived over https (a TLS socket, or a proxy's
 *   `X-Forwarded-Proto: https`) while `PUBLIC_ORIGIN` is http is refused in production with 421
 *   and one clear error log; in development it is logged once as a warning and served.
 */
export type TlsGuardOptions = { publicOrigin: string; production: boolean; logger: Logger };

/** Whether the request reached us over https: a TLS socket, or a proxy saying so. */
export function arrivedOverHttps(request: IncomingMessage): boolean {
  if ("encrypted" in request.socket && request.socket.encrypted === true) return true;
  const forwarded = request.headers["x-forwarded-proto"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim().toLowerCase();
  return first === "https";
}

/**
 * Returns a request guard: true when it answered (refused) the request. Cheap enough for every
 * request: one header read when the public origin is http, nothing when it is https.
 */
export function createTlsGuard(options: TlsGuardOptions) {
  const secureOrigin = options.publicOrigin.startsWith("https://");
  let warned = false;
  const message =
    `This server is reached over https, but PUBLIC_ORIGIN is ${options.publicOrigin}: session cookies would ` +
    "lose Secure. Set PUBLIC_ORIGIN to the https URL people use and restart.";
  return function refuseMisconfiguredTls(request: IncomingMessage, response: ServerResponse): boolean {
    if (secureOrigin || !arrivedOverHttps(request)) return false;
    if (!warned) {
      warned = true;
      if (options.production) options.logger.error({ publicOrigin: options.publicOrigin }, message);
      else options.logger.warn({ publicOrigin: options.publicOrigin }, message);
    }
    if (!options.production) return false;
    response.writeHead(421, { "content-type": "text/plain; charset=utf-8" }).end(message);
    return true;
  };
}
