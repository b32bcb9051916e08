"use client";
import { useTranslations } from "next-intl";
import type { AuditEntryView } from "@/shared/protocol";
import { useAdminFormat } from "./admin-format";

/** Audit entries as a table on wide screens, as stacked cards on a phone. */
export function AuditTable({
  entries,
  showTarget = true,
}: {
  entries: AuditEntryView[];
  showTarget?: boolean;
}) {
  const t = useTranslations("admin");
  const { when } = useAdminFormat();
  if (entries.length === 0) return <p className="px-1 text-sm text-stone-600">{t("audit.none")}</p>;
  return (
    <>
      <table className="hidden w-full text-left text-sm md:table" aria-label={t("audit.entries")}>
        <thead className="text-xs tracking-wide text-stone-500 uppercase">
          <tr>
            <th className="py-2 pr-3 font-semibold">{t("audit.columns.when")}</th>
            <th className="py-2 pr-3 font-semibold">{t("audit.columns.action")}</th>
            <th className="py-2 pr-3 font-semibold">{t("audit.columns.by")}</th>
            {showTarget && <th className="py-2 pr-3 font-semibold">{t("audit.columns.whom")}</th>}
            <th className="py-2 pr-3 font-semibold">{t("audit.columns.room")}</th>
            <th className="py-2 font-semibold">{t("audit.columns.reason")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {entries.map((entry) => (
            <tr key={entry.id} className="align-top">
              <td className="py-2 pr-3 whitespace-nowrap text-stone-600">{when(entry.at)}</td>
              <td className="py-2 pr-3">
                <code className="rounded bg-stone-100 px-1.5 py-0.5 text-xs">{entry.action}</code>
              </td>
              <td className="py-2 pr-3">{entry.actorName || t("common.server")}</td>
              {showTarget && <td className="py-2 pr-3">{entry.targetName || t("common.empty")}</td>}
              <td className="py-2 pr-3">{entry.roomTitle || t("common.empty")}</td>
              <td className="py-2 break-words text-stone-700">{entry.reason || t("common.empty")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="space-y-2 md:hidden" aria-label={t("audit.entries")}>
        {entries.map((entry) => (
          <li key={entry.id} className="rounded-2xl bg-stone-50 p-3 text-sm">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <code className="rounded bg-white px-1.5 py-0.5 text-xs">{entry.action}</code>
              <span className="text-xs text-stone-500">{when(entry.at)}</span>
            </div>
            <p className="mt-1.5">
              <span className="font-semibold">{entry.actorName || t("common.server")}</span>
              {showTarget && entry.targetName && <> → {entry.targetName}</>}
              {entry.roomTitle && (
                <span className="text-stone-500">{t("audit.inRoom", { room: entry.roomTitle })}</span>
              )}
            </p>
            {entry.reason && <p className="mt-1 break-words text-stone-700">{entry.reason}</p>}
          </li>
        ))}
      </ul>
    </>
  );
}
