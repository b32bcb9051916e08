import type { AuditEntryView } from "../../src/shared/protocol";

/**
 * A cell a spreadsheet will not run: text starting with = + - @ (or a tab / carriage return that
 * some programs strip first) is read as a formula, so it gets a leading apostrophe (OWASP's CSV
 * injection advice). Then RFC 4180 quoting: cells with commas, quotes or line breaks are quoted,
 * inner quotes doubled.
 */
export function csvCell(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

export const AUDIT_CSV_HEADER = [
  "at",
  "action",
  "actor_id",
  "actor",
  "target_id",
  "target",
  "room_id",
  "room",
  "reason",
  "details",
] as const;

export function auditCsvRow(entry: AuditEntryView): string {
  return [
    entry.at,
    entry.action,
    entry.actorId ?? "",
    entry.actorName,
    entry.targetUserId ?? "",
    entry.targetName,
    entry.roomId ?? "",
    entry.roomTitle,
    entry.reason,
    entry.details ? JSON.stringify(entry.details) : "",
  ]
    .map(csvCell)
    .join(",");
}

/** The whole file: a header line, then one line per entry, CRLF-terminated as RFC 4180 asks. */
export function auditCsv(entries: readonly AuditEntryView[]): string {
  return [AUDIT_CSV_HEADER.join(","), ...entries.map(auditCsvRow)].map((line) => `${line}\r\n`).join("");
}
