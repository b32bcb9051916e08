"use client";
import type { AuditEntryView } from "@/shared/protocol";
import { when } from "./admin-format";

/** Audit entries as a table on wide screens, as stacked cards on a phone. */
export function AuditTable({
  entries,
  showTarget = true,
}: {
  entries: AuditEntryView[];
  showTarget?: boolean;
}) {
  if (entries.length === 0) return <p className="px-1 text-sm text-stone-600">No entries.</p>;
  return (
    <>
      <table className="hidden w-full text-left text-sm md:table" aria-label="Audit entries">
        <thead className="text-xs tracking-wide text-stone-500 uppercase">
          <tr>
            <th className="py-2 pr-3 font-semibold">When</th>
            <th className="py-2 pr-3 font-semibold">Action</th>
            <th className="py-2 pr-3 font-semibold">By</th>
            {showTarget && <th className="py-2 pr-3 font-semibold">Whom</th>}
            <th className="py-2 pr-3 font-semibold">Room</th>
            <th className="py-2 font-semibold">Reason</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {entries.map((entry) => (
            <tr key={entry.id} className="align-top">
              <td className="py-2 pr-3 whitespace-nowrap text-stone-600">{when(entry.at)}</td>
              <td className="py-2 pr-3">
                <code className="rounded bg-stone-100 px-1.5 py-0.5 text-xs">{entry.action}</code>
              </td>
              <td className="py-2 pr-3">{entry.actorName || "Server"}</td>
              {showTarget && <td className="py-2 pr-3">{entry.targetName || "—"}</td>}
              <td className="py-2 pr-3">{entry.roomTitle || "—"}</td>
              <td className="py-2 break-words text-stone-700">{entry.reason || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="space-y-2 md:hidden" aria-label="Audit entries">
        {entries.map((entry) => (
          <li key={entry.id} className="rounded-2xl bg-stone-50 p-3 text-sm">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <code className="rounded bg-white px-1.5 py-0.5 text-xs">{entry.action}</code>
              <span className="text-xs text-stone-500">{when(entry.at)}</span>
            </div>
            <p className="mt-1.5">
              <span className="font-semibold">{entry.actorName || "Server"}</span>
              {showTarget && entry.targetName && <> → {entry.targetName}</>}
              {entry.roomTitle && <span className="text-stone-500"> in {entry.roomTitle}</span>}
            </p>
            {entry.reason && <p className="mt-1 break-words text-stone-700">{entry.reason}</p>}
          </li>
        ))}
      </ul>
    </>
  );
}
