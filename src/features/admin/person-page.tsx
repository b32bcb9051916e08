"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import {
  personDossierSchema,
  REPORT_CATEGORIES,
  reportStatusSchema,
  type PersonDossier,
  type PersonReport,
} from "@/shared/protocol";
import { Avatar } from "@/components/avatar";
import { callApi } from "@/lib/api";
import { useErrorText } from "@/i18n/error-text";
import { AdminShell, type StaffViewer } from "./admin-shell";
import { CARD, oneOf, useAdminFormat } from "./admin-format";

const ROOM_STATUSES = ["live", "ended"] as const;
import { AuditTable } from "./audit-table";
import { PersonActions } from "./person-actions";

/** /admin/people/[username]: a person's standing, reports, rooms, history, and the actions on them. */
export function PersonPage({ username }: { username: string }) {
  const t = useTranslations("admin");
  return (
    <AdminShell title={t("shell.titles.person")}>
      {(staff) => <Dossier username={username} staff={staff} />}
    </AdminShell>
  );
}

function Dossier({ username, staff }: { username: string; staff: StaffViewer }) {
  const t = useTranslations("admin");
  const errorText = useErrorText();
  const { when, standingLabel } = useAdminFormat();
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
    else setProblem(errorText(result.error));
  }, [username, errorText]);
  useEffect(() => {
    void load();
  }, [load]);

  if (problem)
    return (
      <p role="alert" className="rounded-2xl bg-red-50 px-4 py-3 text-sm text-red-800">
        {problem}
      </p>
    );
  if (!dossier) return <p className="text-stone-600">{t("common.loading")}</p>;
  const { person } = dossier;
  const standing = standingLabel(person.standing);
  return (
    <div className="space-y-4">
      <Link href="/admin/people" className="text-sm font-semibold text-stone-600 hover:text-ink">
        {t("person.allPeople")}
      </Link>
      <section className={`${CARD} flex flex-wrap items-center gap-4`} aria-label={t("person.account")}>
        <Avatar id={person.id} name={person.displayName} src={person.avatarUrl} size="lg" />
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-xl font-bold">{person.displayName}</h2>
          <p className="text-sm text-stone-500">
            {t("common.handleJoined", { username: person.username, date: when(person.createdAt) })}
          </p>
          <div className="mt-2 flex flex-wrap gap-1.5" data-testid="standing">
            <span className="rounded-full bg-stone-200 px-2.5 py-0.5 text-xs font-semibold text-stone-700">
              {t(`shell.roles.${person.standing.role ?? "member"}`)}
            </span>
            {standing ? (
              <span className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${standing.tone}`}>
                {standing.text}
              </span>
            ) : (
              <span className="rounded-full bg-emerald-100 px-2.5 py-0.5 text-xs font-semibold text-emerald-800">
                {t("standing.good")}
              </span>
            )}
          </div>
          {standing && person.standing.sanctionReason && (
            <p className="mt-2 text-sm text-stone-700">
              {t("person.reason", { reason: person.standing.sanctionReason })}
            </p>
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
        <Reports title={t("person.reportsAbout")} reports={dossier.reportsAbout} who="by" />
        <Reports title={t("person.reportsBy")} reports={dossier.reportsBy} who="about" />
      </div>
      <section className={CARD} aria-label={t("person.roomsHosted")}>
        <h2 className="mb-3 text-lg font-bold">{t("person.roomsHostedTitle")}</h2>
        {dossier.hostedRooms.length === 0 ? (
          <p className="text-sm text-stone-600">{t("person.noneYet")}</p>
        ) : (
          <ul className="divide-y divide-stone-100 text-sm">
            {dossier.hostedRooms.map((room) => (
              <li key={room.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                <Link href={`/rooms/${room.id}`} className="min-w-0 truncate font-semibold hover:underline">
                  {room.title}
                </Link>
                <span className="text-stone-500">
                  {oneOf(ROOM_STATUSES, room.status) ? t(`person.roomStatus.${room.status}`) : room.status}
                  {room.endReason ? ` (${room.endReason})` : ""} · {when(room.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className={CARD} aria-label={t("person.history")}>
        <h2 className="mb-3 text-lg font-bold">{t("person.history")}</h2>
        <AuditTable entries={dossier.history} showTarget={false} />
      </section>
    </div>
  );
}

function Reports({ title, reports, who }: { title: string; reports: PersonReport[]; who: "by" | "about" }) {
  const t = useTranslations("admin");
  const { when } = useAdminFormat();
  return (
    <section className={CARD} aria-label={title}>
      <h2 className="mb-3 text-lg font-bold">{title}</h2>
      {reports.length === 0 ? (
        <p className="text-sm text-stone-600">{t("person.none")}</p>
      ) : (
        <ul className="divide-y divide-stone-100 text-sm">
          {reports.map((report) => (
            <li key={report.id} className="py-2">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-semibold">
                  {oneOf(REPORT_CATEGORIES, report.category)
                    ? t(`person.categories.${report.category}`)
                    : report.category}
                </span>
                <span className="text-xs text-stone-500">
                  {oneOf(reportStatusSchema.options, report.status)
                    ? t(`reports.statusWord.${report.status}`)
                    : report.status}{" "}
                  · {when(report.createdAt)}
                </span>
              </div>
              <p className="text-stone-600">
                {who === "by"
                  ? report.reporterName
                    ? t("person.by", { name: report.reporterName })
                    : t("person.byFilter")
                  : report.targetName
                    ? t("person.about", { name: report.targetName })
                    : t("person.aboutRoom")}
                {report.roomTitle ? t("person.inRoom", { room: report.roomTitle }) : ""}
              </p>
              {report.details && <p className="mt-1 break-words text-stone-700">{report.details}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
