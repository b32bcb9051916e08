import sharp from "sharp";

/** Every stored avatar: a square WebP of this many pixels a side, whatever was uploaded. */
export const AVATAR_SIZE_PX = 512;

export type EncodedAvatar =
  { ok: true; bytes: Buffer; extension: "webp" } | { ok: false; reason: "too_many_pixels" | "undecodable" };

/**
 * Re-encodes an uploaded picture (already sniffed as PNG, JPEG or WebP) with sharp (libvips):
 * - turned upright by its EXIF orientation, then cropped to a centred square of
 *   {@link AVATAR_SIZE_PX} px, so no upload is served at its own dimensions;
 * - written as a fresh WebP with no metadata: sharp copies none unless asked (`keepMetadata`),
 *   so EXIF GPS positions, camera serials and embedded thumbnails are gone;
 * - refused before decoding when the header declares more than `maxInputPixels` pixels (a
 *   decompression bomb: a few KB of PNG that would inflate to gigabytes).
 * The bytes served are only ever ones this function wrote, never the client's.
 */
export async function encodeAvatar(
  input: Buffer,
  options: { maxInputPixels: number },
): Promise<EncodedAvatar> {
  try {
    const image = sharp(input, {
      limitInputPixels: options.maxInputPixels,
      failOn: "error",
      animated: false,
    });
    const bytes = await image
      .autoOrient()
      .resize(AVATAR_SIZE_PX, AVATAR_SIZE_PX, { fit: "cover", position: "centre" })
      .webp({ quality: 82 })
      .toBuffer();
    return { ok: true, bytes, extension: "webp" };
  } catch (error) {
    const message = error instanceof Error ? error.message : "";
    return { ok: false, reason: /pixel limit/i.test(message) ? "too_many_pixels" : "undecodable" };
  }
}
