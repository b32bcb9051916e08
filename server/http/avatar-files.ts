import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { AVATAR_CONTENT_TYPES } from "../accounts/avatar-image";

const FILE_NAME = /^\/avatars\/([A-Za-z0-9_-]+\.(png|jpg|webp))$/;

/**
 * Serves uploaded avatars from `<DATA_DIR>/avatars` at /avatars/<file>. Only names the upload
 * route creates match (no path traversal); the type comes from the extension the server chose,
 * with nosniff and a no-script CSP so an image can never run as a page.
 */
export function createAvatarFileHandler(avatarsDir: string) {
  return async function serveAvatar(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const pathname = new URL(request.url ?? "/", "http://localhost").pathname;
    if (!pathname.startsWith("/avatars/")) return false;
    const match = FILE_NAME.exec(pathname);
    const extension = match?.[2];
    const contentType =
      extension === "png" || extension === "jpg" || extension === "webp"
        ? AVATAR_CONTENT_TYPES[extension]
        : undefined;
    const bytes =
      match?.[1] && contentType ? await readFile(path.join(avatarsDir, match[1])).catch(() => null) : null;
    if (!bytes || !contentType) {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not found");
      return true;
    }
    response.writeHead(200, {
      "content-type": contentType,
      "content-length": bytes.length,
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'",
    });
    response.end(request.method === "HEAD" ? undefined : bytes);
    return true;
  };
}
