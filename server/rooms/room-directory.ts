import { randomBytes } from "node:crypto";
import type {
  CreateRoomRequest,
  Hallway,
  HallwayCardPush,
  HallwayQuery,
  RoomDetails,
} from "../../src/shared/protocol";
import { VERIFY_TO_HOST_MESSAGE } from "../../src/shared/protocol";
import { decideRoomAccess } from "../domain/room-access";
import { matchesHallwayQuery, mostUsed, rankRooms } from "../domain/hallway-ranking";
import { RoomAdmission } from "./room-admission";
import type { RoomQuotas } from "./room-quotas";
import { RoomError, type RoomStore, type StoredRoom } from "./room-ports";
import type { RoomRegistry } from "./room-registry";
import { hallwayEntryOf, publicCard, type HallwayEntry } from "./hallway-entry";

/**
 * What to tell hallway watchers about one room that changed. An open room is the same for every
 * viewer except those its host blocked, so its card is pushed to all watchers but them. A social
 * or closed room's visibility differs per viewer (followers of its stage, its allow list), so no
 * card is pushed: watchers are asked to refetch their own hallway, which the server filters.
 */
export type HallwayPush =
  | { kind: "card"; card: HallwayCardPush; hiddenFrom: readonly string[] }
  | { kind: "gone" }
  | { kind: "per-viewer" };

/** Who is looking: a signed-in person, or a visitor (guest) with no account. */
export type Viewer = { userId: string; isGuest: boolean };

const GUEST_VIEWER: Viewer = { userId: "guest", isGuest: true };
export const guestViewer = (): Viewer => GUEST_VIEWER;

const MAX_SCHEDULE_AHEAD_MS = 366 * 24 * 3600 * 1000;

/**
 * Rooms as the HTTP API sees them: creating one, looking one up (what its page shows, if the
 * viewer may see it), and the hallway. Live facts (who is on stage, counts) come from the running
 * rooms of the registry, never from the database, so an ended or abandoned room cannot linger.
 */
export class RoomDirectory {
  constructor(
    private readonly deps: {
      store: RoomStore;
      registry: RoomRegistry;
      /** Live and scheduled rooms per person, and creations per hour. */
      quotas: RoomQuotas;
      now: () => number;
      onScheduled?: () => void;
      /** REQUIRE_VERIFIED_TO_HOST: is this person's real name verified? (Absent: nobody needs to be.) */
      verifiedToHost?: ((userId: string) => Promise<boolean>) | undefined;
      /** Cluster mode: the live rooms other nodes run (server/cluster/hallway-board.ts). */
      remoteHallway?: (() => Promise<HallwayEntry[]>) | undefined;
    },
  ) {}

  async create(hostId: string, body: CreateRoomRequest): Promise<RoomDetails> {
    if (this.deps.verifiedToHost && !(await this.deps.verifiedToHost(hostId)))
      throw new RoomError("verification_required", VERIFY_TO_HOST_MESSAGE);
    const scheduledFor = body.scheduledFor === undefined ? null : new Date(body.scheduledFor);
    if (scheduledFor !== null) {
      const ahead = scheduledFor.getTime() - this.deps.now();
      if (ahead <= 0) throw new RoomError("invalid_input", "Pick a time in the future.");
      if (ahead > MAX_SCHEDULE_AHEAD_MS)
        throw new RoomError("invalid_input", "Schedule at most a year ahead.");
    }
    const named = [...new Set([...body.coHostIds, ...body.invitedUserIds])].filter((id) => id !== hostId);
    const known = new Set((await this.deps.store.people(named)).map((person) => person.id));
    if (named.some((id) => !known.has(id)))
      throw new RoomError("invalid_input", "Some of the people you picked do not exist.");
    const made = await this.deps.quotas.guard(
      { hostId, action: scheduledFor === null ? "start-now" : "schedule" },
      () => this.make(hostId, body, scheduledFor),
    );
    if (!made.ok) throw new RoomError(made.code, made.message);
    return made.value;
  }

  /** Stores the room and, when it is live, brings it to life (inside the host's quota check). */
  private async make(
    hostId: string,
    body: CreateRoomRequest,
    scheduledFor: Date | null,
  ): Promise<RoomDetails> {
    const room = await this.deps.store.createRoom({
      hostId,
      title: body.title,
      description: body.description,
      type: body.type,
      topics: body.topics,
      language: body.language,
      scheduledFor,
      // The repository drops the host and repeats from both lists.
      coHostIds: body.coHostIds,
      allowedUserIds: body.type === "closed" ? body.invitedUserIds : [],
      // 144 bits: the link is the only key to a closed room, so it must not be guessable.
      shareKey: body.type === "closed" ? randomBytes(18).toString("base64url") : null,
      audioFrameMs: body.audioFrameMs,
    });
    // Live at once: running before the host arrives, so it is in the hallway and its timers run.
    if (room.status === "live") await this.deps.registry.get(room.id);
    else this.deps.onScheduled?.(); // the hallway's Upcoming section refreshes on the same push
    return this.toDetails(room, hostId);
  }

  /**
   * A room's page. Refused with `forbidden` (and the reason) when the viewer may not enter it;
   * ended rooms stay visible to whoever could see them, so their link says who hosted them.
   */
  async details(roomId: string, viewer: Viewer, shareKey?: string): Promise<RoomDetails> {
    const room = await this.deps.store.findRoom(roomId);
    if (!room) throw new RoomError("not_found", "There is no such room.");
    const running = room.status === "live" ? await this.deps.registry.peek(roomId) : undefined;
    const entrant = { ...viewer, shareKey };
    // Not running (scheduled, over, or not restored yet): the same door, with the host and
    // co-hosts standing in for the stage they will be (or were) on.
    const decision = running
      ? await running.accessFor(entrant)
      : await new RoomAdmission(
          room.id,
          { type: room.type, hostId: () => room.hostId, coHostIds: room.coHostIds, shareKey: room.shareKey },
          room.type === "closed" ? await this.deps.store.allowedUserIds(roomId) : [],
          () => [],
          this.deps.store,
        ).decide(entrant, { stageUserIds: [room.hostId, ...room.coHostIds], isMember: () => false });
    if (!decision.ok) throw new RoomError("forbidden", decision.message);
    return this.toDetails(room, viewer.userId);
  }

  /** The live rooms this viewer may enter, ranked for them, searched and filtered. */
  async hallway(viewer: Viewer, query: HallwayQuery): Promise<Hallway> {
    const [running, remote, followerIds, followingIds] = await Promise.all([
      this.deps.registry.running(),
      this.deps.remoteHallway?.() ?? [],
      viewer.isGuest ? [] : this.deps.store.followerIds(viewer.userId),
      viewer.isGuest ? [] : this.deps.store.followingIds(viewer.userId),
    ]);
    const followers = new Set(followerIds);
    const local = running.map(hallwayEntryOf);
    const here = new Set(local.map((entry) => entry.card.id));
    const visible = [...local, ...remote.filter((entry) => !here.has(entry.card.id))]
      // A room with nobody connected (not opened yet, or nobody back since a restart) is not shown:
      // dropping in on it would find silence. Its own timers end it if nobody comes.
      .filter((entry) => !entry.ended && entry.connectedCount > 0)
      .filter(
        (entry) =>
          decideRoomAccess(
            entry.policy,
            { stageUserIds: entry.card.stageUserIds, isMember: entry.isMember },
            { ...viewer, followerIds: followers },
          ).ok,
      )
      .map((entry) => {
        const { startedAt: _iso, startedAtMs, ...card } = entry.card;
        return { ...card, startedAt: startedAtMs };
      });
    const matching = visible.filter((room) => matchesHallwayQuery(room, query));
    const ranked = rankRooms(matching, new Set(followingIds));
    return {
      // What only ranking needs (who is on stage, how many are in) stays on the server.
      rooms: ranked.map(({ stageUserIds: _stage, memberCount: _members, startedAt, ...card }) => ({
        ...card,
        startedAt: new Date(startedAt).toISOString(),
      })),
      followingIds,
      // Chips come from every room the viewer can see, so choosing one never hides the others' chips.
      topics: mostUsed(visible.flatMap((room) => room.topics)).slice(0, 12),
      languages: mostUsed(visible.map((room) => room.language)),
    };
  }

  /** What hallway watchers should hear about this room now (see HallwayPush). */
  async hallwayPush(roomId: string): Promise<HallwayPush> {
    const running = await this.deps.registry.peek(roomId);
    if (!running || running.isEnded) return { kind: "gone" };
    const facts = running.hallwayFacts();
    if (facts.policy.type !== "open") return { kind: "per-viewer" };
    if (facts.connectedCount === 0) return { kind: "gone" };
    const { memberCount: _members, startedAtMs: _started, ...card } = publicCard(facts);
    // The host and co-hosts always see their own room, even if a stale list names them.
    const hiddenFrom = facts.policy.blockedUserIds.filter(
      (id) => id !== facts.policy.hostId && !facts.policy.coHostIds.includes(id),
    );
    return { kind: "card", card, hiddenFrom };
  }

  private async toDetails(room: StoredRoom, viewerId: string): Promise<RoomDetails> {
    const people = new Map(
      (await this.deps.store.people([room.hostId, ...room.coHostIds])).map((person) => [person.id, person]),
    );
    const host = people.get(room.hostId) ?? {
      id: room.hostId,
      username: "",
      displayName: room.hostName,
      avatarUrl: null,
      realNameVerified: false,
    };
    const organiser = viewerId === room.hostId || room.coHostIds.includes(viewerId);
    const running = room.status === "live" ? await this.deps.registry.peek(room.id) : undefined;
    return {
      id: room.id,
      title: room.title,
      description: room.description,
      type: room.type,
      topics: room.topics,
      language: room.language,
      status: room.status,
      host,
      coHosts: room.coHostIds.flatMap((id) => people.get(id) ?? []),
      createdAt: room.createdAt.toISOString(),
      scheduledFor: room.scheduledFor?.toISOString() ?? null,
      startedAt: room.startedAt?.toISOString() ?? null,
      endedAt: room.endedAt?.toISOString() ?? null,
      endReason: room.endReason,
      endNote: room.endNote,
      shareKey: organiser ? room.shareKey : null,
      recording: running?.isRecording ?? false,
    };
  }
}
