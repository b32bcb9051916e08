import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import path from "node:path";
import { AVATAR_MAX_BYTES, fail, ok, type Ack, type CurrentUser } from "../../src/shared/protocol";
import { sniffAvatarImage } from "../accounts/avatar-image";
import { encodeAvatar } from "../accounts/avatar-encoding";
import { SlidingWindowLimiter } from "../auth/sliding-window-limiter";
import type { Logger } from "../logging/logger";
import type { Route } from "./api-router";
import type { AccountStore } from "./http-ports";

export type AvatarRoutesDeps = {
  accounts: AccountStore;
  avatarsDir: string;
  limits: { avatarsPerHour: number; avatarMaxInputPixels: number };
  logger: Logger;
  now?: () => number;
};

const HOUR_MS = 60 * 60 * 1000;

const TOO_LARGE = fail(
  "invalid_input",
  `That image is larger than ${AVATAR_MAX_BYTES / 1024 / 1024} MB. Pick a smaller one.`,
);

/** Reads the raw body, stopping as soon as it passes `limit` bytes. */
async function readRawBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(request.headers["content-length"] ?? "0");
  if (declared > limit) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limit) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Avatar upload (POST /api/me/avatar, the image bytes as the body) and removal. The type is decided
 * by the file's magic bytes: PNG, JPEG or WebP; a text file named .png is refused. Each upload is
 * re-encoded (server/accounts/avatar-encoding.ts: a 512 px square WebP without metadata) and gets a
 * fresh random name, so the URL changes with the picture and can be cached forever. Uploads are
 * counted per person per hour before any decoding, so one account cannot keep the CPU busy.
 */
export function avatarRoutes(deps: AvatarRoutesDeps): Route[] {
  const uploads = new SlidingWindowLimiter(deps.limits.avatarsPerHour, HOUR_MS, deps.now);
  const fileOf = (name: string) => path.join(deps.avatarsDir, path.basename(name));

  /** Points the profile at `file` and deletes the file it replaced (or `file` itself if the user is gone). */
  async function replace(user: CurrentUser, file: string | null): Promise<void> {
    const previous = await deps.accounts.setAvatarFile(user.id, file);
    const unused = previous === undefined ? file : previous;
    if (unused) await rm(fileOf(unused), { force: true });
  }

  async function upload(
    request: IncomingMessage,
    user: CurrentUser | null,
    headers: Record<string, string>,
  ): Promise<Ack<CurrentUser>> {
    if (!user) return fail("unauthorized", "Sign in to change your picture.");
    const waitMs = uploads.retryAfterMs(user.id);
    if (waitMs > 0) {
      const minutes = Math.ceil(waitMs / 60_000);
      headers["retry-after"] = String(Math.ceil(waitMs / 1000));
      return fail(
        "rate_limited",
        `You have changed your picture ${deps.limits.avatarsPerHour} times this hour. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      );
    }
    // Counted before the body is read or decoded: the slot is taken even if the upload fails.
    uploads.record(user.id);
    const bytes = await readRawBody(request, AVATAR_MAX_BYTES);
    if (bytes === null) return TOO_LARGE;
    if (bytes.length === 0) return fail("invalid_input", "Choose an image to upload.");
    const type = sniffAvatarImage(bytes);
    if (!type) return fail("invalid_input", "That file is not a PNG, JPEG or WebP image.");
    const encoded = await encodeAvatar(bytes, { maxInputPixels: deps.limits.avatarMaxInputPixels });
    if (!encoded.ok)
      return encoded.reason === "too_many_pixels"
        ? fail(
            "invalid_input",
            `That image has more than ${Math.round(deps.limits.avatarMaxInputPixels / 1_000_000)} megapixels. Pick a smaller one.`,
          )
        : fail("invalid_input", "That image could not be read. It may be damaged; try another one.");
    await mkdir(deps.avatarsDir, { recursive: true });
    const file = `${user.id}-${randomBytes(8).toString("hex")}.${encoded.extension}`;
    await writeFile(fileOf(file), encoded.bytes);
    await replace(user, file);
    deps.logger.info(
      {
        userId: user.id,
        uploadedBytes: bytes.length,
        storedBytes: encoded.bytes.length,
        type: type.extension,
      },
      "avatar updated",
    );
    return (
      (await deps.accounts.findUserById(user.id).then((updated) => (updated ? ok(updated) : null))) ??
      fail("not_found", "Your account is gone.")
    );
  }

  return [
    {
      method: "POST",
      path: "/api/me/avatar",
      async handle(request, _params, user) {
        const headers: Record<string, string> = {};
        return { ack: await upload(request, user, headers), headers };
      },
    },
    {
      method: "DELETE",
      path: "/api/me/avatar",
      async handle(_request, _params, user) {
        if (!user) return { ack: fail("unauthorized", "Sign in first."), headers: {} };
        await replace(user, null);
        const updated = await deps.accounts.findUserById(user.id);
        return { ack: updated ? ok(updated) : fail("not_found", "Your account is gone."), headers: {} };
      },
    },
  ];
}
