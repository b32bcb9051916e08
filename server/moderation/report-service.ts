import {
  fail,
  ok,
  type Ack,
  type AdminReport,
  type AdminReportPage,
  type CreateReportRequest,
  type ReportContext,
  type ResolveReportBody,
  type ReportStatus,
} from "../../src/shared/protocol";
import { SlidingWindowLimiter } from "../auth/sliding-window-limiter";
import type { Logger } from "../logging/logger";
import type { AuditLog } from "./audit-ports";
import type { LiveRoomContexts, ReportStore, ReportSubjects } from "./report-ports";

export type ReportLimits = { perHour: number; sameTargetMs: number };

export const REPORT_THANKS = "Thanks — the moderators will review it.";

const HOUR_MS = 60 * 60 * 1000;
const minutesUntil = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

/**
 * Reports from members, and the console's queue over them. The reporter says what and why; the
 * server writes down what the room looked like then. Nobody reported is told, and nothing about
 * a report is ever broadcast: it reaches only the moderators' queue.
 */
export class ReportService {
  private readonly perReporter: SlidingWindowLimiter;
  private readonly perTarget: SlidingWindowLimiter;

  constructor(
    private readonly deps: {
      store: ReportStore;
      subjects: ReportSubjects;
      liveRooms: LiveRoomContexts;
      audit: AuditLog;
      limits: ReportLimits;
      logger: Logger;
      now: () => number;
    },
  ) {
    this.perReporter = new SlidingWindowLimiter(deps.limits.perHour, HOUR_MS, deps.now);
    this.perTarget = new SlidingWindowLimiter(1, deps.limits.sameTargetMs, deps.now);
  }

  async file(reporterId: string, body: CreateReportRequest): Promise<Ack<{ id: string; message: string }>> {
    const { target } = body;
    const targetUserId = target.kind === "person" ? target.userId : null;
    const roomId = target.roomId ?? null;
    if (targetUserId === reporterId) return fail("invalid_input", "You cannot report yourself.");
    if (targetUserId && !(await this.deps.subjects.exists(targetUserId)))
      return fail(
        "not_found",
        "That person has no account here (guests cannot be reported); report the room instead.",
      );
    const stored = roomId ? await this.deps.subjects.room(roomId) : null;
    if (roomId && !stored) return fail("not_found", "There is no such room.");

    // Counted now, with no await between check and count; handed back if the report is not saved.
    const targetKey = `${reporterId}:${targetUserId ? `person:${targetUserId}` : `room:${roomId ?? ""}`}`;
    const again = this.perTarget.tryTake(targetKey);
    if (!again.ok) {
      const minutes = minutesUntil(again.retryAfterMs);
      return fail(
        "rate_limited",
        `You reported this a moment ago; the moderators have it. You can report it again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      );
    }
    const taken = this.perReporter.tryTake(reporterId);
    if (!taken.ok) {
      again.ticket.release();
      return fail(
        "rate_limited",
        `You have sent ${this.deps.limits.perHour} reports this hour. Try again in ${minutesUntil(taken.retryAfterMs)} minutes.`,
      );
    }

    const at = new Date(this.deps.now());
    const live = roomId ? await this.deps.liveRooms.contextOf(roomId, targetUserId) : null;
    const context: ReportContext = {
      at: at.toISOString(),
      room:
        live?.room ??
        (stored
          ? {
              id: stored.id,
              title: stored.title,
              live: false,
              host: null,
              stage: [],
              floor: null,
              listenerCount: 0,
            }
          : null),
      targetRole: live?.targetRole ?? null,
      filter: null,
    };
    try {
      const report = await this.deps.store.create({
        source: "person",
        reporterId,
        roomId,
        targetUserId,
        category: body.category,
        details: body.details,
        context,
        at,
      });
      this.deps.logger.info({ reportId: report.id, roomId, category: body.category }, "report filed");
      return ok({ id: report.id, message: REPORT_THANKS });
    } catch (error) {
      taken.ticket.release();
      again.ticket.release();
      throw error;
    }
  }

  async page(query: {
    status: ReportStatus;
    cursor: string | undefined;
    limit: number;
  }): Promise<Ack<AdminReportPage>> {
    const page = await this.deps.store.page(query);
    if (!page)
      return fail("invalid_input", "That page cursor is not valid; start again from the first page.");
    return ok(page);
  }

  async resolve(staffId: string, reportId: string, body: ResolveReportBody): Promise<Ack<AdminReport>> {
    const report = await this.deps.store.find(reportId);
    if (!report) return fail("not_found", "There is no such report.");
    if (report.status !== "open")
      return fail("invalid_state", `This report was already ${report.status} by someone else.`);
    const at = new Date(this.deps.now());
    const resolved = await this.deps.store.resolve(reportId, {
      outcome: body.outcome,
      resolution: body.resolution,
      resolvedById: staffId,
      at,
    });
    if (!resolved) return fail("invalid_state", "This report was resolved by someone else a moment ago.");
    await this.deps.audit.record({
      action: body.outcome === "actioned" ? "report.action" : "report.dismiss",
      actorId: staffId,
      targetUserId: report.target?.id ?? null,
      roomId: report.room?.id ?? null,
      reason: body.resolution,
      details: { reportId, category: report.category, source: report.source },
      at,
    });
    const updated = await this.deps.store.find(reportId);
    return updated ? ok(updated) : fail("not_found", "There is no such report.");
  }
}
