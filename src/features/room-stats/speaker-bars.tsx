import type { RoomStatsSpeaker } from "@/shared/protocol";

/** Who held the floor and for how long: one bar per person, longest first, scaled to the longest. */
export function SpeakerBars({
  speakers,
  formatDuration,
  label,
}: {
  speakers: readonly RoomStatsSpeaker[];
  formatDuration: (ms: number) => string;
  label: string;
}) {
  const longest = Math.max(1, ...speakers.map((speaker) => speaker.speakingMs));
  const total = speakers.reduce((sum, speaker) => sum + speaker.speakingMs, 0);
  return (
    <ul aria-label={label} className="space-y-3">
      {speakers.map((speaker) => (
        <li key={speaker.userId} data-testid="speaker-bar">
          <div className="flex items-baseline justify-between gap-3 text-sm">
            <span className="min-w-0 truncate font-medium text-stone-800">{speaker.displayName}</span>
            <span className="shrink-0 text-stone-600 tabular-nums">
              {formatDuration(speaker.speakingMs)}
              {total > 0 && (
                <span className="text-stone-400"> · {Math.round((speaker.speakingMs / total) * 100)}%</span>
              )}
            </span>
          </div>
          <svg className="mt-1 block h-2.5 w-full" aria-hidden="true">
            <rect width="100%" height="100%" rx="5" className="fill-stone-100" />
            <rect
              width={`${Math.max(1, (speaker.speakingMs / longest) * 100)}%`}
              height="100%"
              rx="5"
              className="fill-violet-500"
            />
          </svg>
        </li>
      ))}
    </ul>
  );
}
