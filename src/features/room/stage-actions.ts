import type { Socket } from "socket.io-client";
import type { BlockScope } from "@/shared/protocol";
import { request } from "@/lib/socket-request";

/** Everything a person can do on or to the stage, as the UI names it. */
export type StageAction =
  | { type: "raise-hand" }
  | { type: "lower-hand" }
  | { type: "set-hand-raising"; enabled: boolean }
  | { type: "invite-to-speak"; userId: string }
  | { type: "respond-to-invitation"; accept: boolean }
  | { type: "mute-member"; userId: string }
  | { type: "move-to-audience"; userId: string }
  | { type: "set-moderator"; userId: string; moderator: boolean }
  | { type: "transfer-host"; userId: string }
  | { type: "remove-member"; userId: string; block: BlockScope };

/** Sends the matching protocol command; throws CommandError with the server's reason on refusal. */
export async function runStageAction(socket: Socket, action: StageAction): Promise<void> {
  switch (action.type) {
    case "raise-hand":
      await request(socket, "room:raise-hand", {});
      return;
    case "lower-hand":
      await request(socket, "room:lower-hand", {});
      return;
    case "set-hand-raising":
      await request(socket, "room:set-hand-raising", { enabled: action.enabled });
      return;
    case "invite-to-speak":
      await request(socket, "room:invite-to-speak", { userId: action.userId });
      return;
    case "respond-to-invitation":
      await request(socket, "room:respond-to-invitation", { accept: action.accept });
      return;
    case "mute-member":
      await request(socket, "room:mute-member", { userId: action.userId });
      return;
    case "move-to-audience":
      await request(socket, "room:move-to-audience", { userId: action.userId });
      return;
    case "set-moderator":
      await request(socket, "room:set-moderator", { userId: action.userId, moderator: action.moderator });
      return;
    case "transfer-host":
      await request(socket, "room:transfer-host", { userId: action.userId });
      return;
    case "remove-member":
      await request(socket, "room:remove-member", { userId: action.userId, block: action.block });
      return;
  }
}
