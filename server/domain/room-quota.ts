/**
 * How many rooms one person may hold and make. Pure: the shell counts, these functions decide.
 *
 * Each live room is a mediasoup router with its timers and a card in everyone's hallway, and each
 * scheduled room a line in everyone's Upcoming, so a person holds a bounded number of each at once
 * (`quota_exceeded`: waiting does not help, ending or cancelling one does), and makes a bounded
 * number per hour (`rate_limited`, with the wait), so a script cannot churn through rooms either.
 */

/** What the person is doing: starting a room now, announcing one, or opening an announced one. */
export type RoomQuotaAction = "start-now" | "schedule" | "start-scheduled";

/** The rooms a host holds right now. */
export type HostedRoomCounts = {
  /** Live rooms they host. */
  live: number;
  /** Announced rooms still to come (or overdue but still listed in Upcoming). */
  scheduled: number;
};

export type RoomQuotaLimits = { livePerUser: number; scheduledPerUser: number };

export type RoomQuotaDecision =
  { ok: true } | { ok: false; code: "quota_exceeded" | "rate_limited"; message: string };

const rooms = (count: number, what: string) => `${count} ${what} room${count === 1 ? "" : "s"}`;

/**
 * May this host's room be made (or opened)? `creationRetryAfterMs` is how long until the host may
 * create another room (0: under the hourly limit); opening an announced room is not a creation.
 * `actorIsHost` words the refusal for a co-host opening the host's room.
 */
export function decideRoomQuota(input: {
  action: RoomQuotaAction;
  counts: HostedRoomCounts;
  limits: RoomQuotaLimits;
  creationRetryAfterMs: number;
  actorIsHost?: boolean;
}): RoomQuotaDecision {
  const { action, counts, limits } = input;
  const who = input.actorIsHost === false ? "The host already has" : "You already have";
  if (action !== "schedule" && counts.live >= limits.livePerUser) {
    const next = action === "start-now" ? "another" : "this one";
    return {
      ok: false,
      code: "quota_exceeded",
      message:
        `${who} ${rooms(limits.livePerUser, "live")}, the most one person can host at once. ` +
        `End one to start ${next}.`,
    };
  }
  if (action === "schedule" && counts.scheduled >= limits.scheduledPerUser)
    return {
      ok: false,
      code: "quota_exceeded",
      message:
        `${who} ${rooms(limits.scheduledPerUser, "scheduled")}, the most one person can announce ` +
        "at once. Cancel one to schedule another.",
    };
  if (action !== "start-scheduled" && input.creationRetryAfterMs > 0) {
    const minutes = Math.max(1, Math.ceil(input.creationRetryAfterMs / 60_000));
    return {
      ok: false,
      code: "rate_limited",
      message: `You have started or scheduled many rooms in the last hour. Try again in ${minutes} min.`,
    };
  }
  return { ok: true };
}
