"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { CheckIcon, LinkIcon } from "./schedule-icons";

/**
 * Copies the room's full link. Where the clipboard is unavailable (no permission, plain http on
 * a LAN), the link is shown selected instead, so it can still be copied by hand.
 */
export function ShareLinkButton({ path }: { path: string }) {
  const t = useTranslations("scheduling.share");
  const [state, setState] = useState<"idle" | "copied" | "manual">("idle");
  const [url, setUrl] = useState("");

  async function copy() {
    const full = new URL(path, window.location.origin).toString();
    setUrl(full);
    try {
      await navigator.clipboard.writeText(full);
      setState("copied");
      setTimeout(() => setState("idle"), 2000);
    } catch {
      setState("manual");
    }
  }

  return (
    <>
      <button
        type="button"
        onClick={() => void copy()}
        className="inline-flex items-center gap-2 rounded-full bg-stone-100 px-5 py-3 font-semibold text-stone-800 hover:bg-stone-200"
      >
        {state === "copied" ? <CheckIcon /> : <LinkIcon />}
        {state === "copied" ? t("copied") : t("copy")}
      </button>
      {state === "manual" && (
        <input
          readOnly
          value={url}
          aria-label={t("label")}
          onFocus={(event) => event.currentTarget.select()}
          autoFocus
          className="w-full rounded-2xl border border-stone-300 bg-stone-50 px-4 py-2 text-sm"
        />
      )}
    </>
  );
}
