"use client";
import { useTranslations } from "next-intl";
import type { AudioFrameMs } from "@/shared/protocol";

/**
 * A room for a big listen-only audience: speakers send 60 ms Opus frames instead of 20 ms, a third
 * of the packets per listener for the server to forward, for about 40 ms more delay.
 */
export function BigAudienceToggle({
  value,
  onChange,
}: {
  value: AudioFrameMs;
  onChange: (frameMs: AudioFrameMs) => void;
}) {
  const t = useTranslations("hallway.bigAudience");
  return (
    <label className="flex cursor-pointer items-start gap-3 rounded-2xl border border-stone-200 bg-stone-50 p-3 has-[:checked]:border-accent has-[:checked]:bg-accent/5">
      <input
        type="checkbox"
        checked={value === 60}
        onChange={(event) => onChange(event.target.checked ? 60 : 20)}
        className="mt-1 size-4 accent-[var(--color-accent)]"
      />
      <span>
        <span className="block text-sm font-semibold">{t("title")}</span>
        <span className="block text-sm text-stone-600">{t("text")}</span>
      </span>
    </label>
  );
}
