/** Image types accepted as avatars, recognised by their first bytes (never by a client's claim). */
export type AvatarImageType = { extension: "png" | "jpg" | "webp"; contentType: string };

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  return (
    bytes.length >= offset + signature.length &&
    signature.every((byte, index) => bytes[offset + index] === byte)
  );
}

const ascii = (text: string) => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));

/** The type of an uploaded image from its magic bytes, or null for anything else. */
export function sniffAvatarImage(bytes: Uint8Array): AvatarImageType | null {
  if (startsWith(bytes, PNG)) return { extension: "png", contentType: "image/png" };
  if (startsWith(bytes, JPEG)) return { extension: "jpg", contentType: "image/jpeg" };
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8))
    return { extension: "webp", contentType: "image/webp" };
  return null;
}

export const AVATAR_CONTENT_TYPES: Record<AvatarImageType["extension"], string> = {
  png: "image/png",
  jpg: "image/jpeg",
  webp: "image/webp",
};
