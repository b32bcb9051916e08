import { randomInt, randomUUID } from "node:crypto";
import type { AccountStore } from "../accounts/account-ports";
import { SESSION_COOKIE, readCookie } from "../http/cookies";
import type { StaffStore } from "../moderation/platform-ports";
import { sanctionInForce } from "../moderation/standing";
import type { SocketIdentity } from "./realtime-deps";

/**
 * Who a connecting socket is, from its session cookie: the signed-in person and their session,
 * a fresh guest when guest listening is on, or null (refused). The same cookie the HTTP routes
 * read, so a socket never knows someone the API would not.
 */
export function cookieAuthentication(deps: {
  accounts: Pick<AccountStore, "findSession">;
  staff: Pick<StaffStore, "standingOf">;
  guestListening: boolean;
}): (cookieHeader: string | undefined) => Promise<SocketIdentity | null> {
  return async (cookieHeader) => {
    const token = readCookie(cookieHeader, SESSION_COOKIE);
    const found = token ? await deps.accounts.findSession(token) : null;
    if (found) {
      // Sanctions delete sessions; this catches a session made in the same instant.
      const standing = await deps.staff.standingOf(found.user.id);
      if (standing && sanctionInForce(standing, new Date())) return null;
      const { user } = found;
      return {
        actor: {
          userId: user.id,
          displayName: user.displayName,
          isGuest: false,
          avatarUrl: user.avatarUrl,
          realNameVerified: user.realNameVerified ?? false,
        },
        session: { id: found.sessionId, expiresAt: found.expiresAt },
      };
    }
    if (!deps.guestListening) return null;
    // A visitor without an account listens as a guest (the room refuses them a raised hand).
    return {
      actor: {
        userId: `guest-${randomUUID()}`,
        displayName: `Guest ${randomInt(1000, 10000)}`,
        isGuest: true,
      },
      session: null,
    };
  };
}
