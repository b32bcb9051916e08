import { z } from "zod";

/** One fan-out configuration: what bench/fanout.ts asks a fanout-run.ts process to measure. */
export const fanoutConfigSchema = z.object({
  label: z.string(),
  target: z.enum(["bare", "app"]),
  /** mediasoup workers the target may use (bare: 1 = one router; 2 = origin + piped listener router). */
  workers: z.number().int().min(1).max(8),
  input: z.enum(["tone", "speech"]),
  ptimeMs: z.union([z.literal(20), z.literal(40), z.literal(60)]),
  sink: z.enum(["drop", "count"]),
  /** Listener totals to step through, ascending; stops early once the workers saturate. */
  steps: z.array(z.number().int().positive()),
  windowMs: z.number().int().positive(),
  /** Stop at the first saturated step (default). Off on a machine others load: loss then says little. */
  stopWhenSaturated: z.boolean(),
  /** Informational: which worker binary the process runs (it reads MEDIASOUP_WORKER_BIN itself). */
  workerBin: z.string(),
});
export type FanoutConfig = z.infer<typeof fanoutConfigSchema>;

export const fanoutStepSchema = z.object({
  streams: z.number(),
  /** Packets the speaker sent per second (what reached the producer's socket). */
  sentPerSecond: z.number(),
  deliveredPerSecond: z.number(),
  /** Delivered packets / (sent packets × listeners), 1 = nothing lost. */
  deliveredFraction: z.number(),
  workerCpu: z.array(z.number()),
  /** CPU % of the sink process (0 for the drop sink, which never runs). */
  sinkCpu: z.number(),
  loadavg: z.number(),
});
export type FanoutStep = z.infer<typeof fanoutStepSchema>;

export const fanoutResultSchema = z.object({
  type: z.literal("result"),
  label: z.string(),
  steps: z.array(fanoutStepSchema),
  /** worker.dump().liburing of worker 0 at the end, or null when io_uring is not active. */
  liburing: z
    .object({ sqeProcessCount: z.number(), sqeMissCount: z.number(), userDataMissCount: z.number() })
    .nullable(),
  error: z.string().nullable(),
});
export type FanoutResult = z.infer<typeof fanoutResultSchema>;

/** Streams a target may carry: the largest step with <= 85 % CPU on every worker and >= 99.5 % delivered. */
export function capacity(
  steps: FanoutStep[],
  workers: number,
): { streams: number; perCore: number; perBusyCore: number } {
  const ok = steps.filter((s) => s.deliveredFraction >= 0.995 && Math.max(...s.workerCpu) <= 85);
  const best = ok.at(-1);
  if (!best) return { streams: 0, perCore: 0, perBusyCore: 0 };
  const busy = best.workerCpu.reduce((a, b) => a + b, 0) / 100;
  // perBusyCore: streams per fully used core, assuming cost grows linearly with streams.
  return {
    streams: best.streams,
    perCore: best.streams / workers,
    perBusyCore: busy > 0 ? best.streams / busy : 0,
  };
}
