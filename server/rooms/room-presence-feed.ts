import type { AudiencePage, Member, RoomCounts } from "../../src/shared/protocol";
import { AudienceIndex } from "../domain/audience-index";
import { byArrival, isAudienceChurn, subjectOf, type RoomEvent, type RoomState } from "../domain/room-state";
import { audiencePage, roomCounts, roomViewFor, type RoomViewFields } from "../domain/room-view";
import type { Logger } from "../logging/logger";
import { AudienceBatcher } from "./audience-batcher";
import { AudienceWriter } from "./audience-writer";
import { broadcastRoomEvent, queueAudienceRows } from "./room-event-io";
import { realScheduler, type RoomBroadcaster, type RoomStore, type Scheduler } from "./room-ports";

/** First audience page of a join snapshot, and the page size of the followed listeners. */
export const JOIN_PAGE_SIZE = 50;
/** At most one audience batch per room per second. */
export const AUDIENCE_BATCH_MS = 1000;
/** Past this many arrivals (or departures) in one batch, clients refetch their first page instead. */
export const AUDIENCE_BATCH_CAP = 200;
/** Audience rows are written at most a second after the change. */
export const AUDIENCE_WRITE_MS = 1000;

/**
 * Presence of one room at scale, beside the room service's command loop: an index for counts and
 * pages, the batcher that coalesces audience churn into `room:audience-changed`, and the
 * write-behind writer of audience rows. The service tells it what each commit did; it decides
 * what goes out now (versioned stage events) and what waits for the next batch.
 */
export class RoomPresenceFeed {
  readonly writer: AudienceWriter;
  private readonly batcher: AudienceBatcher;
  private readonly index: AudienceIndex;
  private readonly roomId: string;
  private readonly broadcaster: RoomBroadcaster;
  /** The state after the last commit (counts of a batch are read from it). */
  private latest: RoomState;

  constructor(deps: {
    roomId: string;
    /** The room as it starts (restored members included): the index is built from it. */
    state: RoomState;
    store: RoomStore;
    broadcaster: RoomBroadcaster;
    logger: Logger;
    scheduler?: Scheduler;
  }) {
    const scheduler = deps.scheduler ?? realScheduler;
    this.roomId = deps.roomId;
    this.index = AudienceIndex.of(deps.state);
    this.latest = deps.state;
    this.broadcaster = deps.broadcaster;
    this.writer = new AudienceWriter({
      roomId: deps.roomId,
      store: deps.store,
      scheduler,
      logger: deps.logger,
      intervalMs: AUDIENCE_WRITE_MS,
    });
    this.batcher = new AudienceBatcher({
      scheduler,
      intervalMs: AUDIENCE_BATCH_MS,
      cap: AUDIENCE_BATCH_CAP,
      counts: () => roomCounts(this.latest, this.index),
      send: (batch) => deps.broadcaster.toRoom(deps.roomId, "room:audience-changed", batch),
    });
  }

  /** The state moved from `before` to `after` through `events`: follow it, and queue audience rows. */
  committed(events: RoomEvent[], before: RoomState, after: RoomState, at: Date): void {
    this.latest = after;
    for (const event of events) this.index.apply(event, after.members);
    queueAudienceRows(this.writer, events, before, at);
  }

  /**
   * Sends the versioned events now, numbered from `fromVersion + 1`, each after dropping its
   * person from the pending batch (so the batch can never contradict it later); audience churn
   * waits for the next batch.
   */
  broadcast(events: RoomEvent[], fromVersion: number, after: RoomState): void {
    const counts = roomCounts(after, this.index);
    let version = fromVersion;
    for (const event of events) {
      if (isAudienceChurn(event)) {
        if (event.type === "audience-joined")
          this.batcher.joined(after.members.get(event.member.userId) ?? event.member);
        else this.batcher.left(event.userId);
        continue;
      }
      const subject = subjectOf(event);
      if (subject !== null) this.batcher.supersede(subject);
      version += 1;
      broadcastRoomEvent(this.broadcaster, this.roomId, event, version, counts);
    }
  }

  counts(state: RoomState): RoomCounts {
    return roomCounts(state, this.index);
  }

  viewFor(state: RoomState, viewer: { userId: string; followingIds: readonly string[] }): RoomViewFields {
    return roomViewFor(state, this.index, viewer, JOIN_PAGE_SIZE);
  }

  page(state: RoomState, cursor: string | undefined, limit: number): AudiencePage | null {
    return audiencePage(state, this.index, cursor, limit);
  }

  /** Everyone on stage, in arrival order (the stage is small by rule; the state holds it). */
  stageMembers(state: RoomState): Member[] {
    return [...state.stage.values()].sort(byArrival);
  }

  /** The room ended: no more batches (the end event said it all). */
  stopBatches(): void {
    this.batcher.close();
  }

  /** Shutdown: stop batching and write the queued rows. */
  async close(): Promise<void> {
    this.batcher.close();
    await this.writer.close();
  }
}
