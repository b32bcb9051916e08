"use client";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { personDossierSchema, type PersonDossier, type PersonReport } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";
import { callApi } from "@/lib/api";
import { AdminShell, type StaffViewer } from "./admin-shell";
import { CARD, standingLabel, when } from "./admin-format";
import { AuditTable } from "./audit-table";
import { PersonActions } from "./person-actions";

/** /admin/people/[username]: a person's standing, reports, rooms, history, and the actions on them. */
export function PersonPage({ username }: { username: string }) {
  return <AdminShell title="Person">{(staff) => <Dossier username={username} staff={staff} />}</AdminShell>;
}

function Dossier({ username, staff }: { username: string; staff: StaffViewer }) {
  const [dossier, setDossier] = useState<PersonDossier | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(async () => {
    const result = await callApi(
      "GET",
      `/api/admin/people/${encodeURIComponent(username)}`,
      personDossierSchema,
    );
    if (result.ok) setDossier(result.data);
    else setProblem(result.error.message);
  }, [username]);
  useEffect(() => {
    void load();
  }, [load]);

  if (problem)
    return (
      <p role="alert" className="rounded-2xl bg-red-50 px-4 py-3 text-sm text-red-800">
        {problem}
      </p>
    );
  if (!dossier) return <p className="text-stone-600">Loading…</p>;
  const { person } = dossier;
  const standing = standingLabel(person.standing);
  return (
    <div className="space-y-4">
      <Link href="/admin/people" className="text-sm font-semibold text-stone-600 hover:text-ink">
        ← All people
      </Link>
      <section className={`${CARD} flex flex-wrap items-center gap-4`} aria-label="Account">
        <Avatar id={person.id} name={person.displayName} src={person.avatarUrl} size="lg" />
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-xl font-bold">{person.displayName}</h2>
          <p className="text-sm text-stone-500">
            @{person.username} · joined {when(person.createdAt)}
          </p>
          <div className="mt-2 flex flex-wrap gap-1.5" data-testid="standing">
            <span className="rounded-full bg-stone-200 px-2.5 py-0.5 text-xs font-semibold text-stone-700">
              {person.standing.role ? person.standing.role : "member"}
            </span>
            {standing ? (
              <span className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${standing.tone}`}>
                {standing.text}
              </span>
            ) : (
              <span className="rounded-full bg-emerald-100 px-2.5 py-0.5 text-xs font-semibold text-emerald-800">
                In good standing
              </span>
            )}
          </div>
          {standing && person.standing.sanctionReason && (
            <p className="mt-2 text-sm text-stone-700">Reason: {person.standing.sanctionReason}</p>
          )}
        </div>
      </section>
      {notice && (
        <p role="status" className="rounded-2xl bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
          {notice}
        </p>
      )}
      <PersonActions
        person={person}
        staff={staff}
        onDone={(message) => {
          setNotice(message);
          void load();
        }}
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Reports title="Reports about them" reports={dossier.reportsAbout} who="by" />
        <Reports title="Reports they made" reports={dossier.reportsBy} who="about" />
      </div>
      <section className={CARD} aria-label="Rooms hosted">
        <h2 className="mb-3 text-lg font-bold">Rooms they hosted</h2>
        {dossier.hostedRooms.length === 0 ? (
          <p className="text-sm text-stone-600">None yet.</p>
        ) : (
          <ul className="divide-y divide-stone-100 text-sm">
            {dossier.hostedRooms.map((room) => (
              <li key={room.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                <Link href={`/rooms/${room.id}`} className="min-w-0 truncate font-semibold hover:underline">
                  {room.title}
                </Link>
                <span className="text-stone-500">
                  {room.status}
                  {room.endReason ? ` (${room.endReason})` : ""} · {when(room.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className={CARD} aria-label="Moderation history">
        <h2 className="mb-3 text-lg font-bold">Moderation history</h2>
        <AuditTable entries={dossier.history} showTarget={false} />
      </section>
    </div>
  );
}

function Reports({ title, reports, who }: { title: string; reports: PersonReport[]; who: "by" | "about" }) {
  return (
    <section className={CARD} aria-label={title}>
      <h2 className="mb-3 text-lg font-bold">{title}</h2>
      {reports.length === 0 ? (
        <p className="text-sm text-stone-600">None.</p>
      ) : (
        <ul className="divide-y divide-stone-100 text-sm">
          {reports.map((report) => (
            <li key={report.id} className="py-2">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-semibold capitalize">{report.category}</span>
                <span className="text-xs text-stone-500">
                  {report.status} · {when(report.createdAt)}
                </span>
              </div>
              <p className="text-stone-600">
                {who === "by"
                  ? `by ${report.reporterName ?? "the word filter"}`
                  : `about ${report.targetName ?? "a room"}`}
                {report.roomTitle ? ` in ${report.roomTitle}` : ""}
              </p>
              {report.details && <p className="mt-1 break-words text-stone-700">{report.details}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
