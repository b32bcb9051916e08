"use client";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { z } from "zod";
import { AUDIT_ACTION_NAMES, auditEntryViewSchema, type AuditEntryView } from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { useErrorText } from "@/i18n/error-text";
import { AdminShell } from "./admin-shell";
import { BUTTON, CARD, INPUT, QUIET_BUTTON } from "./admin-format";
import { AuditTable } from "./audit-table";

const pageSchema = z.object({ entries: z.array(auditEntryViewSchema), next: z.string().nullable() });
type Filters = { action: string; actor: string; target: string; room: string; from: string; to: string };
const EMPTY: Filters = { action: "", actor: "", target: "", room: "", from: "", to: "" };

function queryOf(filters: Filters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value.trim()) params.set(key, value.trim());
  return params.toString();
}

/** /admin/audit: the audit log, filtered, newest first, with more on demand and a CSV export. */
export function AuditLogPage() {
  const t = useTranslations("admin");
  return <AdminShell title={t("shell.sections.audit")}>{() => <AuditLog />}</AdminShell>;
}

function AuditLog() {
  const t = useTranslations("admin");
  const errorText = useErrorText();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(
    async (cursor: string | null) => {
      setLoading(true);
      const query = queryOf(filters);
      const path = `/api/admin/audit?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const result = await callApi("GET", path, pageSchema);
      setLoading(false);
      if (!result.ok) {
        setProblem(errorText(result.error));
        return;
      }
      setProblem(null);
      setEntries((shown) => (cursor ? [...shown, ...result.data.entries] : result.data.entries));
      setNext(result.data.next);
    },
    [filters, errorText],
  );
  useEffect(() => {
    void load(null);
  }, [load]);

  const field = (key: keyof Filters, label: string, type = "text") => (
    <div>
      <label htmlFor={`audit-${key}`} className="mb-1 block text-xs font-semibold text-stone-600">
        {label}
      </label>
      <input
        id={`audit-${key}`}
        type={type}
        value={draft[key]}
        onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
        className={INPUT}
      />
    </div>
  );

  return (
    <div className="space-y-4">
      <form
        className={`${CARD} grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-6`}
        aria-label={t("audit.filters")}
        onSubmit={(event) => {
          event.preventDefault();
          setFilters(draft);
        }}
      >
        <div className="col-span-2 md:col-span-1">
          <label htmlFor="audit-action" className="mb-1 block text-xs font-semibold text-stone-600">
            {t("audit.columns.action")}
          </label>
          <select
            id="audit-action"
            value={draft.action}
            onChange={(event) => setDraft({ ...draft, action: event.target.value })}
            className={INPUT}
          >
            <option value="">{t("audit.anyAction")}</option>
            {AUDIT_ACTION_NAMES.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </div>
        {field("actor", t("audit.byField"))}
        {field("target", t("audit.whomField"))}
        <div className="col-span-2 md:col-span-1">{field("room", t("audit.roomField"))}</div>
        {field("from", t("audit.from"), "date")}
        {field("to", t("audit.to"), "date")}
        <div className="col-span-2 flex flex-wrap gap-2 md:col-span-3 lg:col-span-6">
          <button type="submit" className={BUTTON}>
            {t("audit.apply")}
          </button>
          <button
            type="button"
            className={QUIET_BUTTON}
            onClick={() => {
              setDraft(EMPTY);
              setFilters(EMPTY);
            }}
          >
            {t("audit.clear")}
          </button>
          <a
            href={`/api/admin/audit.csv?${queryOf(filters)}`}
            className={`${QUIET_BUTTON} sm:ml-auto`}
            download
          >
            {t("audit.export")}
          </a>
        </div>
      </form>
      {problem && (
        <p role="alert" className="rounded-2xl bg-red-50 px-4 py-3 text-sm text-red-800">
          {problem}
        </p>
      )}
      <section className={CARD} aria-label={t("audit.entriesSection")}>
        {loading && entries.length === 0 ? (
          <p className="text-sm text-stone-600">{t("common.loading")}</p>
        ) : (
          <AuditTable entries={entries} />
        )}
        {next && (
          <button
            type="button"
            className={`${QUIET_BUTTON} mt-4`}
            disabled={loading}
            onClick={() => void load(next)}
          >
            {loading ? t("common.loading") : t("audit.older")}
          </button>
        )}
      </section>
    </div>
  );
}
