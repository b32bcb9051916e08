import type { Socket } from "socket.io-client";
import { OPUS_SEND_PARAMETERS } from "../../support/opus-parameters";
import { API_HEADERS, send } from "../../support/test-app";
import type { TestApp } from "../../support/test-app";

/** Makes an existing account platform staff, as an admin would (straight in the database). */
export async function makeStaff(t: TestApp, userId: string, role: "moderator" | "admin" = "moderator") {
  const database = await t.database.open();
  await database.prisma.user.update({
    where: { id: userId },
    data: role === "admin" ? { isAdmin: true } : { isModerator: true },
  });
}

/** Audit entries of one action, oldest first. */
export async function auditEntries(t: TestApp, action: string) {
  const database = await t.database.open();
  return database.prisma.auditEntry.findMany({ where: { action }, orderBy: { at: "asc" } });
}

export async function okAck(socket: Socket, event: string, payload: unknown) {
  const answer = await send(socket, event, payload);
  if (!answer.ok) throw new Error(`${event}: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}

/**
 * `guest`, already in the host's room, is invited on stage, accepts, unmutes and publishes an
 * Opus producer: its `media:produce` answer.
 */
export async function bringOnStageSpeaking(
  host: { socket: Socket },
  guest: { socket: Socket; userId: string },
): ReturnType<typeof okAck> {
  await okAck(guest.socket, "room:raise-hand", {});
  await okAck(host.socket, "room:invite-to-speak", { userId: guest.userId });
  await okAck(guest.socket, "room:respond-to-invitation", { accept: true });
  const send = await okAck(guest.socket, "media:create-transport", { direction: "send" });
  await okAck(guest.socket, "room:set-muted", { muted: false });
  return okAck(guest.socket, "media:produce", {
    transportId: send.id,
    kind: "audio",
    rtpParameters: OPUS_SEND_PARAMETERS,
  });
}

/** A JSON API call with a session cookie; the parsed answer. */
export async function api(
  url: string,
  cookie: string,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
): Promise<{
  status: number;
  json: { ok: boolean; data?: unknown; error?: { code: string; message: string } };
}> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...API_HEADERS, cookie },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as {
    ok: boolean;
    data?: unknown;
    error?: { code: string; message: string };
  };
  return { status: response.status, json };
}

/** Every event a socket receives, with its payload as JSON text (to search for a user id). */
export function recordEvents(socket: Socket): { event: string; text: string }[] {
  const heard: { event: string; text: string }[] = [];
  socket.onAny((event: string, payload: unknown) => heard.push({ event, text: JSON.stringify(payload) }));
  return heard;
}
