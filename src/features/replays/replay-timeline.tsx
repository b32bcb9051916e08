"use client";
import { useTranslations } from "next-intl";
import type { TimelineEntry } from "@/shared/protocol";
import { clockOf, colourOf } from "./replay-time";

/**
 * Who spoke when: a bar of coloured turns across the replay (click a turn to jump to it), and
 * below it the chapters, one per change of speaker, with their start times.
 */
export function ReplayTimeline({
  timeline,
  durationMs,
  positionMs,
  onJump,
}: {
  timeline: readonly TimelineEntry[];
  durationMs: number;
  positionMs: number;
  onJump: (ms: number) => void;
}) {
  const t = useTranslations("replays");
  if (timeline.length === 0) return <p className="mt-4 text-sm text-stone-500">{t("noTimeline")}</p>;
  const speakers = [...new Set(timeline.map((entry) => entry.userId))];
  const span = Math.max(durationMs, 1);
  return (
    <div className="mt-5">
      <div className="relative h-4 overflow-hidden rounded-full bg-stone-100" aria-hidden="true">
        {timeline.map((entry) => (
          <button
            key={`${entry.userId}-${entry.startMs}`}
            type="button"
            tabIndex={-1}
            onClick={() => onJump(entry.startMs)}
            title={`${entry.displayName} · ${clockOf(entry.startMs)}`}
            className={`absolute top-0 h-full ${colourOf(entry.userId, speakers)} hover:brightness-90`}
            style={{
              left: `${(entry.startMs / span) * 100}%`,
              width: `${Math.max(0.5, ((entry.endMs - entry.startMs) / span) * 100)}%`,
            }}
          />
        ))}
        <span
          className="absolute top-0 h-full w-0.5 bg-ink"
          style={{ left: `${Math.min(100, (positionMs / span) * 100)}%` }}
        />
      </div>
      <h3 className="mt-5 text-sm font-semibold tracking-wider text-stone-500 uppercase">{t("chapters")}</h3>
      <ol className="mt-2 divide-y divide-stone-100" data-testid="replay-chapters">
        {timeline.map((entry) => {
          const current = positionMs >= entry.startMs && positionMs < entry.endMs;
          return (
            <li key={`${entry.userId}-${entry.startMs}`}>
              <button
                type="button"
                data-testid="timeline-entry"
                onClick={() => onJump(entry.startMs)}
                aria-current={current ? "true" : undefined}
                className={`flex w-full items-center gap-3 rounded-xl px-2 py-2.5 text-left hover:bg-stone-50 ${current ? "bg-stone-50 font-semibold" : ""}`}
              >
                <span className={`h-2.5 w-2.5 shrink-0 rounded-full ${colourOf(entry.userId, speakers)}`} />
                <span className="w-14 shrink-0 font-mono text-sm text-stone-500 tabular-nums">
                  {clockOf(entry.startMs)}
                </span>
                <span className="min-w-0 flex-1 truncate">{entry.displayName || t("someone")}</span>
                <span className="shrink-0 text-xs text-stone-500 tabular-nums">
                  {clockOf(entry.endMs - entry.startMs)}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
