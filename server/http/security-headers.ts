import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export type SecurityHeaderOptions = {
  /** The public origin; https adds HSTS, upgrade-insecure-requests and its wss:// socket origin. */
  publicOrigin: string;
  /** `next dev` needs eval for React's debugging and a websocket for hot reload. */
  dev: boolean;
};

/** Paths our own server answers (JSON, avatar files); everything else is a Next.js page or asset. */
const NON_PAGE_PREFIXES = ["/api/", "/avatars/"];

/**
 * The page policy. Scripts: only those carrying this response's nonce (Next.js puts it on its own
 * inline bootstrap and chunk scripts when it finds it in the request's CSP header), and what they
 * load ('strict-dynamic'); no inline handlers, no eval. Styles allow inline because React
 * renders `style` attributes and they cannot carry a nonce; CSS cannot run script. Audio: the
 * socket (same origin, ws/wss), remote tracks played from MediaStreams, test sounds from blobs.
 */
export function pageContentSecurityPolicy(nonce: string, options: SecurityHeaderOptions): string {
  const origin = new URL(options.publicOrigin);
  const https = origin.protocol === "https:";
  const socketOrigin = `${https ? "wss" : "ws"}://${origin.host}`;
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    `connect-src 'self' ${socketOrigin}${options.dev ? " ws: wss:" : ""}`,
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/**
 * Sets the headers every response carries, and for pages a fresh per-request nonce CSP, also put
 * on the request so Next.js stamps the nonce on its scripts (it reads the nonce from the request's
 * `content-security-policy` header). A response may override a header later (avatar files set
 * their own stricter CSP).
 */
export function applySecurityHeaders(
  request: IncomingMessage,
  response: ServerResponse,
  options: SecurityHeaderOptions,
): void {
  const pathname = (request.url ?? "/").split("?")[0] ?? "/";
  response.setHeader("x-content-type-options", "nosniff");
  response.setHeader("referrer-policy", "same-origin");
  response.setHeader("permissions-policy", "microphone=(self), camera=(), geolocation=()");
  response.setHeader("x-frame-options", "DENY");
  if (options.publicOrigin.startsWith("https://"))
    response.setHeader("strict-transport-security", "max-age=31536000");
  if (NON_PAGE_PREFIXES.some((prefix) => pathname.startsWith(prefix))) {
    response.setHeader("content-security-policy", "default-src 'none'; frame-ancestors 'none'");
    return;
  }
  const nonce = randomBytes(16).toString("base64");
  const policy = pageContentSecurityPolicy(nonce, options);
  request.headers["content-security-policy"] = policy;
  response.setHeader("content-security-policy", policy);
}
