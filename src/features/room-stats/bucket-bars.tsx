"use client";
import { niceMax, type Bucket } from "./stats-series";
import { useWidth } from "./use-width";

const HEIGHT = 170;
const PAD = { top: 12, right: 12, bottom: 26, left: 36 };

export type BarSeries = { key: keyof Omit<Bucket, "at">; label: string; className: string };

/**
 * Bars per time bucket. `diverging`: the first series up, the second down from a zero line (joins
 * and leaves); otherwise the series stand side by side (hands and reactions).
 */
export function BucketBars({
  buckets,
  series,
  diverging = false,
  label,
  formatTime,
  barTitle,
}: {
  buckets: readonly Bucket[];
  series: readonly [BarSeries, BarSeries];
  diverging?: boolean;
  label: string;
  formatTime: (ms: number) => string;
  /** A bar's tooltip: its time and both series' counts. */
  barTitle: (at: number, first: [string, number], second: [string, number]) => string;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const [a, b] = series;
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const top = niceMax(Math.max(1, ...buckets.flatMap((bucket) => [bucket[a.key], bucket[b.key]])));
  const slot = plotW / Math.max(1, buckets.length);
  const barW = Math.max(2, Math.min(28, diverging ? slot * 0.7 : slot * 0.38));
  // Diverging: zero in the middle, half the height each way.
  const zero = diverging ? PAD.top + plotH / 2 : PAD.top + plotH;
  const scale = (value: number) => (value / top) * (diverging ? plotH / 2 : plotH);
  const labelEvery = Math.max(1, Math.ceil(buckets.length / Math.max(2, Math.floor(plotW / 70))));
  return (
    <div ref={ref} className="w-full min-w-0 overflow-hidden">
      <svg width={width} height={HEIGHT} role="img" aria-label={label} className="block">
        <line x1={PAD.left} x2={width - PAD.right} y1={zero} y2={zero} className="stroke-stone-300" />
        <text x={PAD.left - 6} y={PAD.top + 8} textAnchor="end" className="fill-stone-500 text-[11px]">
          {top}
        </text>
        {diverging && (
          <text x={PAD.left - 6} y={PAD.top + plotH} textAnchor="end" className="fill-stone-500 text-[11px]">
            {top}
          </text>
        )}
        {buckets.map((bucket, index) => {
          const center = PAD.left + slot * index + slot / 2;
          const first = scale(bucket[a.key]);
          const second = scale(bucket[b.key]);
          return (
            <g key={bucket.at}>
              <title>{barTitle(bucket.at, [a.label, bucket[a.key]], [b.label, bucket[b.key]])}</title>
              {diverging ? (
                <>
                  <rect
                    x={center - barW / 2}
                    y={zero - first}
                    width={barW}
                    height={first}
                    rx={2}
                    className={a.className}
                  />
                  <rect
                    x={center - barW / 2}
                    y={zero}
                    width={barW}
                    height={second}
                    rx={2}
                    className={b.className}
                  />
                </>
              ) : (
                <>
                  <rect
                    x={center - barW - 1}
                    y={zero - first}
                    width={barW}
                    height={first}
                    rx={2}
                    className={a.className}
                  />
                  <rect
                    x={center + 1}
                    y={zero - second}
                    width={barW}
                    height={second}
                    rx={2}
                    className={b.className}
                  />
                </>
              )}
              {index % labelEvery === 0 && (
                <text x={center} y={HEIGHT - 6} textAnchor="middle" className="fill-stone-500 text-[11px]">
                  {formatTime(bucket.at)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 pl-9 text-xs text-stone-600">
        {series.map((item) => (
          <li key={item.key} className="flex items-center gap-1.5">
            <svg width="10" height="10" aria-hidden="true">
              <rect width="10" height="10" rx="2" className={item.className} />
            </svg>
            {item.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
