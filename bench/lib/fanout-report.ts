import { capacity, type FanoutConfig, type FanoutResult, type FanoutStep } from "./fanout-messages";
import { fmt, printTable } from "./table";

export type Finished = { config: FanoutConfig; result: FanoutResult; ioUring: boolean };

/** Worker CPU microseconds per delivered packet at that step: the load-independent efficiency. */
const usPerPacket = (step: FanoutStep | undefined) =>
  step && step.deliveredPerSecond > 0
    ? (step.workerCpu.reduce((a, b) => a + b, 0) / 100 / step.deliveredPerSecond) * 1e6
    : Number.NaN;

const cpuAt = (steps: FanoutStep[], streams: number) => {
  const step = steps.find((s) => s.streams === streams);
  return step ? step.workerCpu.reduce((a, b) => a + b, 0) : Number.NaN;
};

/** The headline table: one row per configuration. */
export function printCapacity(done: Finished[], probe: number): void {
  printTable(
    "bench:fanout capacity (<= 85 % CPU on every worker and >= 99.5 % delivered)",
    [
      "configuration",
      "io_uring",
      "streams",
      "streams/core",
      "streams/busy core",
      `CPU % @${probe}`,
      `µs/pkt @${probe}`,
      "last step",
      "loss % last",
      "error",
    ],
    done.map(({ config, result, ioUring }) => {
      const cap = capacity(result.steps, config.workers);
      const last = result.steps.at(-1);
      return [
        config.label,
        ioUring ? `on (${result.liburing?.sqeProcessCount ?? 0} sqe)` : result.liburing ? "on?!" : "off",
        cap.streams,
        fmt(cap.perCore, 0),
        fmt(cap.perBusyCore, 0),
        fmt(cpuAt(result.steps, probe), 1),
        fmt(usPerPacket(result.steps.find((s) => s.streams === probe)), 2),
        last ? `${last.streams} @ ${last.workerCpu.map((c) => fmt(c, 0)).join("+")}%` : "-",
        last ? fmt((1 - last.deliveredFraction) * 100, 2) : "-",
        result.error ?? "",
      ];
    }),
  );
}

/** Pairs of configurations that differ in one thing, as ratios of streams/busy core and CPU at `probe`. */
export function printComparisons(
  done: Finished[],
  probe: number,
  pairs: { name: string; a: string; b: string }[],
): void {
  const byLabel = new Map(done.map((d) => [d.config.label, d]));
  const rows = pairs.flatMap(({ name, a, b }) => {
    const x = byLabel.get(a);
    const y = byLabel.get(b);
    if (!x || !y) return [];
    const cx = capacity(x.result.steps, x.config.workers);
    const cy = capacity(y.result.steps, y.config.workers);
    return [
      [
        name,
        `${cx.streams} / ${cy.streams}`,
        fmt(cx.streams / cy.streams, 2),
        fmt(cx.perBusyCore / cy.perBusyCore, 2),
        `${fmt(cpuAt(x.result.steps, probe), 1)} / ${fmt(cpuAt(y.result.steps, probe), 1)}`,
      ],
    ];
  });
  if (rows.length)
    printTable(
      "bench:fanout comparisons (a / b)",
      ["comparison a / b", "streams", "ratio", "per busy core ratio", `CPU % @${probe} a / b`],
      rows,
    );
}

/** What each sink costs at the same load: its own CPU and the workers'. */
export function printSinkCost(done: Finished[]): void {
  const rows = done
    .filter((d) => d.config.label.startsWith("sink="))
    .map(({ config, result }) => {
      const s = result.steps[0];
      return [
        config.sink,
        s?.streams ?? 0,
        fmt(s?.sinkCpu ?? Number.NaN, 1),
        fmt(s ? s.workerCpu.reduce((a, b) => a + b, 0) : Number.NaN, 1),
        fmt(s?.deliveredPerSecond ?? Number.NaN, 0),
        fmt(s ? (1 - s.deliveredFraction) * 100 : Number.NaN, 2),
      ];
    });
  if (rows.length)
    printTable(
      "sink cost (bare, 1 worker, tone, 20 ms)",
      ["sink", "streams", "sink CPU %", "worker CPU %", "pkt/s", "loss %"],
      rows,
    );
}
