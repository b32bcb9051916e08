"use client";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { adminReportPageSchema, type AdminReport, type ReportStatus } from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { useErrorText } from "@/i18n/error-text";
import { AdminShell } from "./admin-shell";
import { ReportCard } from "./report-card";

const TABS: ReportStatus[] = ["open", "actioned", "dismissed"];

function ReportsQueue() {
  const t = useTranslations("admin");
  const errorText = useErrorText();
  const [status, setStatus] = useState<ReportStatus>("open");
  const [reports, setReports] = useState<AdminReport[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (which: ReportStatus, after: string | null) => {
      const query = new URLSearchParams({ status: which, limit: "20", ...(after ? { cursor: after } : {}) });
      const result = await callApi("GET", `/api/admin/reports?${query.toString()}`, adminReportPageSchema);
      if (!result.ok) {
        setError(errorText(result.error));
        return;
      }
      setError(null);
      setReports((shown) => (after ? [...(shown ?? []), ...result.data.reports] : result.data.reports));
      setCursor(result.data.nextCursor);
    },
    [errorText],
  );
  useEffect(() => {
    setReports(null);
    void load(status, null);
  }, [status, load]);

  return (
    <div className="space-y-4">
      <div
        role="tablist"
        aria-label={t("reports.status")}
        className="flex gap-1 rounded-full bg-stone-200/70 p-1 sm:w-fit"
      >
        {TABS.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            aria-selected={status === tab}
            onClick={() => setStatus(tab)}
            className={`flex-1 rounded-full px-5 py-2 text-sm font-semibold sm:flex-none ${
              status === tab ? "bg-white shadow-sm" : "text-stone-600 hover:text-ink"
            }`}
          >
            {t(`reports.tabs.${tab}`)}
          </button>
        ))}
      </div>
      {error && (
        <p role="alert" className="rounded-2xl bg-red-50 px-4 py-3 text-sm text-red-800">
          {error}
        </p>
      )}
      {reports === null ? (
        <p className="p-4 text-stone-500">{t("common.loading")}</p>
      ) : reports.length === 0 ? (
        <section className="rounded-3xl bg-white p-8 text-center shadow-sm ring-1 ring-black/5">
          <p className="font-semibold">{t(`reports.empty.${status}`)}</p>
          <p className="mt-1 text-sm text-stone-500">
            {status === "open" ? t("reports.emptyOpenHint") : t("reports.emptyResolvedHint")}
          </p>
        </section>
      ) : (
        <div className="space-y-4">
          {reports.map((report) => (
            <ReportCard
              key={report.id}
              report={report}
              onResolved={() =>
                setReports((shown) => shown?.filter((entry) => entry.id !== report.id) ?? null)
              }
            />
          ))}
          {cursor && (
            <button
              type="button"
              onClick={() => void load(status, cursor)}
              className="w-full rounded-full bg-white py-3 font-semibold text-stone-700 shadow-sm ring-1 ring-black/5 hover:bg-stone-50"
            >
              {t("reports.older")}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** /admin/reports: the queue of reports by status, newest first, resolved with a note. */
export function ReportsScreen() {
  const t = useTranslations("admin");
  return <AdminShell title={t("shell.sections.reports")}>{() => <ReportsQueue />}</AdminShell>;
}
