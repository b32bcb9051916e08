import { z } from "zod";
import {
  consumerOptionsSchema,
  dtlsParametersSchema,
  routerRtpCapabilitiesOutputSchema,
  rtpCapabilitiesSchema,
  rtpParametersSchema,
  transportOptionsSchema,
} from "./media-schemas";
import { idSchema, roomSnapshotSchema } from "./room-schemas";

/**
 * Every command a client may send over the socket, declared once: the input schema the server
 * parses with safeParse, and the schema of the `data` in a successful ack. Names are imperative.
 */
export const clientCommands = {
  /** Enter a room (or re-enter after a reconnect); answers with the full snapshot. */
  "room:join": {
    input: z.object({ roomId: idSchema }),
    output: z.object({ snapshot: roomSnapshotSchema, routerRtpCapabilities: routerRtpCapabilitiesOutputSchema }),
  },
  /** Leave the current room quietly. */
  "room:leave": { input: z.object({}), output: z.object({}) },
  /** A speaker mutes or unmutes their own microphone. */
  "room:set-muted": { input: z.object({ muted: z.boolean() }), output: z.object({ muted: z.boolean() }) },
  /** The host ends the room for everyone. */
  "room:end": { input: z.object({}), output: z.object({}) },
  /** Create a WebRTC transport: `send` only for people allowed on stage, `recv` for everyone. */
  "media:create-transport": {
    input: z.object({ direction: z.enum(["send", "recv"]) }),
    output: transportOptionsSchema,
  },
  "media:connect-transport": {
    input: z.object({ transportId: idSchema, dtlsParameters: dtlsParametersSchema }),
    output: z.object({}),
  },
  /** Publish the microphone. Refused with `forbidden` unless the room allowed this user to publish. */
  "media:produce": {
    input: z.object({ transportId: idSchema, kind: z.literal("audio"), rtpParameters: rtpParametersSchema }),
    output: z.object({ producerId: z.string() }),
  },
  /** Receive one producer; the consumer starts paused until `media:resume-consumer`. */
  "media:consume": {
    input: z.object({ producerId: idSchema, rtpCapabilities: rtpCapabilitiesSchema }),
    output: consumerOptionsSchema,
  },
  "media:resume-consumer": { input: z.object({ consumerId: idSchema }), output: z.object({}) },
} as const;

export type ClientCommandName = keyof typeof clientCommands;
export type CommandInput<K extends ClientCommandName> = z.input<(typeof clientCommands)[K]["input"]>;
export type CommandOutput<K extends ClientCommandName> = z.infer<(typeof clientCommands)[K]["output"]>;
