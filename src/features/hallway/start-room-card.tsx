"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { roomSummarySchema } from "@/shared/protocol";
import { callApi } from "@/lib/api";

/** Start a room in one step; the creator lands on stage as host. */
export function StartRoomCard() {
  const router = useRouter();
  const [title, setTitle] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await callApi("POST", "/api/rooms", roomSummarySchema, { title });
    if (result.ok) {
      router.push(`/rooms/${result.data.id}`);
      return;
    }
    setBusy(false);
    setError(result.error.issues?.[0]?.message ?? result.error.message);
  }

  return (
    <form onSubmit={submit} className="rounded-3xl bg-white p-5 shadow-sm ring-1 ring-black/5" aria-label="Start a room">
      <label htmlFor="room-title" className="text-sm font-semibold">
        Start a room
      </label>
      <div className="mt-2 flex flex-col gap-3 sm:flex-row">
        <input
          id="room-title"
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          maxLength={80}
          placeholder="What do you want to talk about?"
          className="min-w-0 flex-1 rounded-2xl border border-stone-300 bg-stone-50 px-4 py-3 outline-none focus:border-accent focus:ring-2 focus:ring-accent/30"
        />
        <button type="submit" disabled={busy} className="rounded-full bg-live px-6 py-3 font-semibold text-white transition hover:bg-green-700 disabled:opacity-60">
          {busy ? "Starting…" : "Start room"}
        </button>
      </div>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}
