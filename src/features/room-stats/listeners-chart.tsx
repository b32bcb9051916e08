"use client";
import { listenerPoints, niceMax, timeTicks } from "./stats-series";
import { useWidth } from "./use-width";
import type { RoomStatsSample } from "@/shared/protocol";

const HEIGHT = 200;
const PAD = { top: 28, right: 12, bottom: 26, left: 36 };

/**
 * Listeners over time as a stepped area, the peak marked with a dot and its count. Plain SVG in
 * real pixels (the width is measured), so labels keep their size on a phone.
 */
export function ListenersChart({
  samples,
  peak,
  label,
  peakLabel,
  formatTime,
}: {
  samples: readonly RoomStatsSample[];
  peak: { listeners: number; at: number | null };
  /** The chart's accessible name. */
  label: string;
  peakLabel: (count: number, at: string) => string;
  formatTime: (ms: number) => string;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const points = listenerPoints(samples);
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return <div ref={ref} />;
  const from = first.at;
  const to = Math.max(last.at, from + 10_000);
  const top = niceMax(Math.max(peak.listeners, ...points.map((point) => point.value)));
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (at: number) => PAD.left + ((at - from) / (to - from)) * plotW;
  const y = (value: number) => PAD.top + plotH - (value / top) * plotH;
  // Steps: the count holds until the next sample says otherwise.
  let line = `M ${x(first.at)} ${y(first.value)}`;
  for (const point of points.slice(1)) line += ` H ${x(point.at)} V ${y(point.value)}`;
  const area = `${line} V ${y(0)} H ${x(first.at)} Z`;
  const peakSample = samples.find((sample) => sample.at === peak.at);
  const peakX = peakSample ? x(peakSample.at + peakSample.spanMs / 2) : null;
  const inner = timeTicks(from, to, Math.max(2, Math.floor(plotW / 70)));
  // A short room has no round minute inside it: its start and end label the axis instead.
  const ticks = inner.length >= 2 ? inner : [from, to];
  const levels = [0, top / 2, top];
  return (
    <div ref={ref} className="w-full min-w-0 overflow-hidden">
      <svg width={width} height={HEIGHT} role="img" aria-label={label} className="block">
        {levels.map((level) => (
          <g key={level}>
            <line
              x1={PAD.left}
              x2={width - PAD.right}
              y1={y(level)}
              y2={y(level)}
              className="stroke-stone-200"
            />
            <text x={PAD.left - 6} y={y(level) + 4} textAnchor="end" className="fill-stone-500 text-[11px]">
              {Number.isInteger(level) ? level : ""}
            </text>
          </g>
        ))}
        <path d={area} className="fill-emerald-500/15" />
        <path d={line} className="fill-none stroke-emerald-600" strokeWidth={2} strokeLinejoin="round" />
        {ticks.map((tick) => (
          <text
            key={tick}
            x={x(tick)}
            y={HEIGHT - 6}
            // Labels at the very edges stay inside the chart.
            textAnchor={
              x(tick) < PAD.left + 30 ? "start" : x(tick) > width - PAD.right - 30 ? "end" : "middle"
            }
            className="fill-stone-500 text-[11px]"
          >
            {formatTime(tick)}
          </text>
        ))}
        {peakX !== null && peak.at !== null && peak.listeners > 0 && (
          <g data-testid="listeners-peak">
            <line
              x1={peakX}
              x2={peakX}
              y1={y(peak.listeners)}
              y2={y(0)}
              className="stroke-amber-400"
              strokeDasharray="3 3"
            />
            <circle
              cx={peakX}
              cy={y(peak.listeners)}
              r={5}
              className="fill-amber-500 stroke-white"
              strokeWidth={2}
            />
            <text
              // Near an edge the label grows inwards, so it is never cut off.
              x={peakX}
              y={y(peak.listeners) - 10}
              textAnchor={peakX > width * 0.65 ? "end" : peakX < width * 0.35 ? "start" : "middle"}
              className="fill-amber-800 text-[12px] font-semibold"
            >
              {peakLabel(peak.listeners, formatTime(peak.at))}
            </text>
          </g>
        )}
      </svg>
    </div>
  );
}
