// Plain data the repositories return. They mirror the tables but are not Prisma's generated
// types, so the domain, the handlers and the tests never depend on Prisma.

/** Role of a member in a room; the same values as the protocol's `Role`. */
export type RoomRole = "host" | "moderator" | "speaker" | "listener";

/** Who may join a room: anyone (open), people the host follows (social), invited only (closed). */
export type RoomType = "open" | "social" | "closed";

export type RoomStatus = "scheduled" | "live" | "ended";

/** A user, without the password hash (which only sign-in code may ever read). */
export interface UserRecord {
  readonly id: string;
  readonly displayName: string;
  readonly username: string | null;
  readonly bio: string;
  readonly isAdmin: boolean;
  /** Platform moderator (staff below admin). */
  readonly isModerator: boolean;
  /** File name under <DATA_DIR>/avatars, or null (initials are drawn). */
  readonly avatarFile: string | null;
  readonly realNameVerified: boolean;
  readonly createdAt: Date;
}

/** A sign-in session, as stored: the token itself is never stored, only its hash. */
export interface SessionRecord {
  readonly id: string;
  readonly userId: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly lastSeenAt: Date;
}

export interface RoomRecord {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly type: RoomType;
  readonly status: RoomStatus;
  readonly hostId: string;
  /** Display name of the host, which every room listing shows. */
  readonly hostName: string;
  readonly createdAt: Date;
  readonly endedAt: Date | null;
  readonly topics: readonly string[];
  readonly language: string;
  readonly scheduledFor: Date | null;
  readonly startedAt: Date | null;
  /** The protocol's roomEndReason, as stored (checked where it leaves the db layer). */
  readonly endReason: string | null;
  /** The moderators' reason, for a room platform staff ended. */
  readonly endNote: string | null;
  readonly shareKey: string | null;
  /** Opus frame length speakers send (20, 40 or 60 ms; checked where it leaves the db layer). */
  readonly audioFrameMs: number;
  /** Live settings the host changed (restored after a restart or a takeover). */
  readonly handRaisingEnabled: boolean;
  readonly musicMode: boolean;
  /** Co-hosts named when scheduling. */
  readonly coHostIds: readonly string[];
}

export interface RoomMemberRecord {
  readonly roomId: string;
  readonly userId: string;
  readonly displayName: string;
  readonly role: RoomRole;
  readonly joinedAt: Date;
  readonly leftAt: Date | null;
  readonly handRaisedAt: Date | null;
  readonly muted: boolean;
  /** The member's avatar file (joined in from their account), or null. */
  readonly avatarFile: string | null;
  /** Staff verified the member's real name (joined in from their account). */
  readonly realNameVerified: boolean;
}
