import { z } from "zod";

/**
 * Why the server refused to open a Socket.IO connection: the `message` of the client's
 * `connect_error` (the refusal's words for people travel in its `data.message` too).
 */
export const connectRefusalSchema = z.enum([
  /** No session, and guests may not listen here. */
  "unauthorized",
  /** This network (client address) already holds MAX_SOCKETS_PER_IP connections. */
  "too_many_connections",
  "internal",
]);
export type ConnectRefusal = z.infer<typeof connectRefusalSchema>;

/** What the UI says for each refusal. */
export const CONNECT_REFUSAL_MESSAGES: Record<ConnectRefusal, string> = {
  unauthorized: "Sign in to join this room.",
  too_many_connections:
    "Too many connections from your network right now. Close some tabs or try again in a minute.",
  internal: "The server could not open a connection. Retrying…",
};

/** The refusal a `connect_error` names, or null when it is something else (the network). */
export function connectRefusalOf(error: { message: string }): ConnectRefusal | null {
  const parsed = connectRefusalSchema.safeParse(error.message);
  return parsed.success ? parsed.data : null;
}
