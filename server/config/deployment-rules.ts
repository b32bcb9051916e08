const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/**
 * Why a configuration must not start, or null. In production a server listening beyond this machine
 * must be told the URL people use: without `PUBLIC_ORIGIN` the session cookie would lose `Secure`
 * behind a TLS proxy and the origin check would fall back to the request's own Host header.
 */
export function startupOriginProblem(config: {
  NODE_ENV: string;
  HOST: string;
  PUBLIC_ORIGIN?: string | undefined;
}): string | null {
  if (config.NODE_ENV !== "production" || config.PUBLIC_ORIGIN || LOOPBACK_HOSTS.has(config.HOST))
    return null;
  return (
    `PUBLIC_ORIGIN: required in production when HOST=${config.HOST} serves other machines; set it to the ` +
    "URL people open (https://... behind a TLS proxy), so session cookies get Secure and only that origin is trusted"
  );
}
