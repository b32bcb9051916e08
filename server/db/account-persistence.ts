import type { CurrentUser, InviteStatus, MyInvite, PersonSummary } from "../../src/shared/protocol";
import type { AccountStore, InviteStore, SocialStore } from "../accounts/account-ports";
import { registerAccount } from "./account-registration";
import type { PrismaClient } from "./generated/prisma/client";
import { createInviteWithinQuota, type InvitePerson, type InviteRecord } from "./invites-repository";
import type { UserRecord } from "./records";
import { createRepositories } from "./repositories";

/** Where the app serves avatar files from (see server/http/avatar-files.ts). */
export const AVATAR_URL_PREFIX = "/avatars/";

const avatarUrl = (file: string | null) => (file ? `${AVATAR_URL_PREFIX}${file}` : null);

export function toCurrentUser(user: UserRecord): CurrentUser {
  return {
    id: user.id,
    displayName: user.displayName,
    username: user.username,
    avatarUrl: avatarUrl(user.avatarFile),
    isAdmin: user.isAdmin,
    isModerator: user.isModerator,
    realNameVerified: user.realNameVerified,
  };
}

function toPerson(person: InvitePerson): PersonSummary {
  return {
    id: person.id,
    username: person.username ?? "",
    displayName: person.displayName,
    avatarUrl: avatarUrl(person.avatarFile),
    realNameVerified: person.realNameVerified,
  };
}

function inviteStatus(invite: InviteRecord, now: Date): Exclude<InviteStatus, "unknown"> {
  if (invite.usedAt !== null) return "used";
  if (invite.revokedAt !== null) return "revoked";
  return invite.expiresAt.getTime() <= now.getTime() ? "expired" : "valid";
}

function toMyInvite(invite: InviteRecord, now: Date): MyInvite {
  return {
    id: invite.id,
    code: invite.code,
    status: inviteStatus(invite, now),
    createdAt: invite.createdAt.toISOString(),
    expiresAt: invite.expiresAt.toISOString(),
    usedAt: invite.usedAt?.toISOString() ?? null,
    joined: invite.usedBy ? toPerson(invite.usedBy) : null,
  };
}

/** The account, invite and social ports over Prisma. */
export function createAccountPersistence(prisma: PrismaClient): {
  accounts: AccountStore;
  invites: InviteStore;
  social: SocialStore;
} {
  const { users, sessions, invites, social } = createRepositories(prisma);
  const idOf = async (username: string) => (await users.findByUsername(username))?.id ?? null;

  const accounts: AccountStore = {
    async createSession(userId) {
      const { token, session } = await sessions.create(userId);
      return { token, expiresAt: session.expiresAt };
    },
    async findUserBySessionToken(token) {
      const user = await sessions.findUserByToken(token);
      return user === null ? null : toCurrentUser(user);
    },
    async findSession(token) {
      const found = await sessions.findByToken(token);
      return found === null
        ? null
        : { user: toCurrentUser(found.user), sessionId: found.sessionId, expiresAt: found.expiresAt };
    },
    deleteSession: (token) => sessions.delete(token),
    purgeExpiredSessions: () => sessions.deleteExpired(),
    async hasAdmin() {
      return (await prisma.user.count({ where: { isAdmin: true } })) > 0;
    },
    findCredentials: (username) => users.findCredentials(username),
    async findUserById(userId) {
      const user = await users.findById(userId);
      return user === null ? null : toCurrentUser(user);
    },
    async register(input) {
      const outcome = await registerAccount(prisma, { ...input, policy: input.mode });
      return outcome.ok ? { ok: true, user: toCurrentUser(outcome.user) } : outcome;
    },
    async updateProfile(userId, input) {
      return toCurrentUser(await users.updateProfile(userId, input));
    },
    setAvatarFile: (userId, file) => users.setAvatarFile(userId, file),
  };

  const inviteStore: InviteStore = {
    async create(input) {
      const invite = await createInviteWithinQuota(prisma, input);
      return invite === null ? null : toMyInvite(invite, input.now);
    },
    async listMine(userId, now) {
      return (await invites.listByCreator(userId)).map((invite) => toMyInvite(invite, now));
    },
    revoke: (userId, inviteId, now) => invites.revoke(userId, inviteId, now),
    async preview(code, now) {
      const invite = await invites.findByCode(code);
      if (invite === null) return { status: "unknown", inviter: null, expiresAt: null };
      return {
        status: inviteStatus(invite, now),
        inviter: toPerson(invite.createdBy),
        expiresAt: invite.expiresAt.toISOString(),
      };
    },
  };

  const socialStore: SocialStore = {
    async profile(username, viewer) {
      const user = await users.findByUsername(username);
      if (user === null || user.username === null) return null;
      const [counts, invitedBy, follows, followsYou, blocked] = await Promise.all([
        social.counts(user.id),
        social.invitedBy(user.id),
        viewer ? social.follows(viewer.id, user.id) : false,
        viewer ? social.follows(user.id, viewer.id) : false,
        viewer ? social.isBlocked(viewer.id, user.id) : false,
      ]);
      return {
        ...toPerson(user),
        bio: user.bio,
        isAdmin: user.isAdmin,
        joinedAt: user.createdAt.toISOString(),
        invitedBy: invitedBy ? toPerson(invitedBy) : null,
        ...counts,
        viewer: {
          signedIn: viewer !== null,
          isSelf: viewer?.id === user.id,
          isAdmin: viewer?.isAdmin ?? false,
          follows,
          followsYou,
          blocked,
        },
      };
    },
    async followers(username) {
      const id = await idOf(username);
      return id === null ? null : (await social.followers(id)).map(toPerson);
    },
    async following(username) {
      const id = await idOf(username);
      return id === null ? null : (await social.following(id)).map(toPerson);
    },
    async follow(followerId, username) {
      const id = await idOf(username);
      if (id === null) return "not_found";
      if (id === followerId) return "self";
      return prisma.$transaction(async (tx) => {
        const repos = createRepositories(tx);
        // Either direction: they blocked you (you may not follow them), or you blocked them
        // (unblock first).
        if (await repos.social.isBlockedEitherWay(followerId, id)) return "blocked";
        await repos.social.follow(followerId, id);
        return "ok";
      });
    },
    async unfollow(followerId, username) {
      const id = await idOf(username);
      if (id === null) return "not_found";
      await social.unfollow(followerId, id);
      return "ok";
    },
    async block(blockerId, username) {
      const id = await idOf(username);
      if (id === null) return "not_found";
      if (id === blockerId) return "self";
      await prisma.$transaction((tx) => createRepositories(tx).social.block(blockerId, id));
      return "ok";
    },
    async unblock(blockerId, username) {
      const id = await idOf(username);
      if (id === null) return "not_found";
      await social.unblock(blockerId, id);
      return "ok";
    },
    setRealNameVerified: (username, verified) => users.setRealNameVerified(username, verified),
    isBlocked: (blockerId, blockedId) => social.isBlocked(blockerId, blockedId),
    blockedUserIds: (userId) => social.blockedUserIds(userId),
  };

  return { accounts, invites: inviteStore, social: socialStore };
}
