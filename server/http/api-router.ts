import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import { CSRF_HEADER, fail, toInputIssues, type Ack, type CurrentUser } from "../../src/shared/protocol";
import type { Logger } from "../logging/logger";
import { loggableUrl } from "../logging/loggable-url";
import { SESSION_COOKIE, readCookie } from "./cookies";
import type { AccountStore } from "./http-ports";
import { readJsonBody, sendAck, sendRaw } from "./json-io";
import { isSameOrigin, type OriginPolicy } from "./same-origin";

export type RouteContext<Body> = {
  request: IncomingMessage;
  params: Record<string, string>;
  body: Body;
  user: CurrentUser | null;
  sessionToken: string | undefined;
  /** Extra response headers (Set-Cookie). */
  headers: Record<string, string>;
};

/** How large a request body may be (from the limits module: MAX_JSON_BODY_BYTES). */
export type BodyLimits = { jsonBodyBytes: number };

/** A non-JSON answer (a file download), sent instead of the ack when the ack is ok. */
export type RawBody = { contentType: string; text: string };

export type Route = {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path with `:name` segments, e.g. /api/rooms/:roomId */
  path: string;
  /** Staff routes (staff-route.ts): the least role that may call it; the permission test reads it. */
  staffMinimum?: "moderator" | "admin";
  handle(
    request: IncomingMessage,
    params: Record<string, string>,
    user: CurrentUser | null,
    token: string | undefined,
    limits: BodyLimits,
  ): Promise<{ ack: Ack<unknown>; headers: Record<string, string>; raw?: RawBody }>;
};

/** Declares one JSON endpoint: its body is parsed with a protocol schema before `fn` runs. */
export function defineRoute<Body, Out>(
  method: Route["method"],
  path: string,
  bodySchema: z.ZodType<Body> | null,
  fn: (ctx: RouteContext<Body | undefined>) => Promise<Ack<Out>>,
): Route {
  return {
    method,
    path,
    async handle(request, params, user, token, limits) {
      const headers: Record<string, string> = {};
      if (!bodySchema)
        return {
          ack: await fn({ request, params, body: undefined, user, sessionToken: token, headers }),
          headers,
        };
      const raw = await readJsonBody(request, limits.jsonBodyBytes);
      if (!raw.ok) return { ack: raw, headers };
      const parsed = bodySchema.safeParse(raw.value);
      if (!parsed.success)
        return {
          ack: fail("invalid_input", "Please check the highlighted fields.", toInputIssues(parsed.error)),
          headers,
        };
      return {
        ack: await fn({ request, params, body: parsed.data, user, sessionToken: token, headers }),
        headers,
      };
    },
  };
}

/**
 * Declares an endpoint that answers with a file (e.g. text/calendar) when `fn` succeeds, and with
 * the usual JSON error ack when it refuses. `fn` sets Content-Disposition etc. in `headers`.
 */
export function defineRawRoute(
  method: Route["method"],
  path: string,
  fn: (ctx: RouteContext<undefined>) => Promise<Ack<RawBody>>,
): Route {
  return {
    method,
    path,
    async handle(request, params, user, token) {
      const headers: Record<string, string> = {};
      const answer = await fn({ request, params, body: undefined, user, sessionToken: token, headers });
      return answer.ok ? { ack: answer, headers, raw: answer.data } : { ack: answer, headers };
    },
  };
}

function match(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split("/");
  const got = pathname.split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i] ?? "";
    const actual = got[i] ?? "";
    if (segment.startsWith(":")) params[segment.slice(1)] = decodeURIComponent(actual);
    else if (segment !== actual) return null;
  }
  return params;
}

export type ApiRouterDeps = {
  accounts: AccountStore;
  logger: Logger;
  origins: OriginPolicy;
  bodyLimits: BodyLimits;
};

/**
 * Why a state-changing request is refused as cross-site, or null when it is ours. Three layers,
 * each enough on its own in current browsers:
 * 1. The session cookie is SameSite=Lax: browsers do not attach it to cross-site POST/DELETE.
 * 2. The Origin (and Sec-Fetch-Site, when sent) must name this site.
 * 3. The request must carry the custom header CSRF_HEADER. A page on another origin cannot set a
 *    custom header without a CORS preflight, and we never answer preflights, so a forged form,
 *    image or fetch cannot pass. Chosen over a double-submit token because it needs no token
 *    state, no extra cookie and no change when sessions rotate, with the same guarantee (it
 *    relies on the CORS rules that also protect the double-submit cookie from being read).
 */
export function crossSiteProblem(request: IncomingMessage, origins: OriginPolicy): string | null {
  if (!isSameOrigin(request, origins)) return "origin";
  const site = request.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") return "sec-fetch-site";
  if (request.headers[CSRF_HEADER] !== "1") return "missing header";
  return null;
}

/**
 * Serves /api/*. State-changing requests must come from our own origin (see crossSiteProblem).
 * Returns false for paths it does not own.
 */
export function createApiRouter(routes: Route[], deps: ApiRouterDeps) {
  return async function handleApi(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (!url.pathname.startsWith("/api/")) return false;
    try {
      const method = request.method ?? "GET";
      if (method !== "GET" && method !== "HEAD") {
        const problem = crossSiteProblem(request, deps.origins);
        if (problem) {
          deps.logger.warn({ path: loggableUrl(url.pathname), problem }, "cross-site request refused");
          sendAck(response, fail("forbidden", "Cross-site requests are not allowed."));
          return true;
        }
      }
      for (const route of routes) {
        const params = match(route.path, url.pathname);
        if (!params) continue;
        if (route.method !== method) continue;
        const token = readCookie(request.headers.cookie, SESSION_COOKIE);
        const user = token ? await deps.accounts.findUserBySessionToken(token) : null;
        const { ack, headers, raw } = await route.handle(request, params, user, token, deps.bodyLimits);
        if (raw) sendRaw(response, raw, headers);
        else sendAck(response, ack, headers);
        return true;
      }
      sendAck(response, fail("not_found", "No such API endpoint."));
    } catch (error) {
      deps.logger.error({ err: error, path: loggableUrl(url.pathname) }, "api request failed");
      if (!response.headersSent) sendAck(response, fail("internal", "Something went wrong on the server."));
    }
    return true;
  };
}
