import { AuditRepository } from "./audit-repository";
import type { DbClient } from "./db-client";
import { InvitesRepository } from "./invites-repository";
import { NotificationsRepository } from "./notifications-repository";
import { RoomInterestsRepository } from "./room-interests-repository";
import { RoomMembersRepository } from "./room-members-repository";
import { RoomsRepository } from "./rooms-repository";
import { ScheduledRoomsRepository } from "./scheduled-rooms-repository";
import { SessionsRepository } from "./sessions-repository";
import { SocialRepository } from "./social-repository";
import { UsersRepository } from "./users-repository";

/** Every repository over one client (or one transaction's `tx`). */
export interface Repositories {
  readonly users: UsersRepository;
  readonly sessions: SessionsRepository;
  readonly rooms: RoomsRepository;
  readonly roomMembers: RoomMembersRepository;
  readonly invites: InvitesRepository;
  readonly social: SocialRepository;
  readonly scheduledRooms: ScheduledRoomsRepository;
  readonly roomInterests: RoomInterestsRepository;
  readonly notifications: NotificationsRepository;
  readonly audit: AuditRepository;
}

/** Builds the repositories over `db`; cheap, so a transaction can build its own set. */
export function createRepositories(db: DbClient): Repositories {
  return {
    users: new UsersRepository(db),
    sessions: new SessionsRepository(db),
    rooms: new RoomsRepository(db),
    roomMembers: new RoomMembersRepository(db),
    invites: new InvitesRepository(db),
    social: new SocialRepository(db),
    scheduledRooms: new ScheduledRoomsRepository(db),
    roomInterests: new RoomInterestsRepository(db),
    notifications: new NotificationsRepository(db),
    audit: new AuditRepository(db),
  };
}
