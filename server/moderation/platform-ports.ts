import type { Standing } from "./standing";
import type { AuditEntryView, AuditQuery, PersonDossier, StaffPerson } from "../../src/shared/protocol";

/** A person as platform actions need them: who they are, their role and their standing now. */
export type SanctionTarget = {
  id: string;
  username: string;
  displayName: string;
  isAdmin: boolean;
  isModerator: boolean;
  suspendedUntil: Date | null;
  bannedAt: Date | null;
  sanctionReason: string | null;
};

/** Accounts' staff side: standings, roles, sessions and the console's lookups (server/db). */
export interface StaffStore {
  findByUsername(username: string): Promise<SanctionTarget | null>;
  standingOf(userId: string): Promise<Standing | null>;
  /** Sets a suspension (until) or ban (bannedAt) with its reason; lift clears both. */
  setSanction(
    userId: string,
    sanction: { suspendedUntil: Date | null; bannedAt: Date | null; reason: string | null },
  ): Promise<void>;
  setModerator(userId: string, moderator: boolean): Promise<void>;
  /** Deletes every session of `userId`; returns their ids so their sockets can be closed. */
  revokeSessions(userId: string): Promise<string[]>;
  searchPeople(query: string, limit: number): Promise<StaffPerson[]>;
  /** The person page's facts except the standing's live parts. */
  dossier(username: string): Promise<PersonDossier | null>;
  /** Audit entries, newest first, `limit` of them after `cursor`; `next` is the cursor of the page after. */
  listAudit(
    query: AuditQuery & { limit: number },
  ): Promise<{ entries: AuditEntryView[]; next: string | null }>;
}

/** What platform actions do to live rooms and connections (the rooms registry and sockets). */
export interface LiveSanctions {
  /** Ends every room `userId` hosts now (saying their account was suspended) and takes them out of the rest. */
  takeOutOfRooms(userId: string): Promise<void>;
  /** Tells every open tab of `userId` why, before they are disconnected. */
  tell(userId: string, notice: { kind: "suspended" | "banned"; reason: string; until: string | null }): void;
  /** Closes the sockets of these ended sessions. */
  sessionsEnded(sessionIds: readonly string[]): void;
}
