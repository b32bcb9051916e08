"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import {
  wordFilterListSchema,
  wordFilterSchema,
  type WordFilterAction,
  type WordFilterEntry,
} from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { useErrorText } from "@/i18n/error-text";
import { AdminShell } from "./admin-shell";

/** What a match does; each has a label and a hint in the catalog (`filters.block`, `filters.blockHint`). */
const ACTIONS: WordFilterAction[] = ["block", "flag"];

function WordFilterList() {
  const t = useTranslations("admin");
  const errorText = useErrorText();
  const format = useFormatter();
  const [filters, setFilters] = useState<WordFilterEntry[] | null>(null);
  const [phrase, setPhrase] = useState("");
  const [action, setAction] = useState<WordFilterAction>("block");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await callApi("GET", "/api/admin/filters", wordFilterListSchema);
    if (result.ok) setFilters(result.data.filters);
    else setError(errorText(result.error));
  }, [errorText]);
  useEffect(() => void load(), [load]);

  async function add() {
    setBusy(true);
    setError(null);
    const result = await callApi("POST", "/api/admin/filters", wordFilterSchema, { phrase, action });
    setBusy(false);
    if (!result.ok) {
      setError(
        errorText({
          code: result.error.code,
          message: result.error.issues?.[0]?.message ?? result.error.message,
        }),
      );
      return;
    }
    setPhrase("");
    await load();
  }

  async function remove(entry: WordFilterEntry) {
    setError(null);
    const result = await callApi("DELETE", `/api/admin/filters/${entry.id}`, wordFilterSchema);
    if (!result.ok) setError(errorText(result.error));
    await load();
  }

  return (
    <div className="space-y-4">
      <section className="rounded-3xl bg-white p-4 shadow-sm ring-1 ring-black/5 sm:p-6">
        <h2 className="text-lg font-bold">{t("filters.addTitle")}</h2>
        <p className="mt-1 text-sm text-stone-600">{t("filters.explain")}</p>
        <form
          className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end"
          onSubmit={(event) => {
            event.preventDefault();
            void add();
          }}
        >
          <div className="flex-1">
            <label htmlFor="filter-phrase" className="block text-sm font-medium">
              {t("filters.phrase")}
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
            <legend className="block text-sm font-medium">{t("filters.whenMatches")}</legend>
            <div className="mt-1 flex gap-1 rounded-full bg-stone-100 p-1">
              {ACTIONS.map((option) => (
                <label
                  key={option}
                  title={t(`filters.${option}Hint`)}
                  className={`flex-1 cursor-pointer rounded-full px-4 py-1.5 text-center text-sm font-semibold sm:flex-none ${
                    action === option ? "bg-white shadow-sm" : "text-stone-600"
                  }`}
                >
                  <input
                    type="radio"
                    name="filter-action"
                    value={option}
                    checked={action === option}
                    onChange={() => setAction(option)}
                    className="sr-only"
                  />
                  {t(`filters.${option}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <button
            type="submit"
            disabled={busy || phrase.trim() === ""}
            className="rounded-full bg-ink px-6 py-2.5 font-semibold text-white hover:bg-black disabled:opacity-50"
          >
            {t("filters.add")}
          </button>
        </form>
        <p className="mt-2 text-xs text-stone-500">{t(`filters.${action}Hint`)}</p>
        {error && (
          <p role="alert" className="mt-3 rounded-2xl bg-red-50 px-4 py-3 text-sm text-red-800">
            {error}
          </p>
        )}
      </section>

      <section
        aria-label={t("filters.list")}
        className="rounded-3xl bg-white p-2 shadow-sm ring-1 ring-black/5 sm:p-4"
      >
        {filters === null ? (
          <p className="p-4 text-stone-500">{t("common.loading")}</p>
        ) : filters.length === 0 ? (
          <p className="p-4 text-center text-stone-500">{t("filters.empty")}</p>
        ) : (
          <ul className="divide-y divide-stone-100">
            {filters.map((entry) => (
              <li key={entry.id} className="flex items-center gap-3 px-3 py-3" data-testid="filter-row">
                <div className="min-w-0 flex-1">
                  <p className="font-medium break-words">{entry.phrase}</p>
                  <p className="text-xs text-stone-500">
                    {t("filters.added", {
                      date: format.dateTime(new Date(entry.createdAt), { dateStyle: "medium" }),
                    })}
                  </p>
                </div>
                <span
                  className={`rounded-full px-3 py-1 text-xs font-semibold ${
                    entry.action === "block" ? "bg-red-50 text-red-800" : "bg-amber-50 text-amber-800"
                  }`}
                >
                  {t(`filters.${entry.action}`)}
                </span>
                <button
                  type="button"
                  onClick={() => void remove(entry)}
                  aria-label={t("filters.removeLabel", { phrase: entry.phrase })}
                  className="rounded-full px-3 py-1.5 text-sm font-medium text-stone-600 ring-1 ring-stone-300 hover:bg-stone-50"
                >
                  {t("filters.remove")}
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
  const t = useTranslations("admin");
  return <AdminShell title={t("shell.sections.filters")}>{() => <WordFilterList />}</AdminShell>;
}
