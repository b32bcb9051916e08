import { z } from "zod";

/**
 * Every limit on every edge, in one place. Each is an environment variable with a documented
 * default (README "Configuration", "Limits"); `envSchema` (env.ts) includes these keys, and the
 * services read them through `limitsOf(config)` so no module carries its own magic number.
 *
 * The defaults are sized for a community of thousands on one machine: generous enough that a whole
 * school or office behind one NAT address can join one room, tight enough that one script cannot
 * outguess a password, burn the CPU on password hashing, or flood a room.
 */
const positive = (max: number) => z.coerce.number().int().min(1).max(max);

export const limitsEnvSchema = z.object({
  /** Concurrent Socket.IO connections from one client address (a NAT can hide many people). */
  MAX_SOCKETS_PER_IP: positive(100_000).default(64),
  /** Commands one socket may send at once, and refilled per second after that. */
  SOCKET_COMMAND_BURST: positive(10_000).default(60),
  SOCKET_COMMANDS_PER_SECOND: positive(10_000).default(20),
  /** room:join calls from one client address per minute. */
  JOINS_PER_IP_PER_MINUTE: positive(100_000).default(120),
  /**
   * Failed sign-ins per client address (any account), and per account from one address, in one
   * 15-minute window. The per-account count is per address, so a stranger's guesses do not lock
   * the owner out (docs/SECURITY.md "Sign-in limits").
   */
  SIGNIN_PER_IP_PER_15_MIN: positive(100_000).default(20),
  SIGNIN_PER_ACCOUNT_PER_15_MIN: positive(10_000).default(5),
  /**
   * Past SIGNIN_PER_ACCOUNT_PER_15_MIN failures of one account from all addresses together, each
   * further attempt on it waits this long after the last failure, doubling per failure up to the
   * maximum: a guesser with many addresses gets about one guess per maximum, the owner waits at
   * most that long.
   */
  SIGNIN_BACKOFF_BASE_MS: positive(3_600_000).default(1_000),
  SIGNIN_BACKOFF_MAX_MS: positive(3_600_000).default(60_000),
  /** Account creations from one client address per hour. */
  SIGNUPS_PER_IP_PER_HOUR: positive(10_000).default(10),
  /** Rooms one person may start or schedule per hour, and hold live / scheduled at once. */
  ROOM_CREATIONS_PER_USER_PER_HOUR: positive(10_000).default(20),
  LIVE_ROOMS_PER_USER: positive(1_000).default(2),
  SCHEDULED_ROOMS_PER_USER: positive(10_000).default(20),
  /**
   * Rooms of one host shown at most in a viewer's Upcoming list (the next ones by time), so one
   * person's announcements cannot push everyone else's out of it.
   */
  UPCOMING_ROOMS_PER_HOST: positive(50).default(3),
  /** Profile picture uploads per person per hour. */
  AVATAR_UPLOADS_PER_USER_PER_HOUR: positive(10_000).default(10),
  /**
   * Largest picture an avatar upload may declare, in pixels (width × height), checked from its
   * header before decoding: 40 MP takes any phone photo, and refuses decompression bombs (a small
   * PNG of 10,000 × 10,000 would decode to 400 MB).
   */
  AVATAR_MAX_INPUT_PIXELS: positive(1_000_000_000).default(40_000_000),
  /** Largest HTTP JSON body, in bytes (avatar uploads have their own limit). */
  MAX_JSON_BODY_BYTES: positive(10_000_000).default(16 * 1024),
  /** Largest Socket.IO message, in bytes: a larger one closes that connection. */
  MAX_SOCKET_MESSAGE_BYTES: positive(10_000_000).default(64 * 1024),
  /**
   * Which hops may set X-Forwarded-For: unset/empty trusts nobody (the socket's own address is the
   * client), a number trusts that many proxy hops, otherwise a comma-separated list of proxy
   * addresses. Parsed by the HTTP layer.
   */
  TRUST_PROXY: z.string().default(""),
  /**
   * Most bits per second one speaker's send transport may take in, told to their browser through
   * the server's bandwidth estimate. 1.5 Mbit/s is ample for stereo music in Opus (at most 510
   * kbit/s) and stops a client that claims more from being invited to.
   */
  MEDIA_MAX_INCOMING_BITRATE: z.coerce.number().int().min(64_000).max(100_000_000).default(1_500_000),
  /**
   * Reports one person may send per hour, and minutes before they may report the same room or
   * person again (a repeat adds nothing the moderators do not already have).
   */
  REPORTS_PER_USER_PER_HOUR: positive(10_000).default(10),
  REPORT_SAME_TARGET_MINUTES: positive(24 * 60).default(10),
  /** Chat messages one person may send in any CHAT_WINDOW_SECONDS (per room; slow mode comes on top). */
  CHAT_MESSAGES_PER_WINDOW: positive(1_000).default(5),
  CHAT_WINDOW_SECONDS: positive(3_600).default(10),
  /**
   * How long the server gathers a room's new chat messages before sending them as one event
   * (0: each message at once). 100 ms is not noticed in a conversation, and turns a burst of
   * messages in a room of thousands into one write per member per window.
   */
  CHAT_FANOUT_WINDOW_MS: z.coerce.number().int().min(0).max(2_000).default(100),
  /** Hours between sweeps of expired sign-in sessions (0 switches the sweep off). */
  SESSION_PURGE_INTERVAL_HOURS: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 30)
    .default(6),
});

export type LimitsEnv = z.infer<typeof limitsEnvSchema>;

/** The limits, grouped by the edge they guard. */
export type Limits = {
  sockets: { perIp: number; commandBurst: number; commandsPerSecond: number; joinsPerIpPerMinute: number };
  signIn: {
    perIp: number;
    perAccount: number;
    windowMs: number;
    backoffBaseMs: number;
    backoffMaxMs: number;
  };
  signUp: { perIpPerHour: number };
  rooms: { creationsPerHour: number; livePerUser: number; scheduledPerUser: number; upcomingPerHost: number };
  media: { maxIncomingBitrate: number };
  uploads: { avatarsPerHour: number; avatarMaxInputPixels: number };
  payload: { jsonBodyBytes: number; socketMessageBytes: number };
  reports: { perHour: number; sameTargetMs: number };
  chat: { perWindow: number; windowMs: number; fanoutWindowMs: number };
  trustProxy: string;
  sessionPurgeIntervalMs: number;
};

export function limitsOf(env: LimitsEnv): Limits {
  return {
    sockets: {
      perIp: env.MAX_SOCKETS_PER_IP,
      commandBurst: env.SOCKET_COMMAND_BURST,
      commandsPerSecond: env.SOCKET_COMMANDS_PER_SECOND,
      joinsPerIpPerMinute: env.JOINS_PER_IP_PER_MINUTE,
    },
    signIn: {
      perIp: env.SIGNIN_PER_IP_PER_15_MIN,
      perAccount: env.SIGNIN_PER_ACCOUNT_PER_15_MIN,
      windowMs: 15 * 60 * 1000,
      backoffBaseMs: env.SIGNIN_BACKOFF_BASE_MS,
      backoffMaxMs: Math.max(env.SIGNIN_BACKOFF_BASE_MS, env.SIGNIN_BACKOFF_MAX_MS),
    },
    signUp: { perIpPerHour: env.SIGNUPS_PER_IP_PER_HOUR },
    rooms: {
      creationsPerHour: env.ROOM_CREATIONS_PER_USER_PER_HOUR,
      livePerUser: env.LIVE_ROOMS_PER_USER,
      scheduledPerUser: env.SCHEDULED_ROOMS_PER_USER,
      upcomingPerHost: env.UPCOMING_ROOMS_PER_HOST,
    },
    media: { maxIncomingBitrate: env.MEDIA_MAX_INCOMING_BITRATE },
    uploads: {
      avatarsPerHour: env.AVATAR_UPLOADS_PER_USER_PER_HOUR,
      avatarMaxInputPixels: env.AVATAR_MAX_INPUT_PIXELS,
    },
    payload: { jsonBodyBytes: env.MAX_JSON_BODY_BYTES, socketMessageBytes: env.MAX_SOCKET_MESSAGE_BYTES },
    reports: {
      perHour: env.REPORTS_PER_USER_PER_HOUR,
      sameTargetMs: env.REPORT_SAME_TARGET_MINUTES * 60 * 1000,
    },
    chat: {
      perWindow: env.CHAT_MESSAGES_PER_WINDOW,
      windowMs: env.CHAT_WINDOW_SECONDS * 1000,
      fanoutWindowMs: env.CHAT_FANOUT_WINDOW_MS,
    },
    trustProxy: env.TRUST_PROXY,
    sessionPurgeIntervalMs: env.SESSION_PURGE_INTERVAL_HOURS * 60 * 60 * 1000,
  };
}
