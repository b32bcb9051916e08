import type { Member } from "@/shared/protocol";
import type { RoomView } from "@/features/room/room-snapshot-reducer";

/**
 * What a screen reader should hear when the room changes, as message keys of the `a11y` catalog.
 * Pure: the room announcer diffs the previous and the next room view through here. Speaker
 * changes come apart (`speaker`), because the announcer throttles them.
 */
export type Announcement =
  | {
      key:
        "youMuted" | "youUnmuted" | "yourHandRaised" | "yourHandLowered" | "youAreInvited" | "youAreOnStage";
    }
  | { key: "youAreInAudience" }
  | { key: "memberMuted" | "memberUnmuted" | "memberRaisedHand"; name: string };

export type RoomChanges = { announcements: Announcement[]; speaker: string | null | undefined };

function byId(members: readonly Member[]): Map<string, Member> {
  return new Map(members.map((member) => [member.userId, member]));
}

/**
 * The changes from `before` to `after` worth saying out loud. `speaker` is the display name of a
 * new active speaker, null when nobody speaks any more, undefined when it did not change.
 */
export function roomChanges(before: RoomView | null, after: RoomView | null): RoomChanges {
  const announcements: Announcement[] = [];
  if (!after) return { announcements, speaker: undefined };
  const stage = byId(after.stage);
  const speakerMember = after.activeSpeakerId ? stage.get(after.activeSpeakerId) : undefined;
  const speakingName = speakerMember && !speakerMember.muted ? speakerMember.displayName : null;
  if (!before) return { announcements, speaker: speakingName ?? undefined };

  const was = before.self;
  const now = after.self;
  if (was && now) {
    const wasOnStage = was.role !== "listener";
    const nowOnStage = now.role !== "listener";
    if (!wasOnStage && nowOnStage) announcements.push({ key: "youAreOnStage" });
    if (wasOnStage && !nowOnStage) announcements.push({ key: "youAreInAudience" });
    if (wasOnStage && nowOnStage && was.muted !== now.muted)
      announcements.push({ key: now.muted ? "youMuted" : "youUnmuted" });
    if (was.invitedAt === null && now.invitedAt !== null && now.role === "listener")
      announcements.push({ key: "youAreInvited" });
    if ((was.handRaisedAt === null) !== (now.handRaisedAt === null) && now.role === "listener")
      announcements.push({ key: now.handRaisedAt !== null ? "yourHandRaised" : "yourHandLowered" });
  }

  // Other people on stage muting and unmuting themselves (or being muted).
  const previousStage = byId(before.stage);
  for (const member of after.stage) {
    const earlier = previousStage.get(member.userId);
    if (member.userId === after.selfId || !earlier || earlier.muted === member.muted) continue;
    announcements.push({ key: member.muted ? "memberMuted" : "memberUnmuted", name: member.displayName });
  }

  // New hands in the queue: only those who moderate get the whole queue, so only they hear this.
  const previousHands = new Set(before.raisedHands.map((member) => member.userId));
  for (const member of after.raisedHands) {
    if (member.userId === after.selfId || previousHands.has(member.userId)) continue;
    announcements.push({ key: "memberRaisedHand", name: member.displayName });
  }

  const speakerChanged =
    before.activeSpeakerId !== after.activeSpeakerId ||
    (speakerMember !== undefined &&
      before.stage.find((m) => m.userId === speakerMember.userId)?.muted === true);
  return { announcements, speaker: speakerChanged ? speakingName : undefined };
}

/**
 * Speaker changes at most every `intervalMs`: the first is said at once, later ones wait for the
 * interval and only the latest is said (a lively room would otherwise talk over itself).
 */
export class SpeakerThrottle {
  private lastAt = Number.NEGATIVE_INFINITY;
  private lastSaid: string | null = null;
  private pending: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly say: (name: string) => void,
    private readonly intervalMs = 4000,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new active speaker (null: silence, which is not announced). */
  speaker(name: string | null): void {
    this.pending = name;
    if (this.timer) return;
    const wait = this.lastAt + this.intervalMs - this.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.timer = null;
    const name = this.pending;
    this.pending = null;
    if (name === null || name === this.lastSaid) {
      if (name === null) this.lastSaid = null;
      return;
    }
    this.lastSaid = name;
    this.lastAt = this.now();
    this.say(name);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
