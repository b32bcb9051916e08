import type {
  AdminReport,
  ReportCategory,
  ReportContext,
  ReportStatus,
  Role,
  WordFilterAction,
} from "../../src/shared/protocol";

/** What the reports service and the word filters need of storage (server/db/report-store.ts). */

export type NewReport = {
  source: "person" | "word_filter";
  reporterId: string | null;
  roomId: string | null;
  targetUserId: string | null;
  category: ReportCategory;
  details: string;
  context: ReportContext;
  at: Date;
};

export type StoredReport = AdminReport;

export type ReportPageQuery = { status: ReportStatus; cursor: string | undefined; limit: number };

/**
 * Reports in the last hour per room. The console's live-rooms list calls this (import the type
 * from here); a room without reports is absent from the map.
 */
export interface ReportCountsByRoom {
  reportsLastHourByRoom(roomIds?: readonly string[]): Promise<Map<string, number>>;
}

export interface ReportStore extends ReportCountsByRoom {
  create(report: NewReport): Promise<{ id: string }>;
  /** Newest first; `cursor` is an opaque string this store made (an unknown one is null). */
  page(query: ReportPageQuery): Promise<{ reports: StoredReport[]; nextCursor: string | null } | null>;
  find(id: string): Promise<StoredReport | null>;
  /** Resolves an open report; false if it was not open any more (someone else resolved it). */
  resolve(
    id: string,
    input: { outcome: "actioned" | "dismissed"; resolution: string; resolvedById: string; at: Date },
  ): Promise<boolean>;
}

export type StoredWordFilter = {
  id: string;
  phrase: string;
  normalized: string;
  action: WordFilterAction;
  createdAt: Date;
};

export interface WordFilterStore {
  list(): Promise<StoredWordFilter[]>;
  /** null when an entry with the same normalized form exists. */
  add(input: {
    phrase: string;
    normalized: string;
    action: WordFilterAction;
    createdById: string;
  }): Promise<StoredWordFilter | null>;
  remove(id: string): Promise<StoredWordFilter | null>;
}

/** The people a report names, looked up for existence and names. */
export interface ReportSubjects {
  exists(userId: string): Promise<boolean>;
  /** The room as stored (for rooms that are not running in this process). */
  room(roomId: string): Promise<{ id: string; title: string; hostId: string; status: string } | null>;
}

/** A live room as a report records it: read from the running room, never from the reporter. */
export type LiveRoomContext = { room: NonNullable<ReportContext["room"]>; targetRole: Role | null };

export interface LiveRoomContexts {
  /** null when the room is not running in this process (ended, scheduled, unknown). */
  contextOf(roomId: string, targetUserId: string | null): Promise<LiveRoomContext | null>;
}
