import type { AudioFrameMs, PersonSummary, RoomEndReason } from "../../src/shared/protocol";
import { audioFrameMsSchema, roomEndReasonSchema } from "../../src/shared/protocol";
import { AVATAR_URL_PREFIX } from "./account-persistence";
import type { RoomRecord, RoomRole, RoomType } from "./records";
import type { Repositories } from "./repositories";
import type { PersonRecord } from "./social-repository";

/** A stored end reason the protocol no longer knows (an older version wrote it) is shown as none. */
function endReasonOf(stored: string | null): RoomEndReason | null {
  const parsed = roomEndReasonSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/** A frame length this version does not offer falls back to the standard 20 ms. */
function audioFrameMsOf(stored: number): AudioFrameMs {
  const parsed = audioFrameMsSchema.safeParse(stored);
  return parsed.success ? parsed.data : 20;
}

export function toPersonSummary(person: PersonRecord): PersonSummary {
  return {
    id: person.id,
    username: person.username ?? "",
    displayName: person.displayName,
    avatarUrl: person.avatarFile ? `${AVATAR_URL_PREFIX}${person.avatarFile}` : null,
    realNameVerified: person.realNameVerified,
  };
}

type RoomRepositories = Pick<Repositories, "rooms" | "roomMembers" | "social">;

/** A room command's writes over one set of repositories (the client's, or a transaction's). */
function commandWrites({ rooms, roomMembers, social }: RoomRepositories) {
  return {
    saveRoomHost: (roomId: string, hostId: string) => rooms.setHost(roomId, hostId),
    saveRoomSettings: (roomId: string, settings: { handRaisingEnabled?: boolean; musicMode?: boolean }) =>
      rooms.setSettings(roomId, settings),
    async saveMemberRole(roomId: string, userId: string, role: RoomRole, at: Date) {
      await roomMembers.upsertRole(roomId, userId, role, at);
    },
    async markMemberLeft(roomId: string, userId: string, at: Date) {
      await roomMembers.markLeft(roomId, userId, at);
    },
    async markRoomEnded(roomId: string, at: Date, reason: RoomEndReason, note: string | null) {
      await rooms.markEnded(roomId, at, reason, note);
    },
    banFromRoom: (roomId: string, userId: string) => rooms.ban(roomId, userId),
    blockUserForHost: (hostId: string, userId: string) => social.block(hostId, userId),
  };
}

/**
 * Runs work on a transaction's repositories (Prisma's interactive `$transaction`). PGlite is one
 * connection, so a transaction may wait for others: up to 10 s to start and 10 s to run, rather
 * than Prisma's 2 s and 5 s, so a busy moment is slow instead of a refused command.
 */
export type Transact = <T>(work: (repositories: Repositories) => Promise<T>) => Promise<T>;
export const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 10_000 } as const;

/**
 * The rooms layer's persistence (its RoomStore port, checked where persistence.ts hands it to the
 * app: the db layer may not import the rooms layer) over the repositories. A host's "remove for
 * good" is the same block a person can set on a profile: both keep that person out of the host's rooms.
 */
export function createRoomStore(repositories: RoomRepositories, transact: Transact) {
  const { rooms, roomMembers, social } = repositories;

  async function toStoredRoom(room: RoomRecord) {
    const members = room.status === "live" ? await roomMembers.listActive(room.id) : [];
    return {
      id: room.id,
      title: room.title,
      description: room.description,
      type: room.type,
      topics: [...room.topics],
      language: room.language,
      hostId: room.hostId,
      hostName: room.hostName,
      status: room.status,
      createdAt: room.createdAt,
      scheduledFor: room.scheduledFor,
      startedAt: room.startedAt,
      endedAt: room.endedAt,
      endReason: endReasonOf(room.endReason),
      endNote: room.endNote,
      shareKey: room.shareKey,
      audioFrameMs: audioFrameMsOf(room.audioFrameMs),
      settings: { handRaisingEnabled: room.handRaisingEnabled, musicMode: room.musicMode },
      coHostIds: [...room.coHostIds],
      members: members.map((m) => ({
        userId: m.userId,
        displayName: m.displayName,
        avatarUrl: m.avatarFile ? `${AVATAR_URL_PREFIX}${m.avatarFile}` : null,
        realNameVerified: m.realNameVerified,
        role: m.role,
        joinedAt: m.joinedAt.getTime(),
      })),
    };
  }

  return {
    async createRoom(input: {
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
    }) {
      return toStoredRoom(
        await rooms.create({
          ...input,
          scheduledFor: input.scheduledFor ?? undefined,
          shareKey: input.shareKey ?? undefined,
        }),
      );
    },
    async findRoom(roomId: string) {
      const room = await rooms.findById(roomId);
      return room === null ? null : toStoredRoom(room);
    },
    liveRoomIds: () => rooms.allLiveIds(),
    allowedUserIds: (roomId: string) => rooms.allowedUserIds(roomId),
    grantAccess: (roomId: string, userId: string) => rooms.grantAccess(roomId, userId),
    followerIds: (userId: string) => social.followerIds(userId),
    followingIds: (userId: string) => social.followingIds(userId),
    people: async (userIds: readonly string[]) => (await social.peopleByIds(userIds)).map(toPersonSummary),
    ...commandWrites(repositories),
    /** A batch of listeners' arrivals and departures, off the join path (see AudienceWriter). */
    async saveAudienceChanges(
      roomId: string,
      changes: readonly { userId: string; change: "joined" | "left"; at: Date }[],
    ) {
      await roomMembers.applyAudienceChanges(roomId, changes);
    },
    hostBlockedUserIds: (hostId: string) => social.blockedUserIds(hostId),
    roomBannedUserIds: (roomId: string) => rooms.bannedUserIds(roomId),
    /** One command's writes, all or nothing (see RoomStore.inTransaction). */
    inTransaction: <T>(work: (writes: ReturnType<typeof commandWrites>) => Promise<T>) =>
      transact((tx) => work(commandWrites(tx))),
  };
}
