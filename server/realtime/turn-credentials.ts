import { createHmac } from "node:crypto";
import type { IceServer } from "./realtime-deps";

export type TurnSettings = { urls: readonly string[]; secret: string; ttlSeconds: number };

/**
 * The "TURN REST API" credentials coturn checks with `use-auth-secret`: the username is the expiry
 * (unix seconds) and who it is for, the password the base64 HMAC-SHA1 of the username under the
 * shared secret. coturn recomputes it, so nothing is stored, and a credential stops working at its
 * expiry; the secret itself never leaves the server.
 */
export function turnCredentials(settings: TurnSettings, subject: string, nowMs: number): IceServer {
  const expiry = Math.floor(nowMs / 1000) + settings.ttlSeconds;
  // A colon would make coturn read a different expiry; ids never have one, but a guest id is ours to shape.
  const username = `${expiry}:${subject.replaceAll(":", "_")}`;
  const credential = createHmac("sha1", settings.secret).update(username).digest("base64");
  return { urls: [...settings.urls], username, credential };
}

/**
 * The ICE servers one client gets with each transport: the operator's fixed list (ICE_SERVERS,
 * e.g. STUN) and, with TURN configured, credentials made for this person now, so every join and
 * rejoin (which makes new transports) renews them.
 */
export function iceServersProvider(
  fixed: readonly IceServer[],
  turn: TurnSettings | null,
  now: () => number = Date.now,
): (subject: string) => IceServer[] {
  if (!turn) return () => [...fixed];
  return (subject) => [...fixed, turnCredentials(turn, subject, now())];
}
