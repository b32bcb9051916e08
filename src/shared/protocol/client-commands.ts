import { z } from "zod";
import {
  consumerOptionsSchema,
  dtlsParametersSchema,
  iceParametersSchema,
  routerRtpCapabilitiesOutputSchema,
  rtpCapabilitiesSchema,
  rtpParametersSchema,
  transportOptionsSchema,
} from "./media-schemas";
import { staffCommands } from "./admin-schemas";
import { chatCommands, chatJoinSchema } from "./chat-schemas";
import { pingInputSchema, pingOutputSchema } from "./notification-schemas";
import { reactionEmojiSchema } from "./reaction-schemas";
import {
  AUDIENCE_PAGE_MAX,
  audioFrameMsSchema,
  audiencePageSchema,
  blockScopeSchema,
  idSchema,
  memberSchema,
  roomCountsSchema,
  roomSnapshotSchema,
} from "./room-schemas";

/** Longest first-audio wait a client reports; past it the client sends nothing (something else is wrong). */
export const FIRST_AUDIO_MAX_MS = 60_000;

/**
 * Every command a client may send over the socket, declared once: the input schema the server
 * parses with safeParse, and the schema of the `data` in a successful ack. Names are imperative.
 */
export const clientCommands = {
  /** Enter a room (or re-enter after a reconnect); answers with a bounded snapshot (stage, counts, first audience page). */
  "room:join": {
    input: z.object({
      roomId: idSchema,
      /** A closed room's share key from its link: lets a signed-in person in. */
      shareKey: z.string().min(1).max(64).optional(),
    }),
    output: z.object({
      snapshot: roomSnapshotSchema,
      routerRtpCapabilities: routerRtpCapabilitiesOutputSchema,
      /** Who the server knows this connection as (guests get their id here). */
      you: z.object({ userId: idSchema, isGuest: z.boolean() }),
      /** How speakers send audio in this room: Opus frames of `frameMs` (the room's setting). */
      audio: z.object({ frameMs: audioFrameMsSchema }),
      /** The room's chat: newest messages, rules, whether you may write (absent: no chat here). */
      chat: chatJoinSchema.optional(),
    }),
  },
  /**
   * The next page of the audience in join order, after `cursor` (from the snapshot or the previous
   * page; none: from the start). Paging sees every listener present throughout exactly once, even
   * while people join and leave. A cursor this server did not make is refused with invalid_input.
   */
  "room:audience": {
    input: z.object({
      cursor: z.string().min(1).max(200).optional(),
      limit: z.number().int().min(1).max(AUDIENCE_PAGE_MAX).optional(),
    }),
    output: audiencePageSchema.extend({ counts: roomCountsSchema }),
  },
  /** Hosts and moderators: the whole hand queue, oldest first (e.g. after becoming a moderator). */
  "room:hand-queue": { input: z.object({}), output: z.object({ raisedHands: z.array(memberSchema) }) },
  /** Leave the current room quietly. */
  "room:leave": { input: z.object({}), output: z.object({}) },
  /** A speaker mutes or unmutes their own microphone. */
  "room:set-muted": { input: z.object({ muted: z.boolean() }), output: z.object({ muted: z.boolean() }) },
  /** The host ends the room for everyone. */
  "room:end": { input: z.object({}), output: z.object({}) },
  /** A listener asks to speak; joins the back of the hand queue. */
  "room:raise-hand": { input: z.object({}), output: z.object({}) },
  /** A listener takes their own hand down. */
  "room:lower-hand": { input: z.object({}), output: z.object({}) },
  /** The host turns hand raising on or off; turning it off lowers every raised hand. */
  "room:set-hand-raising": { input: z.object({ enabled: z.boolean() }), output: z.object({}) },
  /**
   * The host switches music mode on or off (echo cancellation, noise suppression and auto gain off,
   * stereo high-bitrate Opus); everyone sees the room's mode.
   */
  "room:set-music-mode": { input: z.object({ enabled: z.boolean() }), output: z.object({}) },
  /**
   * The host starts or stops recording the stage; everyone sees `room:recording-changed`. Refused:
   * not the host (forbidden), already in that state or no recorder on this server (invalid_state).
   */
  "room:set-recording": { input: z.object({ enabled: z.boolean() }), output: z.object({}) },
  /** A host or moderator invites a listener on stage; the listener still has to accept. */
  "room:invite-to-speak": { input: z.object({ userId: idSchema }), output: z.object({}) },
  /** The invited listener accepts (comes on stage, muted) or declines. */
  "room:respond-to-invitation": { input: z.object({ accept: z.boolean() }), output: z.object({}) },
  /** A host or moderator mutes someone on stage; that person may unmute again. */
  "room:mute-member": { input: z.object({ userId: idSchema }), output: z.object({}) },
  /** Sends someone on stage back to the audience (their microphone closes at once); also stepping down oneself. */
  "room:move-to-audience": { input: z.object({ userId: idSchema }), output: z.object({}) },
  /** Makes a speaker a moderator, or (host only) a moderator a speaker again. */
  "room:set-moderator": {
    input: z.object({ userId: idSchema, moderator: z.boolean() }),
    output: z.object({}),
  },
  /** The host hands the room to a moderator and becomes a moderator. */
  "room:transfer-host": { input: z.object({ userId: idSchema }), output: z.object({}) },
  /** A host or moderator removes someone, optionally blocking them from this room or all the host's rooms. */
  "room:remove-member": {
    input: z.object({ userId: idSchema, block: blockScopeSchema }),
    output: z.object({}),
  },
  /**
   * A member (not a guest) reacts with one of the room's emoji. Gathered per room and sent to
   * everyone as counts (`room:reactions`); past REACTIONS_PER_SECOND a member is refused with rate_limited.
   */
  "room:react": { input: z.object({ emoji: reactionEmojiSchema }), output: z.object({}) },
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
  /** Ask people I follow to join the room I am in; each is pinged or refused with a reason. */
  "room:ping": { input: pingInputSchema, output: pingOutputSchema },
  /** Keep this connection told when the hallway changes (`hallway:changed`); the home page sends it. */
  "hallway:watch": { input: z.object({}), output: z.object({}) },
  /** After a network change: new ICE credentials for one of my transports (the cheap fix, before a full rejoin). */
  "media:restart-ice": { input: z.object({ transportId: idSchema }), output: iceParametersSchema },
  /**
   * Once per join: how long this client took from sending room:join to receiving its first audio
   * packet (for the operator's join-to-first-audio histogram). A second report for the same join
   * is refused with invalid_state.
   */
  "metrics:first-audio": {
    input: z.object({ ms: z.number().int().min(0).max(FIRST_AUDIO_MAX_MS) }),
    output: z.object({}),
  },
  /** Platform staff: silent listen-in (see admin-schemas.ts). */
  ...staffCommands,
  /** The room's chat backchannel (see chat-schemas.ts). */
  ...chatCommands,
} as const;

export type ClientCommandName = keyof typeof clientCommands;
export type CommandInput<K extends ClientCommandName> = z.input<(typeof clientCommands)[K]["input"]>;
export type CommandOutput<K extends ClientCommandName> = z.infer<(typeof clientCommands)[K]["output"]>;
