import type { Member, RoomCounts } from "@/shared/protocol";
import type { StageAction } from "./stage-actions";

/** What the stage rules need of the room: the server's exact counts and the stage limit. */
export type StageFacts = { counts: RoomCounts; stageLimit: number };

/** Whether the stage has no free seat (host, moderators and speakers count). */
export function isStageFull(room: StageFacts): boolean {
  return room.counts.stage >= room.stageLimit;
}

/** The room catalog's `actions.*` key for each action's label. */
export type ActionLabel =
  | "moveMyself"
  | "invite"
  | "mute"
  | "makeModerator"
  | "removeModerator"
  | "makeHost"
  | "moveToAudience"
  | "remove"
  | "removeBlockRoom"
  | "removeBlockHostRooms";

export type OfferedAction = { label: ActionLabel; action: StageAction; tone?: "danger" };

/**
 * The actions the UI offers `me` on `target`. It mirrors the server's rules so people are not shown
 * buttons that can only fail; the server stays the only judge and refuses anything else anyway.
 */
export function offeredActions(me: Member, target: Member, snapshot: StageFacts): OfferedAction[] {
  const actions: OfferedAction[] = [];
  const isHost = me.role === "host";
  const moderates = isHost || me.role === "moderator";
  const self = me.userId === target.userId;
  const onStage = (m: Member) => m.role !== "listener";

  if (self) {
    if (target.role === "speaker" || target.role === "moderator")
      actions.push({
        label: "moveMyself",
        action: { command: "room:move-to-audience", input: { userId: target.userId } },
      });
    return actions;
  }
  if (!moderates || target.role === "host") return actions;
  const targetIsModerator = target.role === "moderator";

  if (target.role === "listener" && !target.isGuest && target.invitedAt === null) {
    if (!isStageFull(snapshot))
      actions.push({
        label: "invite",
        action: { command: "room:invite-to-speak", input: { userId: target.userId } },
      });
  }
  if (onStage(target) && !target.muted)
    actions.push({
      label: "mute",
      action: { command: "room:mute-member", input: { userId: target.userId } },
    });
  if (target.role === "speaker")
    actions.push({
      label: "makeModerator",
      action: { command: "room:set-moderator", input: { userId: target.userId, moderator: true } },
    });
  if (isHost && targetIsModerator) {
    actions.push({
      label: "removeModerator",
      action: { command: "room:set-moderator", input: { userId: target.userId, moderator: false } },
    });
    actions.push({
      label: "makeHost",
      action: { command: "room:transfer-host", input: { userId: target.userId } },
    });
  }
  if (onStage(target) && (isHost || !targetIsModerator))
    actions.push({
      label: "moveToAudience",
      action: { command: "room:move-to-audience", input: { userId: target.userId } },
    });
  if (isHost || !targetIsModerator) {
    actions.push({
      label: "remove",
      action: { command: "room:remove-member", input: { userId: target.userId, block: "none" } },
    });
    actions.push({
      label: "removeBlockRoom",
      action: { command: "room:remove-member", input: { userId: target.userId, block: "room" } },
      tone: "danger",
    });
    // A block from all of the host's rooms is written on the host's profile: the host's call alone.
    if (isHost)
      actions.push({
        label: "removeBlockHostRooms",
        action: { command: "room:remove-member", input: { userId: target.userId, block: "host-rooms" } },
        tone: "danger",
      });
  }
  return actions;
}
