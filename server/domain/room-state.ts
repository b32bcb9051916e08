import type { ErrorCode, Member, Role } from "../../src/shared/protocol";

/** Who is acting: the server fills this in from the authenticated session, never from input. */
export type Actor = { userId: string; displayName: string };

/** The pure, serialisable state of one live room. Members are keyed by user id. */
export type RoomState = {
  roomId: string;
  title: string;
  status: "live" | "ended";
  hostId: string;
  /** Grows by one with each event; clients use it to order deltas. */
  version: number;
  members: Readonly<Record<string, Member>>;
};

export type RoomCommand =
  | { type: "join" }
  | { type: "leave" }
  | { type: "set-muted"; muted: boolean }
  | { type: "end" };

/** What happened, to be broadcast to every member (each bumps the version by one). */
export type RoomEvent =
  | { type: "member-joined"; member: Member }
  | { type: "member-updated"; member: Member }
  | { type: "member-left"; userId: string }
  | { type: "room-ended"; reason: "host-ended" };

/**
 * What the shell must do outside the machine. The media layer only ever hears these: it never
 * learns about roles, only who may publish and whose media to close.
 */
export type RoomEffect =
  | { type: "allow-publish"; userId: string; paused: boolean }
  | { type: "revoke-publish"; userId: string }
  | { type: "pause-publish"; userId: string; paused: boolean }
  | { type: "close-member-media"; userId: string }
  | { type: "close-room-media" };

export type Refusal = { code: ErrorCode; message: string };

export type ApplyResult =
  | { ok: true; state: RoomState; events: RoomEvent[]; effects: RoomEffect[] }
  | { ok: false; error: Refusal };

/** Roles whose microphones may reach the room. */
export const STAGE_ROLES: ReadonlySet<Role> = new Set<Role>(["host", "moderator", "speaker"]);

export function isOnStage(member: Member): boolean {
  return STAGE_ROLES.has(member.role);
}
