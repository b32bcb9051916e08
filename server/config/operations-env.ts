import { z } from "zod";

const port = z.coerce.number().int().min(1).max(65535);
const unsetIfEmpty = <T extends z.ZodType>(schema: T) =>
  schema.optional().or(z.literal("").transform(() => undefined));

/** `turn:host:port[?transport=tcp]` or `turns:...`, comma-separated. */
const turnUrls = z
  .string()
  .transform((raw) =>
    raw
      .split(",")
      .map((url) => url.trim())
      .filter((url) => url !== ""),
  )
  .pipe(
    z
      .array(z.string().regex(/^turns?:[^\s,]+$/, "each TURN URL must start with turn: or turns:"))
      .min(1)
      .max(10),
  );

/**
 * What operators of a public deployment set: TURN (relayed media for strict NATs and UDP-blocking
 * firewalls) and the metrics endpoint. Every key is optional; unset, nothing changes.
 */
export const operationsEnvSchema = z.object({
  /** coturn's URLs handed to browsers, e.g. `turn:turn.example.org:3478,turns:turn.example.org:5349`. */
  TURN_URLS: unsetIfEmpty(turnUrls),
  /** coturn's `static-auth-secret`: signs each client's short-lived credentials; never sent to anyone. */
  TURN_SECRET: unsetIfEmpty(z.string().min(16, "TURN_SECRET must be at least 16 characters")),
  /**
   * How long handed-out TURN credentials work. coturn checks the expiry when a relay is allocated;
   * an allocation in progress keeps being refreshed after it (measured with coturn 4.6.1: REFRESH
   * accepted 20 s past expiry, audio still relayed), so a long call is not cut. What the TTL bounds
   * is new allocations: an ICE restart or a new transport (every join gets fresh credentials, and a
   * failed restart ends in a rejoin), and what a leaked credential is worth. An hour covers a slow
   * join and a few ICE restarts; much shorter would turn ordinary restarts into full rejoins.
   */
  TURN_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
  /** `relay` makes every browser send media only through TURN (hides client addresses from the SFU's peers). */
  ICE_TRANSPORT_POLICY: z.enum(["all", "relay"]).default("all"),
  /** Bearer token that opens /metrics on the app's port. */
  METRICS_TOKEN: unsetIfEmpty(z.string().min(16, "METRICS_TOKEN must be at least 16 characters")),
  /** A separate port for /metrics only (no token needed there), bound to METRICS_HOST. */
  METRICS_PORT: unsetIfEmpty(port),
  METRICS_HOST: z.string().default("127.0.0.1"),
  /**
   * Cluster mode: from this many open sockets /api/ready says the node is full (503), so a front
   * door checking it sends newcomers to another node. Sockets already open stay, and one that
   * still arrives is taken: a placement hint, not a refusal. Unset, only media seats make a node
   * full.
   */
  READY_MAX_SOCKETS: unsetIfEmpty(z.coerce.number().int().min(1).max(10_000_000)),
});

type OperationsEnv = z.infer<typeof operationsEnvSchema> & { ICE_SERVERS: string };

/** A sentence naming the variable, or null when the combination is sound. */
export function operationsProblem(env: OperationsEnv): string | null {
  if (env.TURN_URLS && !env.TURN_SECRET)
    return "TURN_SECRET: required with TURN_URLS (coturn's static-auth-secret)";
  if (env.TURN_SECRET && !env.TURN_URLS) return "TURN_URLS: required with TURN_SECRET";
  if (env.ICE_TRANSPORT_POLICY === "relay" && !env.TURN_URLS && !/turns?:/.test(env.ICE_SERVERS))
    return "ICE_TRANSPORT_POLICY: relay needs a TURN server (TURN_URLS or a turn: entry in ICE_SERVERS)";
  return null;
}
