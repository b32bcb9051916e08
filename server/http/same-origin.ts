import type { IncomingMessage } from "node:http";

/**
 * Which browser origins may send state-changing requests and open sockets. With `PUBLIC_ORIGIN`
 * configured, exactly that origin (scheme, host and port): an `http://` page of the same host is
 * refused when the site is served over https, since a network attacker can inject such a page.
 * Without it (a laptop or LAN install on plain http), the origin of the Host the request was sent
 * to, over http only, so `http://192.168.1.5:3000` works without configuration.
 */
export type OriginPolicy = { configuredOrigin: string | null };

/** The policy for a configuration: `PUBLIC_ORIGIN` when set, else the request's own http Host. */
export function originPolicyOf(config: { PUBLIC_ORIGIN?: string | undefined }): OriginPolicy {
  return { configuredOrigin: config.PUBLIC_ORIGIN ? new URL(config.PUBLIC_ORIGIN).origin : null };
}

/** The serialised origin (`scheme://host[:port]`) of a header value, or null when it is not one. */
function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.origin === "null" ? null : url.origin;
  } catch {
    return null;
  }
}

/**
 * Whether a request comes from our own site: no Origin (not a browser: bots, tests, native
 * clients), or the origin the policy allows. Used for both state-changing HTTP requests and
 * Socket.IO connections, which carry the same session cookie.
 */
export function isSameOrigin(request: IncomingMessage, policy: OriginPolicy): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const claimed = originOf(origin);
  if (claimed === null) return false;
  if (policy.configuredOrigin !== null) return claimed === policy.configuredOrigin;
  const host = request.headers.host;
  return host !== undefined && claimed === originOf(`http://${host}`);
}
