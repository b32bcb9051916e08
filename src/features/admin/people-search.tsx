"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { z } from "zod";
import { staffPersonSchema, type StaffPerson } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";
import { callApi } from "@/lib/api";
import { useErrorText } from "@/i18n/error-text";
import { AdminShell } from "./admin-shell";
import { CARD, INPUT, useAdminFormat } from "./admin-format";

const peopleSchema = z.object({ people: z.array(staffPersonSchema) });

/** /admin/people: find someone by username or display name. */
export function PeopleSearch() {
  const t = useTranslations("admin");
  return <AdminShell title={t("shell.sections.people")}>{() => <PeopleList />}</AdminShell>;
}

function PeopleList() {
  const t = useTranslations("admin");
  const errorText = useErrorText();
  const { when, standingLabel } = useAdminFormat();
  const [query, setQuery] = useState("");
  const [people, setPeople] = useState<StaffPerson[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    // Typing settles for a moment before each search.
    const timer = setTimeout(() => {
      void callApi("GET", `/api/admin/people?q=${encodeURIComponent(query)}`, peopleSchema).then((result) => {
        if (result.ok) {
          setPeople(result.data.people);
          setProblem(null);
        } else setProblem(errorText(result.error));
      });
    }, 200);
    return () => clearTimeout(timer);
  }, [query, errorText]);

  return (
    <div className="space-y-4">
      <div className={CARD}>
        <label htmlFor="people-search" className="mb-1.5 block text-sm font-semibold">
          {t("people.searchLabel")}
        </label>
        <input
          id="people-search"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder={t("people.searchPlaceholder")}
          className={INPUT}
          autoComplete="off"
        />
      </div>
      {problem && (
        <p role="alert" className="rounded-2xl bg-red-50 px-4 py-3 text-sm text-red-800">
          {problem}
        </p>
      )}
      {people && people.length === 0 && (
        <p className="rounded-3xl bg-white p-5 text-center text-stone-600">
          {t("people.noMatch", { query })}
        </p>
      )}
      {people && people.length > 0 && (
        <ul
          className="divide-y divide-stone-100 overflow-hidden rounded-3xl bg-white shadow-sm"
          aria-label={t("people.list")}
        >
          {people.map((person) => {
            const standing = standingLabel(person.standing);
            return (
              <li key={person.id}>
                <Link
                  href={`/admin/people/${encodeURIComponent(person.username)}`}
                  className="flex items-center gap-3 px-4 py-3 hover:bg-stone-50"
                >
                  <Avatar id={person.id} name={person.displayName} src={person.avatarUrl} size="md" />
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-semibold">{person.displayName}</span>
                    <span className="block truncate text-sm text-stone-500">
                      {t("common.handleJoined", { username: person.username, date: when(person.createdAt) })}
                    </span>
                  </span>
                  <span className="flex shrink-0 flex-col items-end gap-1 sm:flex-row sm:items-center">
                    {person.standing.role && (
                      <span className="rounded-full bg-stone-200 px-2.5 py-0.5 text-xs font-semibold text-stone-700 uppercase">
                        {t(`shell.roles.${person.standing.role}`)}
                      </span>
                    )}
                    {standing && (
                      <span className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${standing.tone}`}>
                        {standing.short}
                      </span>
                    )}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
