import { readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";

// Draws the app icons in public/icons from public/favicon.svg (run after changing the logo):
//   npx tsx scripts/make-icons.ts
// The PNGs are committed: the install prompt and iOS's home screen need bitmaps.
const root = path.resolve(import.meta.dirname, "..");
const INK = "#1c1917";

async function main(): Promise<void> {
  const svg = await readFile(path.join(root, "public/favicon.svg"));
  const out = (name: string) => path.join(root, "public/icons", name);
  for (const size of [192, 512])
    await sharp(svg, { density: 600 })
      .resize(size, size)
      .png()
      .toFile(out(`icon-${size}.png`));
  // Maskable: the logo inside the safe zone (80 %) on a full-bleed background, for Android's shapes.
  const inner = await sharp(svg, { density: 600 }).resize(360, 360).png().toBuffer();
  await sharp({ create: { width: 512, height: 512, channels: 4, background: INK } })
    .composite([{ input: inner, gravity: "center" }])
    .png()
    .toFile(out("maskable-512.png"));
  await sharp(svg, { density: 600 })
    .resize(180, 180)
    .flatten({ background: INK })
    .png()
    .toFile(out("apple-touch-icon.png"));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
