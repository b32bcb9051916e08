"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "@/i18n/error-text";
import { roomInterestSchema, type RoomInterest } from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { BellIcon, CheckIcon } from "./schedule-icons";

/**
 * "Notify me" / "Interested ✓" on a scheduled room. The server's answer is the truth (count
 * included); a refusal is shown, never swallowed.
 */
export function InterestButton({
  interest,
  onChange,
  size = "md",
}: {
  interest: RoomInterest;
  onChange: (next: RoomInterest) => void;
  size?: "sm" | "md";
}) {
  const t = useTranslations("scheduling.interest");
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function toggle() {
    setBusy(true);
    setError(null);
    const result = await callApi(
      interest.interested ? "DELETE" : "PUT",
      `/api/rooms/${encodeURIComponent(interest.roomId)}/interest`,
      roomInterestSchema,
    );
    setBusy(false);
    if (result.ok) onChange(result.data);
    else setError(errorText(result.error));
  }

  const shape = size === "sm" ? "px-3 py-1.5 text-sm" : "px-5 py-3";
  const look = interest.interested
    ? "bg-accent/10 text-accent ring-1 ring-accent/30 hover:bg-accent/15"
    : "bg-accent text-white hover:bg-indigo-700";
  return (
    <span className="inline-flex flex-col items-start">
      <button
        type="button"
        onClick={() => void toggle()}
        disabled={busy}
        aria-pressed={interest.interested}
        className={`${shape} ${look} inline-flex items-center gap-1.5 rounded-full font-semibold whitespace-nowrap transition disabled:opacity-60`}
      >
        {interest.interested ? <CheckIcon /> : <BellIcon />}
        {interest.interested ? t("on") : t("off")}
      </button>
      {error && (
        <span role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
