import type { Member } from "../../src/shared/protocol";
import {
  isAudienceChurn,
  isOnStage,
  type ApplyResult,
  type Refusal,
  type RoomEffect,
  type RoomEvent,
  type RoomState,
} from "./room-state";

export function refuse(code: Refusal["code"], message: string): ApplyResult {
  return { ok: false, error: { code, message } };
}

/** The refusal for a target user id that is not (or no longer) in the room. */
export function targetMissing(): ApplyResult {
  return refuse("not_found", "That person is not in this room.");
}

/** A success that changes nothing (e.g. muting someone already muted): no event, no version bump. */
export function unchanged(state: RoomState, effects: RoomEffect[] = []): ApplyResult {
  return { ok: true, state, events: [], effects };
}

/**
 * Builds one transition. Every member change goes through here, so the event that tells clients
 * about it is never forgotten, and the hand queue is kept in step with `handRaisedAt` the same way
 * a client rebuilds it from events (append when a hand goes up, drop when it comes down or the
 * member goes). The builder is local to one call, so the machine stays pure.
 */
export class RoomChange {
  private state: RoomState;
  private readonly events: RoomEvent[] = [];
  private readonly effects: RoomEffect[] = [];

  constructor(private readonly before: RoomState) {
    this.state = before;
  }

  get current(): RoomState {
    return this.state;
  }

  /** A new member arrives: audience-joined for a listener, member-joined straight onto the stage. */
  addMember(member: Member): this {
    this.put(member);
    if (member.userId === this.state.hostId) this.state = { ...this.state, hostArrived: true };
    this.state = { ...this.state, handQueue: syncedQueue(this.state.handQueue, member) };
    this.events.push(
      member.role === "listener" ? { type: "audience-joined", member } : { type: "member-joined", member },
    );
    return this;
  }

  /** An existing member changes role, mute, hand or invitation (member-updated). */
  updateMember(member: Member): this {
    this.put(member);
    this.state = { ...this.state, handQueue: syncedQueue(this.state.handQueue, member) };
    this.events.push({ type: "member-updated", member });
    return this;
  }

  /**
   * A member goes, by leaving or by removal; their hand and invitation go with them. A listener
   * leaving by themselves is audience churn (audience-left); a removal keeps its reason.
   */
  dropMember(event: Extract<RoomEvent, { type: "member-left" | "member-removed" }>): this {
    const listener = this.state.members.get(event.userId)?.role === "listener";
    this.state = {
      ...this.state,
      members: this.state.members.remove(event.userId),
      stage: this.state.stage.remove(event.userId),
      handQueue: this.state.handQueue.filter((id) => id !== event.userId),
    };
    this.events.push(
      event.type === "member-left" && listener ? { type: "audience-left", userId: event.userId } : event,
    );
    return this;
  }

  setHost(hostId: string): this {
    this.state = { ...this.state, hostId };
    this.events.push({ type: "host-changed", hostId });
    return this;
  }

  setHandRaising(handRaisingEnabled: boolean): this {
    this.state = { ...this.state, handRaisingEnabled };
    this.events.push({ type: "settings-updated", handRaisingEnabled });
    return this;
  }

  setMusicMode(musicMode: boolean): this {
    this.state = { ...this.state, musicMode };
    this.events.push({ type: "music-mode-changed", musicMode });
    return this;
  }

  setRecording(recording: boolean): this {
    this.state = { ...this.state, recording };
    this.events.push({ type: "recording-changed", recording });
    return this;
  }

  end(reason: Extract<RoomEvent, { type: "room-ended" }>["reason"], note?: string): this {
    // A recording ends with its room: the shell's recorder stops and writes the replay.
    if (this.state.recording) this.effect({ type: "stop-recording" });
    this.state = { ...this.state, status: "ended" };
    this.events.push(
      note === undefined ? { type: "room-ended", reason } : { type: "room-ended", reason, note },
    );
    return this;
  }

  /** Writes one member into both maps, so `stage` is always exactly the on-stage part of `members`. */
  private put(member: Member): void {
    this.state = {
      ...this.state,
      members: this.state.members.set(member.userId, member),
      stage: isOnStage(member)
        ? this.state.stage.set(member.userId, member)
        : this.state.stage.remove(member.userId),
    };
  }

  /** Blocks are server-side only (not in the snapshot), so they emit no event. */
  block(userId: string): this {
    if (!this.state.blockedUserIds.includes(userId)) {
      this.state = { ...this.state, blockedUserIds: [...this.state.blockedUserIds, userId] };
    }
    return this;
  }

  effect(...effects: RoomEffect[]): this {
    this.effects.push(...effects);
    return this;
  }

  /** Stamps the version: one step per versioned event (not audience churn), so clients can order and de-duplicate deltas. */
  commit(): ApplyResult {
    return {
      ok: true,
      state: {
        ...this.state,
        version: this.before.version + this.events.filter((event) => !isAudienceChurn(event)).length,
      },
      events: [...this.events],
      effects: [...this.effects],
    };
  }
}

function syncedQueue(queue: readonly string[], member: Member): readonly string[] {
  const queued = queue.includes(member.userId);
  if (member.handRaisedAt !== null && !queued) return [...queue, member.userId];
  if (member.handRaisedAt === null && queued) return queue.filter((id) => id !== member.userId);
  return queue;
}
