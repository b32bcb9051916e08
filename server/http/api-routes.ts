import path from "node:path";
import { createRoomBodySchema, fail, ok } from "../../src/shared/protocol";
import type { AccountService } from "../accounts/account-service";
import type { Logger } from "../logging/logger";
import { accountRoutes } from "./account-routes";
import { defineRoute, type Route } from "./api-router";
import { avatarRoutes } from "./avatar-routes";
import type { AccountStore, RoomDirectory, SocialStore } from "./http-ports";
import { inviteRoutes } from "./invite-routes";
import { notificationRoutes } from "./notification-routes";
import type { NotificationStore } from "../notifications/notification-store";
import { socialRoutes } from "./social-routes";

export type ApiRoutesDeps = {
  accounts: AccountStore;
  social: SocialStore;
  service: AccountService;
  rooms: RoomDirectory;
  notifications: NotificationStore;
  secureCookies: boolean;
  guestListening: boolean;
  dataDir: string;
  logger: Logger;
};

/** Where uploaded avatars live: `<DATA_DIR>/avatars`. */
export const avatarsDirOf = (dataDir: string) => path.join(dataDir, "avatars");

/** The JSON API of the app. Every body is a protocol schema; every answer an Ack. */
export function apiRoutes(deps: ApiRoutesDeps): Route[] {
  return [
    defineRoute("GET", "/api/health", null, async () => ok({ status: "ok" })),

    ...accountRoutes(deps),
    ...inviteRoutes(deps.service),
    ...socialRoutes(deps.social),
    ...notificationRoutes(deps.notifications),
    ...avatarRoutes({ accounts: deps.accounts, avatarsDir: avatarsDirOf(deps.dataDir), logger: deps.logger }),

    defineRoute("GET", "/api/rooms", null, async () => ok({ rooms: await deps.rooms.listLiveRooms() })),

    defineRoute("POST", "/api/rooms", createRoomBodySchema, async ({ body, user }) => {
      if (!user) return fail("unauthorized", "Sign in to start a room.");
      if (!body) return fail("invalid_input", "A room needs a title.");
      return ok(await deps.rooms.createRoom({ hostId: user.id, title: body.title }));
    }),

    defineRoute("GET", "/api/rooms/:roomId", null, async ({ params }) => {
      const room = params.roomId ? await deps.rooms.findRoom(params.roomId) : null;
      return room ? ok(room) : fail("not_found", "There is no such room.");
    }),
  ];
}
