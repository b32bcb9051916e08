import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import path from "node:path";
import { AVATAR_MAX_BYTES, fail, ok, type Ack, type CurrentUser } from "../../src/shared/protocol";
import { sniffAvatarImage } from "../accounts/avatar-image";
import type { Logger } from "../logging/logger";
import type { Route } from "./api-router";
import type { AccountStore } from "./http-ports";

export type AvatarRoutesDeps = { accounts: AccountStore; avatarsDir: string; logger: Logger };

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
 * by the file's magic bytes: PNG, JPEG or WebP; a text file named .png is refused. Files get a
 * fresh random name, so the URL changes with the picture and can be cached forever.
 */
export function avatarRoutes(deps: AvatarRoutesDeps): Route[] {
  async function replace(user: CurrentUser, file: string | null): Promise<void> {
    const previous = await deps.accounts.setAvatarFile(user.id, file);
    if (previous) await rm(path.join(deps.avatarsDir, path.basename(previous)), { force: true });
  }

  async function upload(request: IncomingMessage, user: CurrentUser | null): Promise<Ack<CurrentUser>> {
    if (!user) return fail("unauthorized", "Sign in to change your picture.");
    const bytes = await readRawBody(request, AVATAR_MAX_BYTES);
    if (bytes === null) return TOO_LARGE;
    if (bytes.length === 0) return fail("invalid_input", "Choose an image to upload.");
    const type = sniffAvatarImage(bytes);
    if (!type) return fail("invalid_input", "That file is not a PNG, JPEG or WebP image.");
    await mkdir(deps.avatarsDir, { recursive: true });
    const file = `${user.id}-${randomBytes(8).toString("hex")}.${type.extension}`;
    await writeFile(path.join(deps.avatarsDir, file), bytes);
    await replace(user, file);
    deps.logger.info({ userId: user.id, bytes: bytes.length, type: type.extension }, "avatar updated");
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
        return { ack: await upload(request, user), headers: {} };
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
