import type { PersonSummary } from "../../src/shared/protocol";
import { AVATAR_URL_PREFIX } from "./account-persistence";
import type { Repositories } from "./repositories";
import type { PersonRecord } from "./social-repository";

const toPerson = (person: PersonRecord): PersonSummary => ({
  id: person.id,
  username: person.username ?? "",
  displayName: person.displayName,
  avatarUrl: person.avatarFile ? `${AVATAR_URL_PREFIX}${person.avatarFile}` : null,
  realNameVerified: person.realNameVerified,
});

/**
 * Scheduling's persistence (its ScheduleStore port, checked where persistence.ts hands it to the
 * app, as with the room store: the db layer imports no service layer) over the repositories.
 */
export function createScheduleStore(
  repositories: Pick<Repositories, "scheduledRooms" | "roomInterests" | "social">,
) {
  const { scheduledRooms, roomInterests, social } = repositories;
  return {
    findRoom: (roomId: string) => scheduledRooms.findById(roomId),
    listUpcoming: (input: {
      viewerId: string | null;
      from: Date;
      until: Date;
      perHost: number;
      limit: number;
    }) => scheduledRooms.listUpcoming(input),
    async people(userIds: readonly string[]) {
      return (await social.peopleByIds(userIds)).map(toPerson);
    },
    followerIds: (userId: string) => social.followerIds(userId),
    hostsBlocking: (userId: string, hostIds: readonly string[]) =>
      scheduledRooms.hostsBlocking(userId, hostIds),
    interestCounts: (roomIds: readonly string[]) => roomInterests.counts(roomIds),
    interestedRoomIds: (userId: string, roomIds: readonly string[]) =>
      roomInterests.roomIdsOf(userId, roomIds),
    setInterest: (roomId: string, userId: string, interested: boolean) =>
      roomInterests.set(roomId, userId, interested),
    interestedUserIds: (roomId: string) => roomInterests.userIds(roomId),
    markStarted: (roomId: string, at: Date) => scheduledRooms.markStarted(roomId, at),
    revertStart: (roomId: string, at: Date) => scheduledRooms.revertStart(roomId, at),
    markCancelled: (roomId: string, at: Date) => scheduledRooms.markCancelled(roomId, at),
  };
}
