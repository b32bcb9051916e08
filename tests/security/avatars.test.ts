import { readdir } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, dataOf, signUp } from "../support/api-client";
import { blackBitmapPng, gradientPng } from "../support/png";
import { createRepositories } from "../../server/db/repositories";
import { startTestApp, type TestApp } from "../support/test-app";
import { createTestDatabase } from "../support/test-database";

const PASSWORD = "a long enough passphrase";
const UPLOADS_PER_HOUR = 12;

/** A JPEG photo as a phone writes it: EXIF with the camera and a GPS position. */
async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: "SnoopCam", Model: "Secret Model 9" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "48/1 51/1 2964/100",
        GPSLongitudeRef: "E",
        GPSLongitude: "2/1 17/1 4030/100",
      },
    })
    .toBuffer();
}

describe("[SEC-13] avatars are re-encoded, bounded, stripped and rate-limited; uploads never orphan files", () => {
  let t: TestApp;
  let url: string;
  let avatarsDir: string;
  beforeAll(async () => {
    t = await startTestApp("pglite", { AVATAR_UPLOADS_PER_USER_PER_HOUR: String(UPLOADS_PER_HOUR) });
    url = t.app.url.replace("localhost", "127.0.0.1");
    avatarsDir = path.join(t.database.dataDir, "avatars");
  });
  afterAll(async () => {
    await t?.close();
  });

  let people = 0;
  async function person() {
    people += 1;
    const username = `pic_${people}`;
    const { cookie, answer } = await signUp(url, { username, password: PASSWORD });
    return { cookie, username, id: String(dataOf(answer).id) };
  }

  async function upload(cookie: string, bytes: Uint8Array) {
    const response = await fetch(`${url}/api/me/avatar`, {
      method: "POST",
      headers: { "x-audio-rooms-csrf": "1", "content-type": "application/octet-stream", cookie },
      body: new Uint8Array(bytes),
    });
    const body: unknown = await response.json();
    return { status: response.status, retryAfter: response.headers.get("retry-after"), body };
  }

  const avatarUrlOf = (body: unknown): string => {
    const parsed = body as { data?: { avatarUrl?: string } };
    return parsed.data?.avatarUrl ?? "";
  };

  const filesOf = async (userId: string) =>
    (await readdir(avatarsDir).catch(() => [])).filter((name) => name.startsWith(`${userId}-`));

  it("[SEC-13] 10 parallel uploads leave exactly one file on disk: the one the profile points to", async () => {
    const me = await person();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, index) => upload(me.cookie, gradientPng(8 + index))),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    const files = await filesOf(me.id);
    expect(files).toHaveLength(1);
    const profile = dataOf(await api(url, "GET", `/api/users/${me.username}`));
    expect(profile.avatarUrl).toBe(`/avatars/${files[0]}`);
    expect((await fetch(`${url}/avatars/${files[0]}`)).status).toBe(200);
  });

  it("[SEC-13] a photo with EXIF GPS comes back as a 512 px WebP without any metadata", async () => {
    const photo = await photoWithGps();
    expect((await sharp(photo).metadata()).exif?.includes(Buffer.from("SnoopCam"))).toBe(true);
    const me = await person();
    const answer = await upload(me.cookie, photo);
    expect(answer.status).toBe(200);
    const served = await fetch(`${url}${avatarUrlOf(answer.body)}`);
    expect(served.headers.get("content-type")).toBe("image/webp");
    const bytes = Buffer.from(await served.arrayBuffer());
    const metadata = await sharp(bytes).metadata();
    expect({ format: metadata.format, width: metadata.width, height: metadata.height }).toEqual({
      format: "webp",
      width: 512,
      height: 512,
    });
    expect(metadata.exif).toBeUndefined();
    expect(metadata.xmp).toBeUndefined();
    expect(metadata.icc).toBeUndefined();
    expect(bytes.includes(Buffer.from("SnoopCam"))).toBe(false);
    expect(bytes.includes(Buffer.from("Exif"))).toBe(false);
  });

  it("[SEC-13] a 10,000 x 10,000 image (a decompression bomb) is refused before decoding", async () => {
    const bomb = blackBitmapPng(10_000, 10_000);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const me = await person();
    const started = performance.now();
    const answer = await upload(me.cookie, bomb);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: "That image has more than 40 megapixels. Pick a smaller one.",
      },
    });
    expect(await filesOf(me.id)).toEqual([]);
  });

  it("[SEC-13] a big but legal image is downsized to 512 x 512", async () => {
    const me = await person();
    const wide = await sharp({ create: { width: 3000, height: 1000, channels: 3, background: "#336699" } })
      .png()
      .toBuffer();
    const answer = await upload(me.cookie, wide);
    const served = Buffer.from(await (await fetch(`${url}${avatarUrlOf(answer.body)}`)).arrayBuffer());
    const metadata = await sharp(served).metadata();
    expect([metadata.width, metadata.height]).toEqual([512, 512]);
  });

  it("[SEC-13] uploads past AVATAR_UPLOADS_PER_USER_PER_HOUR are rate_limited; someone else may still upload", async () => {
    const me = await person();
    for (let i = 0; i < UPLOADS_PER_HOUR; i++)
      expect((await upload(me.cookie, gradientPng(2))).status).toBe(200);
    const refused = await upload(me.cookie, gradientPng(2));
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    expect(Number(refused.retryAfter)).toBeGreaterThan(3000);
    expect(await filesOf(me.id)).toHaveLength(1);
    const other = await person();
    expect((await upload(other.cookie, gradientPng(2))).status).toBe(200);
  });
});

describe("[SEC-13] the avatar pointer is swapped atomically", () => {
  it("[SEC-13] 20 simultaneous swaps hand every replaced file to exactly one caller", async () => {
    const testDb = await createTestDatabase("pglite");
    try {
      const users = createRepositories((await testDb.open()).prisma).users;
      const user = await users.createWithDisplayName("Racer");
      const files = Array.from({ length: 20 }, (_, index) => `file-${index}.webp`);
      const replaced = await Promise.all(files.map((file) => users.setAvatarFile(user.id, file)));
      const final = (await users.findById(user.id))?.avatarFile ?? null;
      // Each file is either the one left pointed to or replaced (and so deleted) exactly once.
      expect([...replaced, final].sort()).toEqual([null, ...files].sort());
    } finally {
      await testDb.destroy();
    }
  });
});
