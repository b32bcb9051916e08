import type { ErrorCode, Role } from "../../src/shared/protocol";
import type { AccessDecision } from "../domain/room-access";

/**
 * The same pinger may ping the same person once per this long, into whichever room: counted per
 * room, starting a new room would let anyone ping all the people they follow again at once.
 */
export const PING_COOLDOWN_MS = 10 * 60_000;

/** The person pinging, as the room knows them. `role` is undefined when they are not in the room. */
export type Pinger = { userId: string; isGuest: boolean; role: Role | undefined };

/** What the shell found out about one person to be pinged. */
export type PingTargetFacts = {
  userId: string;
  /** The pinger follows them (you ping people you follow, as in Clubhouse). */
  followedByPinger: boolean;
  /** They are in the room already (including someone whose connection dropped moments ago). */
  inRoom: boolean;
  /** Could they enter the room right now, by its type and the host's blocks? */
  access: AccessDecision;
  /** When this pinger last pinged them, into any room (epoch ms), or null. */
  lastPingedAt: number | null;
};

export type Refusal = { ok: false; code: ErrorCode; message: string };

/** A ping goes out; `grantAccess` when it is a host's or moderator's invitation into a closed room. */
export type PingDecision = { ok: true; grantAccess: boolean } | Refusal;

const refuse = (code: ErrorCode, message: string): Refusal => ({ ok: false, code, message });

/** May this person ping anyone at all? Asked once per command, before any target. */
export function decidePinger(pinger: Pinger): { ok: true } | Refusal {
  if (pinger.isGuest) return refuse("forbidden", "Sign in to ping people into a room.");
  if (pinger.role === undefined)
    return refuse("invalid_state", "Join the room before pinging people into it.");
  return { ok: true };
}

/**
 * Whether one person may be pinged into the room. Pure: the ping service gathers the facts.
 *
 * The order matters for what a refusal reveals: someone you do not follow is refused before
 * anything about them (where they are, whether they could enter) is looked at. A closed room is
 * the one place a ping changes who may enter: in Clubhouse, a host pinging someone into a closed
 * room is how they invite them, so a host's or moderator's ping lets the person in. Nobody's ping
 * gets past the host's blocks, and a social room's rule (someone on stage follows you) is not
 * bypassed by a ping either: it is about who the stage knows, not who the audience knows.
 */
export function decidePing(pinger: Pinger, target: PingTargetFacts, now: number): PingDecision {
  const mayPing = decidePinger(pinger);
  if (!mayPing.ok) return mayPing;
  if (!target.followedByPinger) return refuse("forbidden", "You can only ping people you follow.");
  if (target.inRoom) return refuse("invalid_state", "Already in this room.");
  let grantAccess = false;
  if (!target.access.ok) {
    const invites = pinger.role === "host" || pinger.role === "moderator";
    if (target.access.reason === "not-invited" && invites) grantAccess = true;
    else return refuse("forbidden", refusalFor(target.access.reason));
  }
  if (target.lastPingedAt !== null && now - target.lastPingedAt < PING_COOLDOWN_MS) {
    const minutes = Math.max(1, Math.ceil((PING_COOLDOWN_MS - (now - target.lastPingedAt)) / 60_000));
    return refuse("rate_limited", `You pinged them recently; try again in ${minutes} min.`);
  }
  return { ok: true, grantAccess };
}

function refusalFor(reason: Extract<AccessDecision, { ok: false }>["reason"]): string {
  switch (reason) {
    case "not-invited":
      return "This room is closed: only its host or a moderator can ping people in.";
    case "not-followed":
      return "This is a social room: they can join only when someone on stage follows them.";
    case "blocked":
    case "sign-in-required":
      return "They cannot join this room.";
  }
}
