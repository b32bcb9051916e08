"use client";
import { useTranslations } from "next-intl";

/**
 * The room's recording state: a badge and a sentence everyone sees while the host records (so
 * nobody speaks without knowing), and for the host the button that starts and stops it.
 */
export function RecordingStrip({
  recording,
  isHost,
  onToggle,
}: {
  recording: boolean;
  isHost: boolean;
  onToggle: (enabled: boolean) => void;
}) {
  const t = useTranslations("recording");
  if (!recording && !isHost) return null;
  return (
    <div className="mt-4 flex flex-wrap items-center gap-x-3 gap-y-2">
      {recording && (
        <span
          data-testid="recording-badge"
          role="status"
          className="inline-flex items-center gap-2 rounded-full bg-red-50 px-3 py-1 text-sm font-semibold text-red-800 ring-1 ring-red-200"
        >
          <span aria-hidden="true" className="h-2.5 w-2.5 animate-pulse rounded-full bg-red-600" />
          {t("badge")}
        </span>
      )}
      {recording && <span className="text-sm text-stone-600">{t("notice")}</span>}
      {isHost && (
        <button
          type="button"
          data-testid="recording-toggle"
          onClick={() => onToggle(!recording)}
          className={
            recording
              ? "ml-auto rounded-full px-4 py-1.5 text-sm font-semibold text-red-800 ring-1 ring-red-300 hover:bg-red-50"
              : "ml-auto inline-flex items-center gap-2 rounded-full px-4 py-1.5 text-sm font-semibold text-stone-800 ring-1 ring-stone-300 hover:bg-stone-50"
          }
        >
          {!recording && <span aria-hidden="true" className="h-2.5 w-2.5 rounded-full bg-red-600" />}
          {recording ? t("stop") : t("start")}
        </button>
      )}
    </div>
  );
}

/** Told before entering: shown on a live room's page while it is being recorded. */
export function RecordedRoomNotice() {
  const t = useTranslations("recording");
  return (
    <p
      role="note"
      data-testid="recorded-room-notice"
      className="mt-4 flex items-center gap-2 rounded-2xl bg-red-50 px-4 py-3 text-sm text-red-900 ring-1 ring-red-200"
    >
      <span aria-hidden="true" className="h-2.5 w-2.5 shrink-0 rounded-full bg-red-600" />
      {t("beforeJoining")}
    </p>
  );
}

/** On a hallway card: the room is being recorded. */
export function RecordingChip() {
  const t = useTranslations("recording");
  return (
    <span
      data-testid="card-recording"
      className="flex items-center gap-1.5 rounded-full bg-red-50 px-2.5 py-1 text-red-800"
    >
      <span aria-hidden="true" className="h-2 w-2 rounded-full bg-red-600" />
      {t("badge")}
    </span>
  );
}
