"use client";
import { useState } from "react";
import { z } from "zod";
import { callApi } from "@/lib/api";

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
    else setError(result.error.issues?.[0]?.message ?? result.error.message);
  }
  return (
    <form
      aria-label={`End ${title}`}
      className="space-y-3 rounded-2xl bg-red-50 p-4 ring-1 ring-red-200"
      onSubmit={(event) => {
        event.preventDefault();
        void end();
      }}
    >
      <label htmlFor={`${idPrefix}-reason-${roomId}`} className="block text-sm font-semibold text-red-900">
        Why are you ending “{title}”? Every member reads this.
      </label>
      <input
        id={`${idPrefix}-reason-${roomId}`}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={280}
        required
        placeholder="e.g. Repeated harassment of a speaker"
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
          {busy ? "Ending…" : "End room for everyone"}
        </button>
        <button
          type="button"
          onClick={onCancel}
          className="rounded-full bg-white px-5 py-2 text-sm font-semibold ring-1 ring-stone-300 hover:bg-stone-50"
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
