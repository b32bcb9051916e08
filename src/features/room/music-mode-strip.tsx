"use client";
import { useTranslations } from "next-intl";

/**
 * The room's music mode: a badge everyone sees while it is on, and for the host the switch.
 * Music mode turns the speakers' voice processing off and sends stereo at a high bitrate, so
 * singing and instruments come through as played (speakers should wear headphones).
 */
export function MusicModeStrip({
  musicMode,
  isHost,
  onToggle,
  onStage,
  ownMusicMode,
  onToggleOwn,
}: {
  musicMode: boolean;
  isHost: boolean;
  onToggle: (enabled: boolean) => void;
  /** A speaker or moderator (not the host) may switch just their own microphone. */
  onStage: boolean;
  ownMusicMode: boolean;
  onToggleOwn: (on: boolean) => void;
}) {
  const t = useTranslations("room.music");
  const ownSwitch = onStage && !isHost && !musicMode;
  if (!musicMode && !isHost && !ownSwitch) return null;
  return (
    <div className="mt-4 flex flex-wrap items-center gap-x-3 gap-y-2">
      {musicMode && (
        <span
          data-testid="music-mode-badge"
          role="status"
          className="inline-flex items-center gap-1.5 rounded-full bg-violet-100 px-3 py-1 text-sm font-semibold text-violet-900"
        >
          <span aria-hidden="true">♪</span> {t("badge")}
        </span>
      )}
      {musicMode && <span className="text-sm text-stone-500">{t("hint")}</span>}
      {isHost && (
        <label className="ml-auto inline-flex cursor-pointer items-center gap-2 text-sm font-medium text-stone-700">
          <input
            type="checkbox"
            checked={musicMode}
            onChange={(event) => onToggle(event.target.checked)}
            className="h-4 w-4 accent-violet-700"
          />
          {t("toggle")}
        </label>
      )}
      {ownSwitch && (
        <label className="ml-auto inline-flex cursor-pointer items-center gap-2 text-sm font-medium text-stone-700">
          <input
            type="checkbox"
            checked={ownMusicMode}
            onChange={(event) => onToggleOwn(event.target.checked)}
            className="h-4 w-4 accent-violet-700"
          />
          {t("own")}
        </label>
      )}
    </div>
  );
}
