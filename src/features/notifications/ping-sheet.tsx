"use client";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { useErrorText } from "@/i18n/error-text";
import { MAX_PING_TARGETS, peopleListSchema, type PersonSummary, type PingOutput } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";
import { callApi } from "@/lib/api";
import { SheetBackdrop } from "@/components/sheet-backdrop";

type Props = {
  /** My username (the following list is looked up by it). */
  username: string;
  /** People in the room now: shown as such, not selectable. */
  memberIds: ReadonlySet<string>;
  ping: (userIds: string[]) => Promise<PingOutput>;
  onClose: () => void;
};

/** Per person, what came of the last ping: "Pinged", or the server's reason (in the reader's language). */
type Outcome = { ok: true } | { ok: false; message: string };

/**
 * A bottom sheet (phone) / centred card (desktop): the people I follow, a search box, checkboxes,
 * and one Ping button. Each person then shows what happened to them: pinged, or why not.
 */
export function PingSheet({ username, memberIds, ping, onClose }: Props) {
  const t = useTranslations("notifications.ping");
  const shell = useTranslations("shell");
  const errorText = useErrorText();
  const [people, setPeople] = useState<PersonSummary[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [outcomes, setOutcomes] = useState<ReadonlyMap<string, Outcome>>(new Map());
  const [sending, setSending] = useState(false);

  useEffect(() => {
    let active = true;
    void callApi("GET", `/api/users/${encodeURIComponent(username)}/following`, peopleListSchema).then(
      (result) => {
        if (!active) return;
        if (result.ok) setPeople(result.data.people);
        else setProblem(errorText(result.error));
      },
    );
    return () => {
      active = false;
    };
  }, [username, errorText]);

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (people ?? []).filter(
      (p) => q === "" || p.displayName.toLowerCase().includes(q) || p.username.toLowerCase().includes(q),
    );
  }, [people, query]);

  function toggle(id: string) {
    setPicked((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else if (next.size < MAX_PING_TARGETS) next.add(id);
      return next;
    });
  }

  async function send() {
    setSending(true);
    setProblem(null);
    try {
      const answer = await ping([...picked]);
      setOutcomes((current) => {
        const next = new Map(current);
        for (const id of answer.pinged) next.set(id, { ok: true });
        for (const refusal of answer.refused)
          next.set(refusal.userId, { ok: false, message: errorText(refusal) });
        return next;
      });
      setPicked(new Set());
    } catch (error) {
      setProblem(
        error instanceof Error ? errorText({ code: "internal", message: error.message }) : t("failed"),
      );
    } finally {
      setSending(false);
    }
  }

  return (
    <SheetBackdrop onClose={onClose}>
      <div
        role="dialog"
        aria-label={t("dialog")}
        aria-modal="true"
        className="flex max-h-[85vh] w-full max-w-md flex-col rounded-t-3xl bg-white p-5 shadow-xl sm:rounded-3xl"
      >
        <h2 className="text-lg font-bold">{t("title")}</h2>
        <p className="mt-0.5 text-sm text-stone-600">{t("text")}</p>
        <input
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder={t("search")}
          aria-label={t("search")}
          className="mt-4 w-full rounded-full bg-stone-100 px-4 py-2.5 text-sm outline-none focus:ring-2 focus:ring-accent/40"
        />
        {problem && (
          <p role="alert" className="mt-3 rounded-2xl bg-red-50 px-4 py-2.5 text-sm text-red-800">
            {problem}
          </p>
        )}
        <ul className="mt-3 min-h-24 flex-1 divide-y divide-stone-100 overflow-y-auto" aria-label={t("list")}>
          {people === null && !problem && (
            <li className="py-6 text-center text-sm text-stone-500">{shell("loading")}</li>
          )}
          {people?.length === 0 && (
            <li className="py-6 text-center text-sm text-stone-500">{t("noFollowing")}</li>
          )}
          {people && people.length > 0 && shown.length === 0 && (
            <li className="py-6 text-center text-sm text-stone-500">{t("noMatch", { query })}</li>
          )}
          {shown.map((person) => {
            const here = memberIds.has(person.id);
            const outcome = outcomes.get(person.id);
            return (
              <li key={person.id}>
                <label
                  className={`flex items-center gap-3 py-2.5 ${here ? "opacity-60" : "cursor-pointer"}`}
                  data-testid="ping-person"
                >
                  <Avatar id={person.id} name={person.displayName} src={person.avatarUrl} size="sm" />
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-semibold">{person.displayName}</span>
                    {outcome ? (
                      <span
                        data-testid="ping-outcome"
                        className={`block text-sm ${outcome.ok ? "font-medium text-live" : "text-amber-800"}`}
                      >
                        {outcome.ok ? t("pinged") : outcome.message}
                      </span>
                    ) : (
                      <span className="block truncate text-sm text-stone-500">
                        {here ? t("here") : `@${person.username}`}
                      </span>
                    )}
                  </span>
                  <input
                    type="checkbox"
                    checked={picked.has(person.id)}
                    disabled={here}
                    onChange={() => toggle(person.id)}
                    aria-label={t("pingPerson", { name: person.displayName })}
                    className="h-5 w-5 shrink-0 accent-[var(--color-accent)]"
                  />
                </label>
              </li>
            );
          })}
        </ul>
        <div className="mt-4 flex gap-2">
          <button
            type="button"
            onClick={onClose}
            className="flex-1 rounded-full bg-stone-100 py-2.5 font-semibold text-stone-700"
          >
            {t("close")}
          </button>
          <button
            type="button"
            onClick={() => void send()}
            disabled={picked.size === 0 || sending}
            className="flex-1 rounded-full bg-ink py-2.5 font-semibold text-white hover:bg-black disabled:opacity-40"
          >
            {sending ? t("sending") : t("send", { count: picked.size })}
          </button>
        </div>
      </div>
    </SheetBackdrop>
  );
}
