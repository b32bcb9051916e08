import { VERIFY_TO_HOST_MESSAGE } from "../../src/shared/protocol";
import {
  CALENDAR_EVENT_MINUTES,
  fail,
  ok,
  OVERDUE_GRACE_HOURS,
  UPCOMING_LIMIT,
  UPCOMING_WINDOW_DAYS,
  type Ack,
  type CancelledRoom,
  type RoomInterest,
  type StartedRoom,
  type UpcomingRoom,
} from "../../src/shared/protocol";
import {
  decideScheduleCancel,
  decideScheduledRoomVisibility,
  decideScheduleStart,
  type ScheduleViewer,
} from "../domain/schedule-visibility";
import { fairUpcoming } from "../domain/upcoming-fairness";
import type { Logger } from "../logging/logger";
import type { Notifier } from "../notifications/notification-ports";
import type { RoomQuotas } from "../rooms/room-quotas";
import { buildIcsCalendar } from "./ics-calendar";
import type { Locale } from "../../src/shared/locales";
import { calendarTranslator } from "../i18n/server-translator";
import type { ScheduledRoomRow, ScheduleStore } from "./schedule-ports";

export type ScheduleServiceDeps = {
  store: ScheduleStore;
  notifier: Notifier;
  /**
   * Brings a room that just became live to life in this process (the room registry). Called after
   * the status changed in the database; if it throws, the start is undone.
   */
  startLiveRoom(roomId: string): Promise<void>;
  /** Opening an announced room makes it live: it counts against the host's live rooms. */
  quotas: Pick<RoomQuotas, "guard">;
  /** Places one host may take in a viewer's Upcoming list (UPCOMING_ROOMS_PER_HOST). */
  upcomingPerHost: number;
  logger: Logger;
  now(): Date;
  /** Where people reach the app: the calendar file links to the room there. */
  publicOrigin: string;
  /** REQUIRE_VERIFIED_TO_HOST: is this person's real name verified? (Absent: nobody needs to be.) */
  verifiedToHost?: ((userId: string) => Promise<boolean>) | undefined;
};

/** The calendar file of one room, ready to serve. */
export type CalendarFile = { fileName: string; text: string };

const HOUR_MS = 3_600_000;
/**
 * Rooms read from the database for one Upcoming list. The query already leaves out rooms the
 * viewer may not see and takes at most `upcomingPerHost` per host, so these are at least
 * CANDIDATES / upcomingPerHost hosts' rooms; the domain's rules then decide what is shown.
 */
const CANDIDATES = 500;

const notFound = () => fail("not_found", "There is no such scheduled room.");

/**
 * Scheduled rooms: the Upcoming list for each viewer, "Notify me", starting (host or co-host, once)
 * and cancelling (host), and the calendar file. Every refusal is an error ack with a code.
 */
export class ScheduleService {
  constructor(private readonly deps: ScheduleServiceDeps) {}

  /** Scheduled rooms `viewerId` (null: a guest) may see, soonest first, within the window. */
  async upcoming(viewerId: string | null): Promise<UpcomingRoom[]> {
    const now = this.deps.now().getTime();
    const candidates = await this.deps.store.listUpcoming({
      viewerId,
      from: new Date(now - OVERDUE_GRACE_HOURS * HOUR_MS),
      until: new Date(now + UPCOMING_WINDOW_DAYS * 24 * HOUR_MS),
      perHost: this.deps.upcomingPerHost,
      limit: CANDIDATES,
    });
    const viewer = await this.viewer(viewerId, candidates);
    // Visibility first, so a room this viewer may not see never takes a place; then the fair share.
    const rooms = fairUpcoming(
      candidates.flatMap((room) =>
        room.scheduledFor !== null && decideScheduledRoomVisibility(room, viewer).visible
          ? [{ ...room, scheduledFor: room.scheduledFor }]
          : [],
      ),
      { perHost: this.deps.upcomingPerHost, limit: UPCOMING_LIMIT, viewerId },
    );
    if (rooms.length === 0) return [];
    const roomIds = rooms.map((room) => room.id);
    const [people, counts, mine] = await Promise.all([
      this.deps.store.people(rooms.flatMap((room) => [room.hostId, ...room.coHostIds])),
      this.deps.store.interestCounts(roomIds),
      viewerId === null ? new Set<string>() : this.deps.store.interestedRoomIds(viewerId, roomIds),
    ]);
    const byId = new Map(people.map((person) => [person.id, person]));
    return rooms.flatMap((room) => {
      const host = byId.get(room.hostId);
      if (host === undefined) return [];
      return [
        {
          id: room.id,
          title: room.title,
          description: room.description,
          type: room.type,
          topics: room.topics,
          language: room.language,
          scheduledFor: room.scheduledFor.toISOString(),
          host,
          coHosts: room.coHostIds.flatMap((id) => byId.get(id) ?? []),
          interested: mine.has(room.id),
          interestCount: counts.get(room.id) ?? 0,
          canStart: viewerId !== null && (viewerId === room.hostId || room.coHostIds.includes(viewerId)),
        },
      ];
    });
  }

  /** Whether `viewerId` asked to be told, and how many did; any room the viewer may see. */
  async interest(viewerId: string | null, roomId: string): Promise<Ack<RoomInterest>> {
    const room = await this.visibleRoom(viewerId, roomId);
    if (room === null) return notFound();
    return ok(await this.interestOf(room.id, viewerId));
  }

  /** "Notify me" (or not): signed-in people, on scheduled rooms they may see. */
  async setInterest(
    viewerId: string | null,
    roomId: string,
    interested: boolean,
  ): Promise<Ack<RoomInterest>> {
    if (viewerId === null) return fail("unauthorized", "Sign in to be notified when this room starts.");
    const room = await this.visibleRoom(viewerId, roomId);
    if (room === null) return notFound();
    if (room.status !== "scheduled")
      return fail(
        "invalid_state",
        room.status === "live" ? "This room has already started." : "This room was cancelled or has ended.",
      );
    await this.deps.store.setInterest(room.id, viewerId, interested);
    return ok(await this.interestOf(room.id, viewerId));
  }

  /**
   * The host or a co-host opens the room: scheduled → live once (a conditional update, so two taps
   * or two co-hosts at the same moment start it once), the live room is brought up, then everyone
   * who asked is notified.
   */
  async start(actorId: string | null, roomId: string): Promise<Ack<StartedRoom>> {
    if (actorId === null) return fail("unauthorized", "Sign in to start this room.");
    const room = await this.deps.store.findRoom(roomId);
    if (room === null || room.scheduledFor === null) return notFound();
    const decision = decideScheduleStart(room, actorId);
    if (!decision.ok) return fail(decision.code, decision.message);
    if (this.deps.verifiedToHost && !(await this.deps.verifiedToHost(actorId)))
      return fail("verification_required", VERIFY_TO_HOST_MESSAGE);
    const log = this.deps.logger.child({ roomId: room.id, userId: actorId });
    const opened = await this.deps.quotas.guard(
      { hostId: room.hostId, action: "start-scheduled", actorIsHost: actorId === room.hostId },
      () => this.open(room.id, log),
    );
    if (!opened.ok) return fail(opened.code, opened.message);
    if (!opened.value.ok) return opened.value;
    log.info({ scheduledFor: room.scheduledFor.toISOString() }, "scheduled room started");
    await this.notifyInterested(room.id, actorId, log);
    return opened.value;
  }

  /** scheduled → live once, and the live room brought up (or the start undone). */
  private async open(roomId: string, log: Logger): Promise<Ack<StartedRoom>> {
    const at = this.deps.now();
    if (!(await this.deps.store.markStarted(roomId, at)))
      return fail("invalid_state", "This room has already started.");
    try {
      await this.deps.startLiveRoom(roomId);
    } catch (error) {
      // Leaving it "live" with nothing running would be a ghost room in the hallway; undo instead,
      // so the host can simply tap again.
      log.error({ err: error }, "scheduled room could not be brought to life; start undone");
      await this.deps.store.revertStart(roomId, at);
      return fail("internal", "The room could not be started. Please try again.");
    }
    return ok({ roomId, status: "live", startedAt: at.toISOString() });
  }

  /** The host withdraws the announcement: the room ends before it began. */
  async cancel(actorId: string | null, roomId: string): Promise<Ack<CancelledRoom>> {
    if (actorId === null) return fail("unauthorized", "Sign in to cancel this room.");
    const room = await this.deps.store.findRoom(roomId);
    if (room === null || room.scheduledFor === null) return notFound();
    const decision = decideScheduleCancel(room, actorId);
    if (!decision.ok) return fail(decision.code, decision.message);
    const at = this.deps.now();
    if (!(await this.deps.store.markCancelled(room.id, at)))
      return fail("invalid_state", "Only a room that has not started yet can be cancelled.");
    this.deps.logger.info({ roomId: room.id, userId: actorId }, "scheduled room cancelled");
    return ok({ roomId: room.id, status: "ended", endedAt: at.toISOString() });
  }

  /** The room's .ics file, for anyone who may see the room. */
  async calendar(viewerId: string | null, roomId: string, locale: Locale = "en"): Promise<Ack<CalendarFile>> {
    const room = await this.visibleRoom(viewerId, roomId);
    if (room === null || room.scheduledFor === null) return notFound();
    const origin = new URL(this.deps.publicOrigin);
    const t = calendarTranslator(locale);
    const text = buildIcsCalendar({
      uid: `${room.id}@${origin.host}`,
      title: room.title,
      description: room.description,
      start: room.scheduledFor,
      durationMinutes: CALENDAR_EVENT_MINUTES,
      url: new URL(`/rooms/${encodeURIComponent(room.id)}`, origin).toString(),
      stamp: this.deps.now(),
      // Ended without ever starting: the host called it off.
      cancelled: room.status === "ended" && room.startedAt === null,
      joinLine: (url) => t("join", { url }),
      language: locale,
    });
    return ok({ fileName: `${fileNameOf(room.title)}.ics`, text });
  }

  private async notifyInterested(roomId: string, actorId: string, log: Logger): Promise<void> {
    try {
      const recipients = (await this.deps.store.interestedUserIds(roomId)).filter((id) => id !== actorId);
      if (recipients.length > 0)
        await this.deps.notifier.notify(recipients, { kind: "room_live", actorId, roomId });
    } catch (error) {
      // The room is live either way; a lost notification must not turn the start into an error.
      log.error({ err: error }, "could not notify interested people");
    }
  }

  private async interestOf(roomId: string, viewerId: string | null): Promise<RoomInterest> {
    const [counts, mine] = await Promise.all([
      this.deps.store.interestCounts([roomId]),
      viewerId === null ? new Set<string>() : this.deps.store.interestedRoomIds(viewerId, [roomId]),
    ]);
    return { roomId, interested: mine.has(roomId), interestCount: counts.get(roomId) ?? 0 };
  }

  /** The room if `viewerId` may see it; else null, whether it exists or not (no existence leak). */
  private async visibleRoom(viewerId: string | null, roomId: string): Promise<ScheduledRoomRow | null> {
    const room = await this.deps.store.findRoom(roomId);
    if (room === null) return null;
    const viewer = await this.viewer(viewerId, [room]);
    return decideScheduledRoomVisibility(room, viewer).visible ? room : null;
  }

  private async viewer(viewerId: string | null, rooms: readonly ScheduledRoomRow[]): Promise<ScheduleViewer> {
    if (viewerId === null) return null;
    const hostIds = [...new Set(rooms.map((room) => room.hostId))];
    const [followers, blocking] = await Promise.all([
      this.deps.store.followerIds(viewerId),
      hostIds.length === 0 ? [] : this.deps.store.hostsBlocking(viewerId, hostIds),
    ]);
    return { userId: viewerId, followerIds: new Set(followers), blockedByHostIds: new Set(blocking) };
  }
}

/** A calendar file name people recognise: the title, reduced to safe characters. */
function fileNameOf(title: string): string {
  const base = title
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .replace(/\s+/g, "-")
    .slice(0, 60);
  return base === "" ? "room" : base;
}
