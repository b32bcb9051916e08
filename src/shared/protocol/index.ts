// First: configures zod before any schema is built (see zod-config.ts).
import "./zod-config";
import type { Ack } from "./ack";
import type { ClientCommandName, CommandInput, CommandOutput } from "./client-commands";
import type { ServerEventName, ServerEventPayload } from "./server-events";

export * from "./ack";
export * from "./account-schemas";
export * from "./admin-schemas";
export * from "./chat-schemas";
export * from "./chat-text";
export * from "./client-commands";
export * from "./connect-errors";
export * from "./http-schemas";
export * from "./link-preview-schemas";
export * from "./media-schemas";
export * from "./notification-schemas";
export * from "./report-schemas";
export * from "./reaction-schemas";
export * from "./recording-schemas";
export * from "./room-directory-schemas";
export * from "./room-schemas";
export * from "./room-stats-schemas";
export * from "./schedule-schemas";
export * from "./server-events";
export * from "./staff-schemas";

/** Bumped on any incompatible change to the events or schemas of this module. */
export const PROTOCOL_VERSION = 1;

/** Socket.IO event map for the browser: typed inputs, typed acks. */
export type ClientToServerEvents = {
  [K in ClientCommandName]: (input: CommandInput<K>, ack: (answer: Ack<CommandOutput<K>>) => void) => void;
};

/**
 * The same commands as the server receives them: the input is `unknown` until it is parsed,
 * because type hints are not validation.
 */
export type ServerInboundEvents = Record<ClientCommandName, (input: unknown, ack: unknown) => void>;

export type ServerToClientEvents = {
  [K in ServerEventName]: (payload: ServerEventPayload<K>) => void;
};
