import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { idSchema } from "../../src/shared/protocol";
import type { Logger } from "../logging/logger";
import { RoomError } from "../rooms/room-ports";
import type { Replays } from "../rooms/replays";
import { readCookie, SESSION_COOKIE } from "./cookies";
import type { AccountStore } from "./http-ports";

const AUDIO_PATH = /^\/api\/recordings\/([^/]+)\/audio$/;

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` into an inclusive range of a file of `size`; null if unsatisfiable. */
export function byteRange(header: string, size: number): { start: number; end: number } | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return null;
  let start: number;
  let end: number;
  if (match[1] === "") {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start <= end && start < size ? { start, end } : null;
}

/**
 * GET /api/recordings/:id/audio: the replay's Ogg/Opus file, with Range support (an audio element
 * seeks with Range requests). Who may play is the replays' rule (the room's door; unpublished is
 * the host's only). A binary answer, so it sits beside the JSON router rather than in it.
 */
export function createReplayAudioHandler(deps: {
  replays: Replays;
  accounts: Pick<AccountStore, "findUserBySessionToken">;
  logger: Logger;
}) {
  return async function serveReplayAudio(
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<boolean> {
    const url = new URL(request.url ?? "/", "http://localhost");
    const match = AUDIO_PATH.exec(url.pathname);
    if (!match) return false;
    const refuse = (status: number, message: string) => {
      response.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(message);
      return true;
    };
    if (request.method !== "GET" && request.method !== "HEAD") return refuse(405, "Method not allowed");
    const id = idSchema.safeParse(match[1]);
    if (!id.success) return refuse(404, "There is no such replay.");
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    const user = token ? await deps.accounts.findUserBySessionToken(token) : null;
    const viewer = user ? { userId: user.id, isGuest: false } : { userId: "guest", isGuest: true };
    let file: string;
    try {
      file = await deps.replays.audioFile(id.data, viewer, url.searchParams.get("key") ?? undefined);
    } catch (error) {
      if (!(error instanceof RoomError)) throw error;
      const status = error.code === "unauthorized" ? 401 : error.code === "forbidden" ? 403 : 404;
      return refuse(status, error.message);
    }
    const size = await stat(file).then(
      (found) => found.size,
      () => null,
    );
    if (size === null) {
      deps.logger.warn({ recordingId: id.data }, "replay file missing");
      return refuse(404, "There is no such replay.");
    }
    const headers = {
      "content-type": "audio/ogg",
      "accept-ranges": "bytes",
      // Private: who may play differs per person; never kept by a shared cache.
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    };
    const rangeHeader = request.headers.range;
    if (rangeHeader) {
      const range = byteRange(rangeHeader, size);
      if (!range) {
        response.writeHead(416, { ...headers, "content-range": `bytes */${size}` }).end();
        return true;
      }
      response.writeHead(206, {
        ...headers,
        "content-range": `bytes ${range.start}-${range.end}/${size}`,
        "content-length": range.end - range.start + 1,
      });
      if (request.method === "HEAD") response.end();
      else createReadStream(file, range).pipe(response);
      return true;
    }
    response.writeHead(200, { ...headers, "content-length": size });
    if (request.method === "HEAD") response.end();
    else createReadStream(file).pipe(response);
    return true;
  };
}
