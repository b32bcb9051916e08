import type {
  AuditEntryView,
  AuditQuery,
  PersonDossier,
  PersonReport,
  StaffPerson,
} from "../../src/shared/protocol";
import type { SanctionTarget, StaffStore } from "../moderation/platform-ports";
import type { Standing } from "../moderation/standing";
import type { DbClient } from "./db-client";
import type { Prisma } from "./generated/prisma/client";

const AVATAR_URL_PREFIX = "/avatars/";

const personColumns = {
  id: true,
  username: true,
  displayName: true,
  avatarFile: true,
  createdAt: true,
  isAdmin: true,
  isModerator: true,
  suspendedUntil: true,
  bannedAt: true,
  sanctionReason: true,
} as const;

type PersonRow = {
  id: string;
  username: string | null;
  displayName: string;
  avatarFile: string | null;
  createdAt: Date;
  isAdmin: boolean;
  isModerator: boolean;
  suspendedUntil: Date | null;
  bannedAt: Date | null;
  sanctionReason: string | null;
};

function toStaffPerson(row: PersonRow): StaffPerson {
  return {
    id: row.id,
    username: row.username ?? "",
    displayName: row.displayName,
    avatarUrl: row.avatarFile ? `${AVATAR_URL_PREFIX}${row.avatarFile}` : null,
    createdAt: row.createdAt.toISOString(),
    standing: {
      role: row.isAdmin ? "admin" : row.isModerator ? "moderator" : null,
      suspendedUntil: row.suspendedUntil?.toISOString() ?? null,
      bannedAt: row.bannedAt?.toISOString() ?? null,
      sanctionReason: row.sanctionReason,
    },
  };
}

type AuditRow = {
  id: string;
  at: Date;
  action: string;
  actorId: string | null;
  actorName: string;
  targetUserId: string | null;
  targetName: string;
  roomId: string | null;
  roomTitle: string;
  reason: string;
  details: Prisma.JsonValue;
};

function detailsOf(value: Prisma.JsonValue): AuditEntryView["details"] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const out: NonNullable<AuditEntryView["details"]> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === null || typeof item === "string" || typeof item === "number" || typeof item === "boolean")
      out[key] = item;
  }
  return out;
}

function toAuditView(row: AuditRow): AuditEntryView {
  return { ...row, at: row.at.toISOString(), details: detailsOf(row.details) };
}

/** "YYYY-MM-DD" or an ISO time; a bare date as `to` means the end of that day (UTC). */
export function parseAuditDate(value: string | undefined, endOfDay: boolean): Date | null {
  if (!value) return null;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const parsed = new Date(dateOnly ? `${value}T00:00:00.000Z` : value);
  if (Number.isNaN(parsed.getTime())) return null;
  return dateOnly && endOfDay ? new Date(parsed.getTime() + 24 * 60 * 60 * 1000 - 1) : parsed;
}

/** Cursor of a page: the last entry's time and id (entries are ordered by both, newest first). */
function encodeCursor(row: { at: Date; id: string }): string {
  return Buffer.from(`${row.at.toISOString()}|${row.id}`).toString("base64url");
}

function decodeCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const time = at ? new Date(at) : null;
  if (!time || Number.isNaN(time.getTime()) || !id) return null;
  return { at: time, id };
}

/** Matches an id exactly or a name by part, case-insensitively. */
function idOrName(
  idField: "actorId" | "targetUserId" | "roomId",
  nameField: "actorName" | "targetName" | "roomTitle",
  value: string | undefined,
): Prisma.AuditEntryWhereInput[] {
  if (!value?.trim()) return [];
  const term = value.trim();
  return [{ OR: [{ [idField]: term }, { [nameField]: { contains: term, mode: "insensitive" } }] }];
}

/** The staff side of accounts (standings, roles, sessions) and the console's read models. */
export class StaffRepository implements StaffStore {
  constructor(private readonly db: DbClient) {}

  async findByUsername(username: string): Promise<SanctionTarget | null> {
    const row = await this.db.user.findUnique({
      where: { username: username.toLowerCase() },
      select: personColumns,
    });
    if (!row) return null;
    return { ...row, username: row.username ?? "" };
  }

  standingOf(userId: string): Promise<Standing | null> {
    return this.db.user.findUnique({
      where: { id: userId },
      select: { suspendedUntil: true, bannedAt: true, sanctionReason: true },
    });
  }

  async setSanction(
    userId: string,
    sanction: { suspendedUntil: Date | null; bannedAt: Date | null; reason: string | null },
  ): Promise<void> {
    await this.db.user.update({
      where: { id: userId },
      data: {
        suspendedUntil: sanction.suspendedUntil,
        bannedAt: sanction.bannedAt,
        sanctionReason: sanction.reason,
      },
    });
  }

  async setModerator(userId: string, moderator: boolean): Promise<void> {
    await this.db.user.update({ where: { id: userId }, data: { isModerator: moderator } });
  }

  async revokeSessions(userId: string): Promise<string[]> {
    const sessions = await this.db.session.findMany({ where: { userId }, select: { id: true } });
    const ids = sessions.map((session) => session.id);
    if (ids.length > 0) await this.db.session.deleteMany({ where: { id: { in: ids } } });
    return ids;
  }

  async searchPeople(query: string, limit: number): Promise<StaffPerson[]> {
    const term = query.trim();
    const rows = await this.db.user.findMany({
      where: term
        ? {
            username: { not: null },
            OR: [
              { username: { contains: term, mode: "insensitive" } },
              { displayName: { contains: term, mode: "insensitive" } },
            ],
          }
        : { username: { not: null } },
      select: personColumns,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
    });
    return rows.map(toStaffPerson);
  }

  async dossier(username: string): Promise<PersonDossier | null> {
    const row = await this.db.user.findUnique({
      where: { username: username.toLowerCase() },
      select: personColumns,
    });
    if (!row) return null;
    const reportSelect = {
      id: true,
      createdAt: true,
      category: true,
      status: true,
      details: true,
      reporter: { select: { displayName: true } },
      targetUser: { select: { displayName: true } },
      room: { select: { title: true } },
    } as const;
    const [about, by, rooms, history] = await Promise.all([
      this.db.report.findMany({
        where: { targetUserId: row.id },
        select: reportSelect,
        orderBy: { createdAt: "desc" },
        take: 50,
      }),
      this.db.report.findMany({
        where: { reporterId: row.id },
        select: reportSelect,
        orderBy: { createdAt: "desc" },
        take: 50,
      }),
      this.db.room.findMany({
        where: { hostId: row.id },
        select: { id: true, title: true, status: true, createdAt: true, endedAt: true, endReason: true },
        orderBy: { createdAt: "desc" },
        take: 20,
      }),
      this.db.auditEntry.findMany({
        where: { targetUserId: row.id },
        orderBy: [{ at: "desc" }, { id: "desc" }],
        take: 100,
      }),
    ]);
    const toReport = (report: (typeof about)[number]): PersonReport => ({
      id: report.id,
      createdAt: report.createdAt.toISOString(),
      category: report.category,
      status: report.status,
      details: report.details,
      reporterName: report.reporter?.displayName ?? null,
      targetName: report.targetUser?.displayName ?? null,
      roomTitle: report.room?.title ?? null,
    });
    return {
      person: toStaffPerson(row),
      reportsAbout: about.map(toReport),
      reportsBy: by.map(toReport),
      hostedRooms: rooms.map((room) => ({
        id: room.id,
        title: room.title,
        status: room.status,
        createdAt: room.createdAt.toISOString(),
        endedAt: room.endedAt?.toISOString() ?? null,
        endReason: room.endReason,
      })),
      history: history.map(toAuditView),
    };
  }

  async listAudit(
    query: AuditQuery & { limit: number },
  ): Promise<{ entries: AuditEntryView[]; next: string | null }> {
    const from = parseAuditDate(query.from, false);
    const to = parseAuditDate(query.to, true);
    const cursor = decodeCursor(query.cursor);
    const where: Prisma.AuditEntryWhereInput = {
      AND: [
        ...(query.action?.trim() ? [{ action: query.action.trim() }] : []),
        ...idOrName("actorId", "actorName", query.actor),
        ...idOrName("targetUserId", "targetName", query.target),
        ...idOrName("roomId", "roomTitle", query.room),
        ...(from ? [{ at: { gte: from } }] : []),
        ...(to ? [{ at: { lte: to } }] : []),
        ...(cursor ? [{ OR: [{ at: { lt: cursor.at } }, { at: cursor.at, id: { lt: cursor.id } }] }] : []),
      ],
    };
    const rows = await this.db.auditEntry.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      entries: page.map(toAuditView),
      next: rows.length > query.limit && last ? encodeCursor(last) : null,
    };
  }
}
