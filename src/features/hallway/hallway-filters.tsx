"use client";
import { useTranslations } from "next-intl";
import type { HallwayQuery } from "@/shared/protocol";

import { useLanguageName } from "./language-select";

/** Search box, topic chips and a language choice; every change is a new server query. */
export function HallwayFilters({
  query,
  topics,
  languages,
  onChange,
}: {
  query: HallwayQuery;
  topics: string[];
  languages: string[];
  onChange: (query: HallwayQuery) => void;
}) {
  const t = useTranslations("hallway.filters");
  const languageName = useLanguageName();
  // Keep a chosen chip visible even when no live room carries it any more, so it can be cleared.
  const chips = query.topic && !topics.includes(query.topic) ? [query.topic, ...topics] : topics;
  return (
    <div className="space-y-3">
      <div className="flex gap-2">
        <input
          type="search"
          value={query.q ?? ""}
          onChange={(event) => onChange({ ...query, q: event.target.value })}
          maxLength={80}
          placeholder={t("searchPlaceholder")}
          aria-label={t("searchLabel")}
          className="min-w-0 flex-1 rounded-full border border-stone-300 bg-white px-4 py-2.5 text-sm outline-none focus:border-accent focus:ring-2 focus:ring-accent/30"
        />
        {languages.length > 1 || query.language ? (
          <select
            aria-label={t("language")}
            value={query.language ?? ""}
            onChange={(event) => onChange({ ...query, language: event.target.value || undefined })}
            className="rounded-full border border-stone-300 bg-white px-3 py-2.5 text-sm"
          >
            <option value="">{t("allLanguages")}</option>
            {languages.map((code) => (
              <option key={code} value={code}>
                {languageName(code)}
              </option>
            ))}
          </select>
        ) : null}
      </div>
      {chips.length > 0 && (
        <div role="group" aria-label={t("topics")} className="flex gap-2 overflow-x-auto pb-1">
          {chips.map((topic) => {
            const active = query.topic === topic;
            return (
              <button
                key={topic}
                type="button"
                aria-pressed={active}
                onClick={() => onChange({ ...query, topic: active ? undefined : topic })}
                className={`shrink-0 rounded-full px-3 py-1.5 text-sm font-medium transition ${active ? "bg-ink text-white" : "bg-white text-stone-700 ring-1 ring-stone-300 hover:ring-stone-400"}`}
              >
                #{topic}
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}
