"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { ClipRange, Replay } from "@/shared/protocol";
import { ClipMaker } from "./clip-maker";
import { ReplayTimeline } from "./replay-timeline";
import { clockOf } from "./replay-time";

const SPEEDS = [1, 1.5, 2] as const;

/**
 * Plays one replay: play/pause, a seek bar, 1x/1.5x/2x, who spoke when (click to jump) and the
 * chapters. With a clip it starts at the clip's start and stops at its end. The audio is the
 * server's Ogg/Opus file, fetched with Range requests as the element seeks.
 */
export function ReplayPlayer({
  replay,
  clip,
  shareKey,
}: {
  replay: Replay;
  clip: ClipRange | null;
  shareKey: string | undefined;
}) {
  const t = useTranslations("replays");
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [positionMs, setPositionMs] = useState(clip?.startMs ?? 0);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(1);
  const durationMs = replay.durationMs;
  const from = clip?.startMs ?? 0;
  const to = clip ? Math.min(clip.endMs, durationMs) : durationMs;

  useEffect(() => {
    const element = audio.current;
    if (!element) return;
    const onTime = () => {
      const ms = element.currentTime * 1000;
      setPositionMs(ms);
      if (clip && ms >= clip.endMs) {
        element.pause();
        element.currentTime = clip.endMs / 1000;
      }
    };
    const onMetadata = () => {
      if (clip) element.currentTime = clip.startMs / 1000;
    };
    const onPlay = () => setPlaying(true);
    const onPause = () => setPlaying(false);
    element.addEventListener("timeupdate", onTime);
    element.addEventListener("loadedmetadata", onMetadata);
    element.addEventListener("play", onPlay);
    element.addEventListener("pause", onPause);
    return () => {
      element.removeEventListener("timeupdate", onTime);
      element.removeEventListener("loadedmetadata", onMetadata);
      element.removeEventListener("play", onPlay);
      element.removeEventListener("pause", onPause);
    };
  }, [clip]);

  const seek = (ms: number) => {
    const element = audio.current;
    if (!element) return;
    const clamped = Math.max(from, Math.min(ms, to));
    element.currentTime = clamped / 1000;
    setPositionMs(clamped);
  };
  const toggle = () => {
    const element = audio.current;
    if (!element) return;
    if (element.paused) {
      if (clip && element.currentTime * 1000 >= clip.endMs - 50) element.currentTime = clip.startMs / 1000;
      void element.play().catch(() => setPlaying(false));
    } else element.pause();
  };
  const jump = (ms: number) => {
    seek(ms);
    void audio.current?.play().catch(() => setPlaying(false));
  };

  return (
    <div className="text-left" data-testid="replay-player">
      <audio ref={audio} src={replay.audioUrl} preload="metadata" data-testid="replay-audio" />
      {clip && (
        <p className="mb-3 flex flex-wrap items-center gap-2 text-sm">
          <span
            className="rounded-full bg-amber-100 px-3 py-1 font-semibold text-amber-900"
            data-testid="clip-badge"
          >
            {t("clipBadge", { from: clockOf(clip.startMs), to: clockOf(to) })}
          </span>
          <Link
            href={`/rooms/${replay.roomId}${shareKey ? `?key=${encodeURIComponent(shareKey)}` : ""}`}
            className="font-medium text-stone-600 underline"
          >
            {t("wholeReplay")}
          </Link>
        </p>
      )}
      <div className="flex items-center gap-4">
        <button
          type="button"
          data-testid="replay-play"
          onClick={toggle}
          aria-label={playing ? t("pause") : t("play")}
          className="flex h-14 w-14 shrink-0 items-center justify-center rounded-full bg-ink text-xl text-white shadow-sm"
        >
          <span aria-hidden="true">{playing ? "❚❚" : "▶"}</span>
        </button>
        <div className="min-w-0 flex-1">
          <input
            type="range"
            min={from}
            max={Math.max(to, from + 1)}
            step={250}
            value={Math.min(Math.max(positionMs, from), to)}
            onChange={(event) => seek(Number(event.target.value))}
            aria-label={t("seek")}
            data-testid="replay-seek"
            className="w-full accent-ink"
          />
          <div className="mt-1 flex justify-between font-mono text-xs text-stone-500 tabular-nums">
            <span data-testid="replay-position">{clockOf(positionMs)}</span>
            <span>{clockOf(to)}</span>
          </div>
        </div>
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-2" role="group" aria-label={t("speed")}>
        {SPEEDS.map((value) => (
          <button
            key={value}
            type="button"
            data-testid={`speed-${value}`}
            aria-pressed={speed === value}
            onClick={() => {
              setSpeed(value);
              if (audio.current) audio.current.playbackRate = value;
            }}
            className={`rounded-full px-3 py-1.5 text-sm font-semibold tabular-nums ring-1 ${speed === value ? "bg-ink text-white ring-ink" : "text-stone-700 ring-stone-300 hover:bg-stone-50"}`}
          >
            {value}×
          </button>
        ))}
      </div>
      {!clip && (
        <div className="mt-4 flex">
          <ClipMaker
            roomId={replay.roomId}
            positionMs={positionMs}
            durationMs={durationMs}
            shareKey={shareKey}
          />
        </div>
      )}
      {!clip && (
        <ReplayTimeline
          timeline={replay.timeline}
          durationMs={durationMs}
          positionMs={positionMs}
          onJump={jump}
        />
      )}
    </div>
  );
}
