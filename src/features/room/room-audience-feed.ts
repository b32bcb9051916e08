import type { Socket } from "socket.io-client";
import type { ServerEventPayload } from "@/shared/protocol";
import { request } from "@/lib/socket-request";
import { applyAudienceBatch, applyAudiencePage, moderates, type RoomView } from "./room-snapshot-reducer";

/** Truncated batches make everyone reload their first page: spread the reloads over this long. */
const REFETCH_SPREAD_MS = 2000;

/**
 * The audience side of a room page: applies coalesced audience batches, loads the next page as the
 * list scrolls, reloads the first page after a truncated batch, and fetches the hand queue when this
 * person becomes a host or moderator. Reads and writes the page's view through the two callbacks.
 */
export class RoomAudienceFeed {
  private loading: Promise<void> | null = null;
  private refetchTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly socket: Socket,
    private readonly view: () => RoomView | null,
    private readonly setView: (view: RoomView) => void,
  ) {}

  batch(batch: ServerEventPayload<"room:audience-changed">): void {
    const view = this.view();
    if (!view) return;
    const result = applyAudienceBatch(view, batch);
    this.setView(result.view);
    if (result.refetch) this.refetchSoon();
  }

  /** The role changed from `before` to now: a new host or moderator needs the whole hand queue. */
  roleChanged(before: RoomView, after: RoomView): void {
    if (!moderates(before) && moderates(after)) void this.loadHandQueue();
  }

  /** Loads the next page (the list asks as it scrolls near its end); one request at a time. */
  loadMore(): Promise<void> {
    return this.view()?.audienceCursor ? this.load(false) : Promise.resolve();
  }

  close(): void {
    if (this.refetchTimer !== null) clearTimeout(this.refetchTimer);
    this.refetchTimer = null;
  }

  /**
   * Reload the first page after a random pause, so a room of thousands does not ask the server in
   * the same millisecond; repeated truncated batches collapse into one reload.
   */
  private refetchSoon(): void {
    if (this.refetchTimer !== null) return;
    this.refetchTimer = setTimeout(() => {
      this.refetchTimer = null;
      void this.load(true);
    }, Math.random() * REFETCH_SPREAD_MS);
  }

  private load(first: boolean): Promise<void> {
    if (this.loading) return this.loading;
    const cursor = first ? undefined : this.view()?.audienceCursor;
    this.loading = request(this.socket, "room:audience", cursor ? { cursor } : {})
      .then((page) => {
        const view = this.view();
        // A rejoin meanwhile brought a fresh first page; this answer belongs to the old list.
        if (view && (first || view.audienceCursor === cursor))
          this.setView(applyAudiencePage(view, page, first));
      })
      .catch(() => undefined) // the next scroll asks again
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  private async loadHandQueue(): Promise<void> {
    try {
      const { raisedHands } = await request(this.socket, "room:hand-queue", {});
      const view = this.view();
      if (view && moderates(view)) this.setView({ ...view, raisedHands });
    } catch {
      // No longer a moderator by the time it arrived: nothing to show.
    }
  }
}
