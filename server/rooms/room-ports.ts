import type {
  AudioFrameMs,
  ConsumerOptionsOutput,
  DtlsParametersInput,
  ErrorCode,
  IceParametersOutput,
  ProducerInfo,
  RouterRtpCapabilitiesOutput,
  RtpCapabilitiesInput,
  RtpParametersInput,
  TransportOptionsOutput,
  PersonSummary,
  Role,
  RoomEndReason,
  RoomLifecycle,
  RoomType,
  ServerEventName,
  ServerEventPayload,
} from "../../src/shared/protocol";
import type { Logger } from "../logging/logger";
import type { RoomRecordingDeps } from "./recording-ports";
import type { RoomStatsDeps } from "./room-stats-ports";

/** A room as stored: what the directory shows and what the service needs to bring it (back) to life. */
export type StoredRoom = {
  id: string;
  title: string;
  description: string;
  type: RoomType;
  topics: string[];
  language: string;
  hostId: string;
  hostName: string;
  status: RoomLifecycle;
  createdAt: Date;
  scheduledFor: Date | null;
  startedAt: Date | null;
  endedAt: Date | null;
  endReason: RoomEndReason | null;
  /** Why the moderators ended it (staff-ended), shown to every member. */
  endNote: string | null;
  /** Closed rooms: the secret of the share link. */
  shareKey: string | null;
  /** Opus frame length speakers send: 20 ms standard, 60 ms for big listen-only rooms. */
  audioFrameMs: AudioFrameMs;
  /** The live settings as last saved (a restart or a takeover restores them). */
  settings: { handRaisingEnabled: boolean; musicMode: boolean };
  coHostIds: string[];
  /** People who had not left when the server stopped; they get their roles back when they return. */
  members: {
    userId: string;
    displayName: string;
    avatarUrl: string | null;
    realNameVerified?: boolean;
    role: Role;
    joinedAt: number;
  }[];
};

/** What creating a room stores (the directory has validated it). */
export type NewStoredRoom = {
  hostId: string;
  title: string;
  description: string;
  type: RoomType;
  topics: string[];
  language: string;
  scheduledFor: Date | null;
  coHostIds: string[];
  allowedUserIds: string[];
  shareKey: string | null;
  audioFrameMs: AudioFrameMs;
};

/** The persistence the rooms layer needs; implemented over Prisma in server/db, in memory in tests. */
export interface RoomStore {
  createRoom(input: NewStoredRoom): Promise<StoredRoom>;
  findRoom(roomId: string): Promise<StoredRoom | null>;
  /** Ids of rooms the database says are live: after a restart each is brought back or ended. */
  liveRoomIds(): Promise<string[]>;
  /** `note`: the moderators' reason, for a room staff ended. */
  markRoomEnded(roomId: string, at: Date, reason: RoomEndReason, note: string | null): Promise<void>;
  /** Closed rooms: people let in besides the host and co-hosts. */
  allowedUserIds(roomId: string): Promise<string[]>;
  grantAccess(roomId: string, userId: string): Promise<void>;
  /** People who follow `userId`, and people `userId` follows. */
  followerIds(userId: string): Promise<string[]>;
  followingIds(userId: string): Promise<string[]>;
  /** People as cards show them; unknown ids are left out. */
  people(userIds: readonly string[]): Promise<PersonSummary[]>;
  saveRoomHost(roomId: string, hostId: string): Promise<void>;
  saveRoomSettings(
    roomId: string,
    settings: { handRaisingEnabled?: boolean; musicMode?: boolean },
  ): Promise<void>;
  /** People the host has blocked: kept out of every room the host runs. */
  hostBlockedUserIds(hostId: string): Promise<string[]>;
  /** People removed "for good" from this room. */
  roomBannedUserIds(roomId: string): Promise<string[]>;
  banFromRoom(roomId: string, userId: string): Promise<void>;
  /** A removal "for good" from a host's rooms: the host blocks the person. */
  blockUserForHost(hostId: string, userId: string): Promise<void>;
  saveMemberRole(roomId: string, userId: string, role: Role, at: Date): Promise<void>;
  markMemberLeft(roomId: string, userId: string, at: Date): Promise<void>;
  /** Listeners' arrivals (rows as listener) and departures, written as one batch in the given order. */
  saveAudienceChanges(roomId: string, changes: readonly AudienceRowChange[]): Promise<void>;
  /**
   * Runs `work` in one database transaction: every write it makes through `writes` is committed
   * together, or (when any fails) none is. A room command's writes go through here, so memory and
   * storage never disagree about half a command.
   */
  inTransaction<T>(work: (writes: RoomCommandWrites) => Promise<T>): Promise<T>;
}

/** The writes a room command can make (roles, departures, the host, the end, bans and blocks). */
export type RoomCommandWrites = Pick<
  RoomStore,
  | "saveMemberRole"
  | "markMemberLeft"
  | "saveRoomHost"
  | "saveRoomSettings"
  | "markRoomEnded"
  | "banFromRoom"
  | "blockUserForHost"
>;

/**
 * How the service reaches people, by room or by connection ("session" = one socket). Implemented
 * by the Socket.IO edge; the service never touches sockets itself.
 */
export interface RoomBroadcaster {
  toRoom<K extends ServerEventName>(
    roomId: string,
    event: K,
    payload: ServerEventPayload<K>,
    exceptSessionId?: string,
  ): void;
  toSession<K extends ServerEventName>(sessionId: string, event: K, payload: ServerEventPayload<K>): void;
  /** Every open connection of one person (all their tabs). */
  toUser<K extends ServerEventName>(userId: string, event: K, payload: ServerEventPayload<K>): void;
  /** Every connection watching the hallway, except those of `exceptUserIds` (a room hidden from them). */
  toHallway<K extends ServerEventName>(
    event: K,
    payload: ServerEventPayload<K>,
    exceptUserIds?: readonly string[],
  ): void;
  /**
   * Puts a connection into the room's broadcasts: called once the room has admitted it, never
   * before, so a refused entrant hears nothing of the room. A connection already gone stays out.
   */
  attachSession(sessionId: string, roomId: string): void;
  /** Takes a connection out of the room's broadcasts (after it was replaced or the room ended). */
  detachSession(sessionId: string, roomId: string): void;
}

/** What the media of a room reports to the room: it names users, never roles. */
export type RoomMediaEvents = {
  producerAdded(info: ProducerInfo): void;
  producerClosed(info: ProducerInfo): void;
  consumerClosed(info: { userId: string; consumerId: string }): void;
  activeSpeaker(userId: string | null): void;
  /** The media under this room is gone (its origin worker died): the room must build it again. */
  mediaLost(): void;
  /** A listener worker died: only these users' receive sides are gone; they must receive again. */
  receiversLost(userIds: string[]): void;
};

/**
 * The media of one room as the room service sees it, in protocol types only, so the service
 * knows no mediasoup and can be tested with a fake. Role-blind: the service says who may
 * publish; the media layer enforces it on every produce. Implemented by `server/media`.
 */
export interface RoomMediaPort {
  readonly rtpCapabilities: RouterRtpCapabilitiesOutput;
  /** Which worker slot holds the room's router (diagnostics, tests). */
  readonly workerIndex: number;
  allowPublish(userId: string, paused: boolean): void;
  revokePublish(userId: string): void;
  setPublishPaused(userId: string, paused: boolean): Promise<void>;
  createTransport(userId: string, direction: "send" | "recv"): Promise<TransportOptionsOutput>;
  connectTransport(userId: string, transportId: string, dtlsParameters: DtlsParametersInput): Promise<void>;
  restartIce(userId: string, transportId: string): Promise<IceParametersOutput>;
  produce(userId: string, transportId: string, rtpParameters: RtpParametersInput): Promise<string>;
  consume(
    userId: string,
    producerId: string,
    rtpCapabilities: RtpCapabilitiesInput,
  ): Promise<ConsumerOptionsOutput>;
  resumeConsumer(userId: string, consumerId: string): Promise<void>;
  listProducers(): ProducerInfo[];
  /**
   * Writes one producer's audio to a file (Ogg/Opus) until `stop` (which resolves once the file is
   * complete). `startedAt`: when its audio began to reach the file, the track's offset in the mix.
   */
  recordProducer(
    producerId: string,
    outputPath: string,
  ): Promise<{ startedAt: number; stop(): Promise<void> }>;
  /** Is there a worker with a free consumer seat for one more listener (MEDIA_MAX_CONSUMERS_PER_WORKER)? */
  hasRoomForListener(sessionId?: string): boolean;
  /** Closes everything one user holds; their publish right stays as the room decided. */
  closePeer(userId: string): void;
  /** Object counts from the media layer's books and the router, so tests can prove nothing leaked. */
  counts(): Promise<{
    peers: number;
    transports: number;
    producers: number;
    consumers: number;
    routerTransports: number;
    listenerRouters: number;
    pipes: number;
  }>;
  close(): void;
}

/** A moderation command a room's host or moderator carried out, as the audit log records it. */
export type RoomModerationEntry = {
  action: "room.mute" | "room.move_to_audience" | "room.remove" | "room.block" | "room.end";
  actorId: string;
  targetUserId: string | null;
  roomId: string;
  details?: Record<string, string>;
};

/** Where the room hands its moderation to be recorded; never throws into the room. */
export interface RoomModerationLog {
  moderated(entry: RoomModerationEntry): void;
}

/** A refusal from the room layer, carrying a protocol error code. */
export class RoomError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "RoomError";
  }
}

/**
 * Runs a task once after `ms`; `cancel` forgets it. The room layer's batching (audience changes,
 * membership writes) gets its time from here, so tests drive it with a fake clock.
 */
export type Scheduler = {
  now(): number;
  after(ms: number, task: () => void): { cancel(): void };
};

/** The real clock and timers; timers never keep the process alive on their own. */
export const realScheduler: Scheduler = {
  now: () => Date.now(),
  after(ms, task) {
    const timer = setTimeout(task, ms);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};

/** One audience membership change waiting to be written (write-behind, off the join path). */
export type AudienceRowChange = { userId: string; change: "joined" | "left"; at: Date };

/** What a live room is made of, passed in by the registry (and by tests, with fakes). */
export type RoomServiceDeps = {
  store: RoomStore;
  broadcaster: RoomBroadcaster;
  logger: Logger;
  now: () => number;
  /** Most people on stage at once (host, moderators, speakers). */
  stageLimit: number;
  /** Most people in the room at once (ROOM_MAX_MEMBERS); newcomers past it get room_full. */
  memberLimit: number;
  /** How long a dropped (or restored) member keeps their place before they are taken out. */
  rejoinGraceMs: number;
  /** How long a room may go with nobody connected on its stage before it ends. */
  emptyStageGraceMs: number;
  /** Told after anything a hallway shows changed (members, roles, the room starting or ending). */
  onChange?: (roomId: string) => void;
  /** Told of every moderation command that succeeded, for the audit log (server/moderation). */
  moderationLog?: RoomModerationLog;
  /** Clock and timers of the audience batches and the write-behind (real ones unless a test fakes them). */
  scheduler?: Scheduler;
  createMedia: (roomId: string, events: RoomMediaEvents) => Promise<RoomMediaPort>;
  /**
   * REQUIRE_VERIFIED_TO_SPEAK: is this person's real name verified (read afresh, so an approval
   * counts at once)? Absent: anyone may be brought on stage.
   */
  verifiedToSpeak?: ((userId: string) => Promise<boolean>) | undefined;
  /** Recording the stage (ffmpeg); absent when this server cannot record, and starting is refused. */
  recording?: RoomRecordingDeps | undefined;
  /** Sampling the room for its host's chart (absent: no statistics kept). */
  stats?: RoomStatsDeps | undefined;
};
