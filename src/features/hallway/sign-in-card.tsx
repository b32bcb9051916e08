"use client";
import { useState, type FormEvent } from "react";
import { currentUserSchema, type CurrentUser } from "@/shared/protocol";
import { callApi } from "@/lib/api";

/** Minimal sign-in: a display name is enough to listen, start a room and speak. */
export function SignInCard({ onSignedIn }: { onSignedIn: (user: CurrentUser) => void }) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await callApi("POST", "/api/session", currentUserSchema, { displayName: name });
    setBusy(false);
    if (result.ok) onSignedIn(result.data);
    else setError(result.error.issues?.[0]?.message ?? result.error.message);
  }

  return (
    <form onSubmit={submit} className="rounded-3xl bg-white p-6 shadow-sm ring-1 ring-black/5 sm:p-8" aria-label="Sign in">
      <h2 className="text-xl font-semibold">Pick a name to join in</h2>
      <p className="mt-1 text-sm text-stone-600">It is what people in rooms will see. You can listen, start a room, and speak.</p>
      <label htmlFor="display-name" className="mt-5 block text-sm font-medium">
        Your name
      </label>
      <input
        id="display-name"
        name="displayName"
        value={name}
        onChange={(event) => setName(event.target.value)}
        maxLength={40}
        autoComplete="nickname"
        placeholder="e.g. Ada Lovelace"
        className="mt-1 w-full rounded-2xl border border-stone-300 bg-stone-50 px-4 py-3 text-base outline-none focus:border-accent focus:ring-2 focus:ring-accent/30"
      />
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy} className="mt-5 w-full rounded-full bg-ink px-5 py-3 font-semibold text-white transition hover:bg-black disabled:opacity-60">
        {busy ? "Signing in…" : "Continue"}
      </button>
    </form>
  );
}
