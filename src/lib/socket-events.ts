import type { Socket } from "socket.io-client";
import type { z } from "zod";
import { serverEvents, type ServerEventName, type ServerEventPayload } from "@/shared/protocol";

function schemaOf<K extends ServerEventName>(
  events: { [P in ServerEventName]: z.ZodType<ServerEventPayload<P>> },
  name: K,
): z.ZodType<ServerEventPayload<K>> {
  return events[name];
}

/**
 * Subscribes to a server event; payloads that do not match the protocol are dropped, not trusted.
 * Returns the unsubscribe (feature components subscribe in effects and must let go on unmount).
 */
export function onServerEvent<K extends ServerEventName>(
  socket: Socket,
  name: K,
  handler: (payload: ServerEventPayload<K>) => void,
): () => void {
  const schema = schemaOf(serverEvents, name);
  const eventName: string = name; // widen: the socket itself is untyped, validation is ours
  const listener = (raw: unknown) => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) handler(parsed.data);
  };
  socket.on(eventName, listener);
  return () => void socket.off(eventName, listener);
}
