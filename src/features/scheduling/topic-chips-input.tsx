"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState, type KeyboardEvent } from "react";
import { MAX_TOPICS, topicSchema } from "@/shared/protocol";

/**
 * Topic tags as chips: type a word and press Enter (or a comma) to add it; × removes it. Each tag
 * is checked with the protocol's own schema, so the form refuses what the server would.
 */
export function TopicChipsInput({
  topics,
  onChange,
}: {
  topics: string[];
  onChange: (topics: string[]) => void;
}) {
  const t = useTranslations("scheduling.topics");
  const locale = useLocale();
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);

  function add() {
    const text = draft.trim().replace(/^#/, "").replace(/\s+/g, "-");
    if (text === "") return;
    const parsed = topicSchema.safeParse(text);
    if (!parsed.success) {
      // The schema explains itself in English; other readers get the short translated refusal.
      setError((locale === "en" ? parsed.error.issues[0]?.message : undefined) ?? t("invalid"));
      return;
    }
    if (topics.length >= MAX_TOPICS) {
      setError(t("tooMany", { max: MAX_TOPICS }));
      return;
    }
    if (!topics.includes(parsed.data)) onChange([...topics, parsed.data]);
    setDraft("");
    setError(null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      add();
    } else if (event.key === "Backspace" && draft === "" && topics.length > 0) {
      onChange(topics.slice(0, -1));
    }
  }

  return (
    <div>
      <div className="flex flex-wrap items-center gap-2 rounded-2xl border border-stone-300 bg-stone-50 px-3 py-2 focus-within:border-accent focus-within:ring-2 focus-within:ring-accent/30">
        {topics.map((topic) => (
          <span
            key={topic}
            className="flex items-center gap-1 rounded-full bg-white py-1 pr-1 pl-3 text-sm shadow-sm ring-1 ring-black/5"
          >
            #{topic}
            <button
              type="button"
              onClick={() => onChange(topics.filter((other) => other !== topic))}
              aria-label={t("remove", { topic })}
              className="flex h-5 w-5 items-center justify-center rounded-full text-stone-500 hover:bg-stone-100"
            >
              ×
            </button>
          </span>
        ))}
        <input
          id="schedule-topics"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={add}
          disabled={topics.length >= MAX_TOPICS}
          placeholder={
            topics.length === 0 ? t("placeholder") : topics.length >= MAX_TOPICS ? "" : t("another")
          }
          className="min-w-[8rem] flex-1 bg-transparent py-1 outline-none"
        />
      </div>
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
