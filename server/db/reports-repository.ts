import { reportContextSchema, type ReportContext } from "../../src/shared/protocol";
import type {
  NewReport,
  ReportPageQuery,
  ReportStore,
  StoredReport,
  StoredWordFilter,
  WordFilterStore,
} from "../moderation/report-ports";
import type { DbClient } from "./db-client";
import { UniqueConstraintError, translateErrors } from "./errors";

const person = { select: { id: true, displayName: true, username: true } } as const;
const reportColumns = {
  id: true,
  source: true,
  status: true,
  category: true,
  details: true,
  context: true,
  createdAt: true,
  resolution: true,
  resolvedById: true,
  resolvedAt: true,
  reporter: person,
  targetUser: person,
  room: { select: { id: true, title: true } },
} as const;

const HOUR_MS = 60 * 60 * 1000;

/** A context that does not parse (written by an older version) still shows as "no room". */
function contextOf(raw: unknown, at: Date): ReportContext {
  const parsed = reportContextSchema.safeParse(raw);
  return parsed.success ? parsed.data : { at: at.toISOString(), room: null, targetRole: null, filter: null };
}

type Cursor = { at: string; id: string };
const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString("base64url");
function decodeCursor(raw: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (typeof value !== "object" || value === null) return null;
    const at: unknown = Reflect.get(value, "at");
    const id: unknown = Reflect.get(value, "id");
    if (typeof at !== "string" || typeof id !== "string" || Number.isNaN(Date.parse(at))) return null;
    return { at, id };
  } catch {
    return null;
  }
}

/** Reports (member reports and word-filter flags) and the console's queue over them. */
export class ReportsRepository implements ReportStore {
  constructor(private readonly db: DbClient) {}

  async create(report: NewReport): Promise<{ id: string }> {
    return this.db.report.create({
      data: {
        source: report.source,
        reporterId: report.reporterId,
        roomId: report.roomId,
        targetUserId: report.targetUserId,
        category: report.category,
        details: report.details,
        context: report.context,
        createdAt: report.at,
      },
      select: { id: true },
    });
  }

  async page(query: ReportPageQuery) {
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (cursor === null) return null;
    const rows = await this.db.report.findMany({
      where: {
        status: query.status,
        ...(cursor
          ? {
              OR: [
                { createdAt: { lt: new Date(cursor.at) } },
                { createdAt: new Date(cursor.at), id: { lt: cursor.id } },
              ],
            }
          : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
      select: reportColumns,
    });
    const more = rows.length > query.limit;
    const shown = rows.slice(0, query.limit);
    const reports = await this.withResolvers(shown);
    const last = shown[shown.length - 1];
    return {
      reports,
      nextCursor: more && last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null,
    };
  }

  async find(id: string): Promise<StoredReport | null> {
    const row = await this.db.report.findUnique({ where: { id }, select: reportColumns });
    return row ? ((await this.withResolvers([row]))[0] ?? null) : null;
  }

  async resolve(
    id: string,
    input: { outcome: "actioned" | "dismissed"; resolution: string; resolvedById: string; at: Date },
  ): Promise<boolean> {
    const { count } = await this.db.report.updateMany({
      where: { id, status: "open" },
      data: {
        status: input.outcome,
        resolution: input.resolution,
        resolvedById: input.resolvedById,
        resolvedAt: input.at,
      },
    });
    return count === 1;
  }

  async reportsLastHourByRoom(roomIds?: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.db.report.groupBy({
      by: ["roomId"],
      where: {
        createdAt: { gte: new Date(Date.now() - HOUR_MS) },
        roomId: roomIds ? { in: [...roomIds] } : { not: null },
      },
      _count: { _all: true },
    });
    const counts = new Map<string, number>();
    for (const row of rows) if (row.roomId) counts.set(row.roomId, row._count._all);
    return counts;
  }

  /** resolvedById has no relation in the schema (staff may be deleted): names joined here. */
  private async withResolvers(
    rows: {
      id: string;
      source: "person" | "word_filter";
      status: "open" | "actioned" | "dismissed";
      category: StoredReport["category"];
      details: string;
      context: unknown;
      createdAt: Date;
      resolution: string | null;
      resolvedById: string | null;
      resolvedAt: Date | null;
      reporter: StoredReport["reporter"];
      targetUser: StoredReport["target"];
      room: StoredReport["room"];
    }[],
  ): Promise<StoredReport[]> {
    const ids = [...new Set(rows.flatMap((row) => (row.resolvedById ? [row.resolvedById] : [])))];
    const resolvers = ids.length
      ? await this.db.user.findMany({ where: { id: { in: ids } }, ...person })
      : [];
    const byId = new Map(resolvers.map((user) => [user.id, user]));
    return rows.map((row) => ({
      id: row.id,
      source: row.source,
      status: row.status,
      category: row.category,
      details: row.details,
      createdAt: row.createdAt.toISOString(),
      reporter: row.reporter,
      target: row.targetUser,
      room: row.room,
      context: contextOf(row.context, row.createdAt),
      resolution: row.resolution,
      resolvedBy: row.resolvedById ? (byId.get(row.resolvedById) ?? null) : null,
      resolvedAt: row.resolvedAt?.toISOString() ?? null,
    }));
  }
}

/** The word filters staff keep (read whole into memory by the content filter). */
export class WordFiltersRepository implements WordFilterStore {
  constructor(private readonly db: DbClient) {}

  list(): Promise<StoredWordFilter[]> {
    return this.db.wordFilter.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, phrase: true, normalized: true, action: true, createdAt: true },
    });
  }

  async add(input: {
    phrase: string;
    normalized: string;
    action: "block" | "flag";
    createdById: string;
  }): Promise<StoredWordFilter | null> {
    try {
      return await translateErrors(() =>
        this.db.wordFilter.create({
          data: input,
          select: { id: true, phrase: true, normalized: true, action: true, createdAt: true },
        }),
      );
    } catch (error) {
      if (error instanceof UniqueConstraintError) return null;
      throw error;
    }
  }

  async remove(id: string): Promise<StoredWordFilter | null> {
    const found = await this.db.wordFilter.findUnique({
      where: { id },
      select: { id: true, phrase: true, normalized: true, action: true, createdAt: true },
    });
    if (!found) return null;
    await this.db.wordFilter.deleteMany({ where: { id } });
    return found;
  }
}

/** Existence and names of what a report points at. */
export class ReportSubjectsRepository {
  constructor(private readonly db: DbClient) {}

  async exists(userId: string): Promise<boolean> {
    return (await this.db.user.findUnique({ where: { id: userId }, select: { id: true } })) !== null;
  }

  room(roomId: string) {
    return this.db.room.findUnique({
      where: { id: roomId },
      select: { id: true, title: true, hostId: true, status: true },
    });
  }
}
