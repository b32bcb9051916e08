import { z } from "zod";

/**
 * The messages between bench/storm.ts and its client processes (bench/lib/storm-client.ts).
 * Both sides parse what they receive: an IPC message is input like any other.
 */
export const stormCommandSchema = z.discriminatedUnion("type", [
  /** Connect `count` guests and join `roomId`, client i at startAt + i * spreadMs / count (epoch ms). */
  z.object({
    type: z.literal("start"),
    url: z.string(),
    /** Several nodes of one cluster: client i connects to urls[i % urls.length] instead of `url`. */
    urls: z.array(z.string()).min(1).optional(),
    roomId: z.string(),
    count: z.number().int(),
    startAt: z.number(),
    spreadMs: z.number(),
  }),
  /** Running totals, for the parent to see when the storm has settled. */
  z.object({ type: z.literal("poll"), id: z.number() }),
  /** Per-client cumulative counters right now (a window edge). */
  z.object({ type: z.literal("snapshot"), id: z.number() }),
  /** Watch for the next event whose raw text contains `needle`; answer `armed`, then `seen` when all clients saw it. */
  z.object({ type: z.literal("mark"), id: z.number(), needle: z.string(), timeoutMs: z.number() }),
  z.object({ type: z.literal("stop") }),
]);
export type StormCommand = z.infer<typeof stormCommandSchema>;

export const stormReplySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ready") }),
  z.object({
    type: z.literal("totals"),
    id: z.number(),
    acked: z.number(),
    failed: z.number(),
    events: z.number(),
    bytes: z.number(),
    cpuMs: z.number(),
  }),
  z.object({
    type: z.literal("snapshot"),
    id: z.number(),
    at: z.number(),
    /** Epoch ms of each client's join ack; 0 while not joined (or failed). */
    joinedAt: z.array(z.number()),
    events: z.array(z.number()),
    bytes: z.array(z.number()),
  }),
  /** Join results once every client has an answer: ack latencies (ms) and failures. */
  z.object({
    type: z.literal("joined"),
    connectMs: z.array(z.number()),
    ackMs: z.array(z.number()),
    ackBytes: z.array(z.number()),
    failures: z.array(z.string()),
    /** Index (into `urls`, 0 without) of the node each `ackMs` entry's client is connected to. */
    ackNodes: z.array(z.number()).optional(),
    /** Failed joins per node index. */
    failedByNode: z.array(z.number()).optional(),
  }),
  z.object({ type: z.literal("armed"), id: z.number() }),
  /** Epoch ms at which each client first saw the marked event; `missing` never did within the timeout. */
  z.object({
    type: z.literal("seen"),
    id: z.number(),
    arrivals: z.array(z.number()),
    missing: z.number(),
    /** Node index of each arrival's client (parallel to `arrivals`). */
    arrivalNodes: z.array(z.number()).optional(),
  }),
]);
export type StormReply = z.infer<typeof stormReplySchema>;
