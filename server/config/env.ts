import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { startupOriginProblem } from "./deployment-rules";
import { limitsEnvSchema } from "./limits";
import { operationsEnvSchema, operationsProblem } from "./operations-env";

const port = z.coerce.number().int().min(0).max(65535);
const flag = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");

/**
 * The whole configuration, validated once at start. Every key has a default that runs the app on
 * one machine with no setup: http://localhost:3000, an embedded database under ./.data, media on
 * 127.0.0.1. Deployments override by environment variables (see README "Configuration").
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().default("localhost"),
  PORT: port.default(3000),
  /** Public origin of the app, used for cookie and CSRF origin checks. Defaults to http://localhost:PORT. */
  PUBLIC_ORIGIN: z.url().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATA_DIR: z.string().default(".data"),
  /** postgresql://... to use PostgreSQL; unset means the embedded database in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** mediasoup workers; one per core is mediasoup's guidance. */
  MEDIA_WORKERS: z.coerce.number().int().min(1).max(64).default(os.availableParallelism()),
  /** IP the media sockets listen on; 0.0.0.0 needs MEDIA_ANNOUNCED_ADDRESS. */
  MEDIA_LISTEN_IP: z.string().default("127.0.0.1"),
  /** Address clients are told to send media to (public IP or hostname behind NAT). */
  MEDIA_ANNOUNCED_ADDRESS: z.string().optional(),
  /** First UDP/TCP port; worker i listens on MEDIA_PORT + i. 0 lets the OS choose (tests). */
  MEDIA_PORT: port.default(40000),
  /**
   * Consumer seats one media worker takes (a listener holds one per speaker). Past it listeners go
   * to another worker; with every worker full, newcomers get room_full. The default is ~85 % of
   * what one core forwards of the worst case, a constant 20 ms voice: bench:fanout measured ~14 µs
   * of worker CPU per SRTP packet, ~1,500 such streams per busy core (docs/BENCHMARKS.md).
   */
  MEDIA_MAX_CONSUMERS_PER_WORKER: z.coerce.number().int().min(1).max(1_000_000).default(1_250),
  /** Most people on stage at once (host, moderators, speakers); Spaces allows 13. */
  STAGE_LIMIT: z.coerce.number().int().min(1).max(100).default(20),
  /** Most people in one room at once (Clubhouse's cap was 8,000). */
  ROOM_MAX_MEMBERS: z.coerce.number().int().min(2).max(100_000).default(8_000),
  /** How long someone whose connection dropped (or who was in a room when the server restarted) keeps their place. */
  ROOM_REJOIN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
  /** A room whose stage has nobody connected this long ends (the host never came, or everyone dropped). */
  ROOM_EMPTY_STAGE_GRACE_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** How often a live room is sampled for its host's chart (listeners, joins, hands, reactions, speakers). */
  ROOM_STATS_SAMPLE_SECONDS: z.coerce.number().min(0.2).max(300).default(5),
  /** JSON array of RTCIceServer objects (e.g. a TURN server) handed to clients. */
  ICE_SERVERS: z.string().default("[]"),
  /** Serve the UI from `next dev` (hot reload) instead of the production build. */
  NEXT_DEV: flag.default(false),
  /** Who may create an account: anyone (open), people with an invite link (invite), nobody (closed). */
  REGISTRATION_MODE: z.enum(["open", "invite", "closed"]).default("invite"),
  /** The username that becomes the admin when it signs up while there is none (no invite needed). */
  ADMIN_USERNAME: z
    .string()
    .trim()
    .min(1)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Invites each member may have outstanding or used (revoked ones give the slot back). */
  INVITES_PER_USER: z.coerce.number().int().min(0).max(1000).default(5),
  /** Days before an unused invite link expires. */
  INVITE_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** Let visitors without an account listen to rooms (as guests who cannot raise a hand). */
  GUEST_LISTENING: flag.default(true),
  /** Let guests write in rooms' chat too (they always read it); off: members write, guests read. */
  GUEST_CHAT: flag.default(false),
  ...operationsEnvSchema.shape,
  /** Only people whose real name staff verified may be brought on stage (hosts excepted). */
  REQUIRE_VERIFIED_TO_SPEAK: flag.default(false),
  /** Only people whose real name staff verified may start or schedule rooms. */
  REQUIRE_VERIFIED_TO_HOST: flag.default(false),
  ...limitsEnvSchema.shape,
});

export type Env = z.infer<typeof envSchema>;

export type AppConfig = Env & { dataDir: string; publicOrigin: string };

/** Parses the environment; throws one readable error listing every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  if (env.MEDIA_LISTEN_IP === "0.0.0.0" && !env.MEDIA_ANNOUNCED_ADDRESS) {
    throw new Error(
      "Invalid configuration:\n  MEDIA_ANNOUNCED_ADDRESS: required when MEDIA_LISTEN_IP is 0.0.0.0",
    );
  }
  const operations = operationsProblem(env);
  if (operations) throw new Error(`Invalid configuration:\n  ${operations}`);
  const originProblem = startupOriginProblem(env);
  if (originProblem) throw new Error(`Invalid configuration:\n  ${originProblem}`);
  return {
    ...env,
    dataDir: path.resolve(env.DATA_DIR),
    publicOrigin: env.PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`,
  };
}
