"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { z } from "zod";
import { callApi } from "@/lib/api";
import { useErrorText } from "@/i18n/error-text";

/** Ends a live room for everyone; the reason is what every member reads. */
export function EndRoomForm({
  roomId,
  title,
  onEnded,
  onCancel,
  idPrefix = "end",
}: {
  /** Keeps ids unique when the same room's form exists in two layouts (table and card). */
  idPrefix?: string;
  roomId: string;
  title: string;
  onEnded: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations("admin");
  const errorText = useErrorText();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function end() {
    setBusy(true);
    setError(null);
    const result = await callApi("POST", `/api/admin/rooms/${encodeURIComponent(roomId)}/end`, z.object({}), {
      reason,
    });
    setBusy(false);
    if (result.ok) onEnded();
    else
      setError(
        errorText({
          code: result.error.code,
          message: result.error.issues?.[0]?.message ?? result.error.message,
        }),
      );
  }
  return (
    <form
      aria-label={t("endRoom.form", { title })}
      className="space-y-3 rounded-2xl bg-red-50 p-4 ring-1 ring-red-200"
      onSubmit={(event) => {
        event.preventDefault();
        void end();
      }}
    >
      <label htmlFor={`${idPrefix}-reason-${roomId}`} className="block text-sm font-semibold text-red-900">
        {t("endRoom.why", { title })}
      </label>
      <input
        id={`${idPrefix}-reason-${roomId}`}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={280}
        required
        placeholder={t("endRoom.placeholder")}
        className="w-full rounded-2xl border border-red-200 bg-white px-4 py-2.5 outline-none focus:border-red-400 focus:ring-2 focus:ring-red-200"
      />
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={busy}
          className="rounded-full bg-red-700 px-5 py-2 text-sm font-semibold text-white hover:bg-red-800 disabled:opacity-60"
        >
          {busy ? t("endRoom.ending") : t("endRoom.submit")}
        </button>
        <button
          type="button"
          onClick={onCancel}
          className="rounded-full bg-white px-5 py-2 text-sm font-semibold ring-1 ring-stone-300 hover:bg-stone-50"
        >
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
