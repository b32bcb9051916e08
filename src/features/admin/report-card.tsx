"use client";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { adminReportSchema, type AdminReport, type ReportContext } from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { useErrorText } from "@/i18n/error-text";
import { oneOf, useAdminFormat } from "./admin-format";

/** The fields the word filter screens, each with a label in the catalog (`reportCard.fields.*`). */
const FILTERED_FIELDS = ["title", "description", "displayName", "bio", "chat"] as const;
const STAGE_ROLES = ["host", "moderator", "speaker", "listener"] as const;

function PersonLink({ person }: { person: { displayName: string; username: string | null } }) {
  if (!person.username) return <span className="font-medium">{person.displayName}</span>;
  return (
    <Link href={`/u/${person.username}`} className="font-medium text-ink underline-offset-2 hover:underline">
      {person.displayName}
    </Link>
  );
}

/** The room as the server saw it at the moment of the report. */
function ContextFacts({ context }: { context: ReportContext }) {
  const t = useTranslations("admin");
  const format = useFormatter();
  const role = (code: string) => (oneOf(STAGE_ROLES, code) ? t(`reportCard.roles.${code}`) : code);
  const { room, filter } = context;
  if (filter)
    return (
      <dl className="grid grid-cols-[6.5rem_1fr] gap-x-3 gap-y-1 text-sm sm:grid-cols-[9rem_1fr]">
        <dt className="text-stone-500">{t("reportCard.field")}</dt>
        <dd>
          {oneOf(FILTERED_FIELDS, filter.field) ? t(`reportCard.fields.${filter.field}`) : filter.field}
        </dd>
        <dt className="text-stone-500">{t("reportCard.text")}</dt>
        <dd className="break-words whitespace-pre-line">{filter.text}</dd>
        <dt className="text-stone-500">{t("reportCard.matched")}</dt>
        <dd>
          <code className="rounded bg-amber-100 px-1.5 py-0.5 text-amber-900">{filter.phrase}</code>
        </dd>
      </dl>
    );
  if (!room) return <p className="text-sm text-stone-500">{t("reportCard.fromProfile")}</p>;
  return (
    <dl className="grid grid-cols-[6.5rem_1fr] gap-x-3 gap-y-1 text-sm sm:grid-cols-[9rem_1fr]">
      <dt className="text-stone-500">{t("reportCard.room")}</dt>
      <dd>
        <span className="font-medium">{room.title}</span>{" "}
        <span className="text-stone-500">
          {room.live ? t("reportCard.liveThen") : t("reportCard.notLiveThen")}
        </span>
      </dd>
      {room.host && (
        <>
          <dt className="text-stone-500">{t("reportCard.host")}</dt>
          <dd>{room.host.displayName || t("common.empty")}</dd>
        </>
      )}
      {room.live && (
        <>
          <dt className="text-stone-500">{t("reportCard.onStage")}</dt>
          <dd data-testid="context-stage">
            {room.stage.length === 0
              ? t("reportCard.nobody")
              : format.list(
                  room.stage.map((person) =>
                    t("reportCard.stageMember", { name: person.displayName, role: role(person.role) }),
                  ),
                  { type: "unit" },
                )}
          </dd>
          <dt className="text-stone-500">{t("reportCard.floor")}</dt>
          <dd data-testid="context-floor">
            {room.floor ? room.floor.displayName : t("reportCard.nobodySpeaking")}
          </dd>
          <dt className="text-stone-500">{t("reportCard.listening")}</dt>
          <dd>{format.number(room.listenerCount)}</dd>
        </>
      )}
      {context.targetRole && (
        <>
          <dt className="text-stone-500">{t("reportCard.roleThen")}</dt>
          <dd className="capitalize">{role(context.targetRole)}</dd>
        </>
      )}
    </dl>
  );
}

/** One report in the queue: who, about whom, what happened, and resolving it. */
export function ReportCard({ report, onResolved }: { report: AdminReport; onResolved: () => void }) {
  const t = useTranslations("admin");
  const errorText = useErrorText();
  const { when } = useAdminFormat();
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function resolve(outcome: "actioned" | "dismissed") {
    setBusy(true);
    setError(null);
    const result = await callApi("POST", `/api/admin/reports/${report.id}/resolve`, adminReportSchema, {
      outcome,
      resolution: note,
    });
    setBusy(false);
    if (result.ok) onResolved();
    else
      setError(
        errorText({
          code: result.error.code,
          message: result.error.issues?.[0]?.message ?? result.error.message,
        }),
      );
  }

  const about = report.target ? (
    <PersonLink person={report.target} />
  ) : report.room ? (
    <span className="font-medium">{t("reportCard.aboutRoom", { title: report.room.title })}</span>
  ) : (
    <span className="text-stone-500">{t("reportCard.aboutDeleted")}</span>
  );
  const reporter = report.reporter;

  return (
    <article
      className="rounded-3xl bg-white p-4 shadow-sm ring-1 ring-black/5 sm:p-6"
      aria-label={t("reportCard.label", { id: report.id })}
      data-testid="report-card"
    >
      <header className="flex flex-wrap items-center gap-2">
        {/* A word-filter flag has no category of its own (it is stored as "other"). */}
        {report.source === "word_filter" ? (
          <span className="rounded-full bg-amber-50 px-3 py-1 text-xs font-semibold text-amber-800">
            {t("reportCard.wordFilter")}
          </span>
        ) : (
          <span className="rounded-full bg-red-50 px-3 py-1 text-xs font-semibold text-red-800">
            {t(`reportCard.categories.${report.category}`)}
          </span>
        )}
        <time dateTime={report.createdAt} className="ml-auto text-xs text-stone-500">
          {when(report.createdAt)}
        </time>
      </header>
      <p className="mt-3 text-base">
        {reporter
          ? t.rich("reportCard.reported", {
              reporter: () => <PersonLink person={reporter} />,
              about: () => about,
            })
          : t.rich(report.source === "word_filter" ? "reportCard.flagged" : "reportCard.deletedReporter", {
              about: () => about,
            })}
      </p>
      {report.details && (
        <blockquote className="mt-2 border-l-4 border-stone-200 pl-3 break-words whitespace-pre-line text-stone-700">
          {report.details}
        </blockquote>
      )}
      <div className="mt-3 rounded-2xl bg-stone-50 p-3 sm:p-4">
        <ContextFacts context={report.context} />
      </div>
      {report.status === "open" ? (
        <form
          className="mt-4"
          onSubmit={(event) => {
            event.preventDefault();
          }}
        >
          <label htmlFor={`note-${report.id}`} className="block text-sm font-medium">
            {t("reportCard.note")}
          </label>
          <textarea
            id={`note-${report.id}`}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            rows={2}
            maxLength={500}
            placeholder={t("reportCard.notePlaceholder")}
            className="mt-1 w-full resize-y rounded-2xl border border-stone-300 bg-white px-4 py-2.5 text-base outline-none focus:border-accent focus:ring-2 focus:ring-accent/30"
          />
          {error && (
            <p role="alert" className="mt-2 rounded-2xl bg-red-50 px-4 py-2.5 text-sm text-red-800">
              {error}
            </p>
          )}
          <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:justify-end">
            <button
              type="button"
              disabled={busy}
              onClick={() => void resolve("dismissed")}
              className="rounded-full px-5 py-2.5 font-semibold text-stone-700 ring-1 ring-stone-300 hover:bg-stone-50 disabled:opacity-60"
            >
              {t("reportCard.dismiss")}
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => void resolve("actioned")}
              className="rounded-full bg-ink px-5 py-2.5 font-semibold text-white hover:bg-black disabled:opacity-60"
            >
              {t("reportCard.markActioned")}
            </button>
          </div>
        </form>
      ) : (
        <p className="mt-4 text-sm text-stone-600">
          <span className="font-semibold">
            {report.status === "actioned" ? t("reportCard.actioned") : t("reportCard.dismissed")}
          </span>
          {report.resolvedBy && t("reportCard.resolvedBy", { name: report.resolvedBy.displayName })}
          {report.resolvedAt && <> · {when(report.resolvedAt)}</>}
          {report.resolution && <span className="mt-1 block text-stone-800">“{report.resolution}”</span>}
        </p>
      )}
    </article>
  );
}
