/**
 * Whether a platform sanction is in force now, and the sentence that tells the person why. A ban
 * outlasts any suspension; a suspension whose end has passed is over without anyone lifting it.
 */
export type Standing = { suspendedUntil: Date | null; bannedAt: Date | null; sanctionReason: string | null };

export type SanctionInForce =
  { kind: "banned"; reason: string; until: null } | { kind: "suspended"; reason: string; until: Date };

export function sanctionInForce(standing: Standing, now: Date): SanctionInForce | null {
  const reason = standing.sanctionReason ?? "";
  if (standing.bannedAt) return { kind: "banned", reason, until: null };
  if (standing.suspendedUntil && standing.suspendedUntil.getTime() > now.getTime())
    return { kind: "suspended", reason, until: standing.suspendedUntil };
  return null;
}

/** "Your account is suspended until 2026-12-04T12:00:00.000Z. Reason: spam." */
export function sanctionMessage(sanction: SanctionInForce): string {
  const why = sanction.reason ? ` Reason: ${sanction.reason}` : "";
  if (sanction.kind === "banned") return `Your account has been banned from this server.${why}`;
  return `Your account is suspended until ${sanction.until.toISOString()}.${why}`;
}
