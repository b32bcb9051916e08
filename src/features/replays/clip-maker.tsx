"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { CLIP_MAX_MS, clipParam, clipRangeSchema } from "@/shared/protocol";

/**
 * Pick a range of the replay (up to 60 s, starting where the player is) and get a link that plays
 * just that range. The range travels in the link (`?clip=start-end`), checked on the way in; the
 * link opens the same page, so who may play it is the replay's own rule.
 */
export function ClipMaker({
  roomId,
  positionMs,
  durationMs,
  shareKey,
}: {
  roomId: string;
  positionMs: number;
  durationMs: number;
  shareKey: string | undefined;
}) {
  const t = useTranslations("replays");
  const [open, setOpen] = useState(false);
  const [startS, setStartS] = useState(0);
  const [endS, setEndS] = useState(30);
  const [copied, setCopied] = useState(false);
  const maxS = Math.floor(durationMs / 1000);

  const range = { startMs: Math.round(startS * 1000), endMs: Math.round(endS * 1000) };
  const checked = clipRangeSchema.safeParse(range);
  const problem = !checked.success
    ? endS - startS > CLIP_MAX_MS / 1000
      ? t("clipTooLong", { seconds: CLIP_MAX_MS / 1000 })
      : t("clipInvalid")
    : range.endMs > durationMs + 999
      ? t("clipPastEnd")
      : null;
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const key = shareKey ? `&key=${encodeURIComponent(shareKey)}` : "";
  const link = problem ? "" : `${origin}/rooms/${roomId}?clip=${clipParam(range)}${key}`;

  if (!open)
    return (
      <button
        type="button"
        data-testid="clip-open"
        onClick={() => {
          const start = Math.min(Math.floor(positionMs / 1000), Math.max(0, maxS - 1));
          setStartS(start);
          setEndS(Math.min(start + 30, Math.max(maxS, start + 1)));
          setCopied(false);
          setOpen(true);
        }}
        className="rounded-full px-4 py-2 text-sm font-semibold text-ink ring-1 ring-stone-300 hover:bg-stone-50"
      >
        {t("makeClip")}
      </button>
    );
  const field = "w-24 rounded-xl border border-stone-300 px-3 py-2 tabular-nums";
  return (
    <div
      className="w-full rounded-2xl bg-stone-50 p-4 text-left ring-1 ring-stone-200"
      data-testid="clip-maker"
    >
      <p className="text-sm font-semibold">{t("clipTitle", { seconds: CLIP_MAX_MS / 1000 })}</p>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <label className="text-sm text-stone-600">
          <span className="block">{t("clipStart")}</span>
          <input
            type="number"
            min={0}
            max={maxS}
            value={startS}
            data-testid="clip-start"
            onChange={(event) => setStartS(Number(event.target.value))}
            className={field}
          />
        </label>
        <label className="text-sm text-stone-600">
          <span className="block">{t("clipEnd")}</span>
          <input
            type="number"
            min={1}
            max={maxS}
            value={endS}
            data-testid="clip-end"
            onChange={(event) => setEndS(Number(event.target.value))}
            className={field}
          />
        </label>
        <button
          type="button"
          disabled={problem !== null}
          data-testid="clip-copy"
          onClick={() => {
            // No clipboard outside a secure context: the link stays in the field below to copy by hand.
            void Promise.resolve()
              .then(() => navigator.clipboard.writeText(link))
              .then(
                () => setCopied(true),
                () => setCopied(false),
              );
          }}
          className="rounded-full bg-ink px-4 py-2 text-sm font-semibold text-white disabled:opacity-40"
        >
          {copied ? t("clipCopied") : t("clipCopy")}
        </button>
        <button type="button" onClick={() => setOpen(false)} className="px-2 py-2 text-sm text-stone-600">
          {t("close")}
        </button>
      </div>
      {problem ? (
        <p role="alert" className="mt-2 text-sm text-red-700" data-testid="clip-problem">
          {problem}
        </p>
      ) : (
        <input
          readOnly
          value={link}
          aria-label={t("clipLink")}
          data-testid="clip-link"
          className="mt-3 w-full truncate rounded-xl border border-stone-200 bg-white px-3 py-2 text-sm text-stone-600"
          onFocus={(event) => event.target.select()}
        />
      )}
    </div>
  );
}
