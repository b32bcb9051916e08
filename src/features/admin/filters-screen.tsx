"use client";
import { useCallback, useEffect, useState } from "react";
import {
  wordFilterListSchema,
  wordFilterSchema,
  type WordFilterAction,
  type WordFilterEntry,
} from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { AdminShell } from "./admin-shell";

const ACTIONS: { action: WordFilterAction; label: string; hint: string }[] = [
  { action: "block", label: "Block", hint: "Refused: the person is asked to change the text." },
  { action: "flag", label: "Flag", hint: "Accepted, and a report opens for the moderators." },
];

function WordFilterList() {
  const [filters, setFilters] = useState<WordFilterEntry[] | null>(null);
  const [phrase, setPhrase] = useState("");
  const [action, setAction] = useState<WordFilterAction>("block");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await callApi("GET", "/api/admin/filters", wordFilterListSchema);
    if (result.ok) setFilters(result.data.filters);
    else setError(result.error.message);
  }, []);
  useEffect(() => void load(), [load]);

  async function add() {
    setBusy(true);
    setError(null);
    const result = await callApi("POST", "/api/admin/filters", wordFilterSchema, { phrase, action });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.issues?.[0]?.message ?? result.error.message);
      return;
    }
    setPhrase("");
    await load();
  }

  async function remove(entry: WordFilterEntry) {
    setError(null);
    const result = await callApi("DELETE", `/api/admin/filters/${entry.id}`, wordFilterSchema);
    if (!result.ok) setError(result.error.message);
    await load();
  }

  return (
    <div className="space-y-4">
      <section className="rounded-3xl bg-white p-4 shadow-sm ring-1 ring-black/5 sm:p-6">
        <h2 className="text-lg font-bold">Add a word or phrase</h2>
        <p className="mt-1 text-sm text-stone-600">
          Checked in room titles and descriptions, display names and bios. Matching ignores case, accents,
          look-alike letters, digits for letters (b4d), letters spaced apart (b a d) and repeats (baaad).
          Words in Latin script match whole words only; Chinese and Japanese match anywhere.
        </p>
        <form
          className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end"
          onSubmit={(event) => {
            event.preventDefault();
            void add();
          }}
        >
          <div className="flex-1">
            <label htmlFor="filter-phrase" className="block text-sm font-medium">
              Word or phrase
            </label>
            <input
              id="filter-phrase"
              value={phrase}
              maxLength={100}
              onChange={(event) => setPhrase(event.target.value)}
              className="mt-1 w-full rounded-2xl border border-stone-300 bg-stone-50 px-4 py-2.5 text-base outline-none focus:border-accent focus:ring-2 focus:ring-accent/30"
            />
          </div>
          <fieldset>
            <legend className="block text-sm font-medium">When it matches</legend>
            <div className="mt-1 flex gap-1 rounded-full bg-stone-100 p-1">
              {ACTIONS.map((option) => (
                <label
                  key={option.action}
                  title={option.hint}
                  className={`flex-1 cursor-pointer rounded-full px-4 py-1.5 text-center text-sm font-semibold sm:flex-none ${
                    action === option.action ? "bg-white shadow-sm" : "text-stone-600"
                  }`}
                >
                  <input
                    type="radio"
                    name="filter-action"
                    value={option.action}
                    checked={action === option.action}
                    onChange={() => setAction(option.action)}
                    className="sr-only"
                  />
                  {option.label}
                </label>
              ))}
            </div>
          </fieldset>
          <button
            type="submit"
            disabled={busy || phrase.trim() === ""}
            className="rounded-full bg-ink px-6 py-2.5 font-semibold text-white hover:bg-black disabled:opacity-50"
          >
            Add
          </button>
        </form>
        <p className="mt-2 text-xs text-stone-500">{ACTIONS.find((o) => o.action === action)?.hint}</p>
        {error && (
          <p role="alert" className="mt-3 rounded-2xl bg-red-50 px-4 py-3 text-sm text-red-800">
            {error}
          </p>
        )}
      </section>

      <section
        aria-label="Word filters"
        className="rounded-3xl bg-white p-2 shadow-sm ring-1 ring-black/5 sm:p-4"
      >
        {filters === null ? (
          <p className="p-4 text-stone-500">Loading…</p>
        ) : filters.length === 0 ? (
          <p className="p-4 text-center text-stone-500">No word filters yet.</p>
        ) : (
          <ul className="divide-y divide-stone-100">
            {filters.map((entry) => (
              <li key={entry.id} className="flex items-center gap-3 px-3 py-3" data-testid="filter-row">
                <div className="min-w-0 flex-1">
                  <p className="font-medium break-words">{entry.phrase}</p>
                  <p className="text-xs text-stone-500">
                    Added {new Date(entry.createdAt).toLocaleDateString(undefined, { dateStyle: "medium" })}
                  </p>
                </div>
                <span
                  className={`rounded-full px-3 py-1 text-xs font-semibold ${
                    entry.action === "block" ? "bg-red-50 text-red-800" : "bg-amber-50 text-amber-800"
                  }`}
                >
                  {entry.action === "block" ? "Block" : "Flag"}
                </span>
                <button
                  type="button"
                  onClick={() => void remove(entry)}
                  aria-label={`Remove ${entry.phrase}`}
                  className="rounded-full px-3 py-1.5 text-sm font-medium text-stone-600 ring-1 ring-stone-300 hover:bg-stone-50"
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** /admin/filters: the words this server blocks or flags. */
export function FiltersScreen() {
  return <AdminShell title="Word filters">{() => <WordFilterList />}</AdminShell>;
}
