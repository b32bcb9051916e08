import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_HEADERS, startTestApp, type TestApp } from "../../support/test-app";
import { api, dataOf, signUp } from "../../support/api-client";
import { gradientPng } from "../../support/png";
import { testDrivers } from "../../support/test-database";

const drivers = await testDrivers();

const tinyPng = () => gradientPng(1);

describe.each(drivers)("[AVATAR] avatar uploads (%s)", (driver) => {
  let t: TestApp;
  let url: string;
  let cookie: string;

  beforeAll(async () => {
    t = await startTestApp(driver);
    url = t.app.url.replace("localhost", "127.0.0.1");
    cookie = (await signUp(url, { username: "pic_person", password: "a long enough passphrase" })).cookie;
  });
  afterAll(async () => {
    await t?.close();
  });

  const upload = async (bytes: Uint8Array, contentType = "image/png", withCookie = true) => {
    const response = await fetch(`${url}/api/me/avatar`, {
      method: "POST",
      headers: { "x-audio-rooms-csrf": "1", "content-type": contentType, ...(withCookie ? { cookie } : {}) },
      body: new Uint8Array(bytes),
    });
    return {
      status: response.status,
      body: (await response.json()) as {
        ok: boolean;
        data?: { avatarUrl: string | null };
        error?: { code: string; message: string };
      },
    };
  };

  it("[AVATAR-1] a PNG is stored under DATA_DIR/avatars, re-encoded, and served as image/webp", async () => {
    const png = tinyPng();
    const answer = await upload(png);
    expect(answer.status).toBe(200);
    const avatarUrl = answer.body.data?.avatarUrl ?? "";
    expect(avatarUrl).toMatch(/^\/avatars\/[a-z0-9]+-[0-9a-f]{16}\.webp$/);
    const served = await fetch(`${url}${avatarUrl}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/webp");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    // The bytes are the server's own encoding, never the upload's.
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(bytes.subarray(0, 4).toString("latin1")).toBe("RIFF");
    expect(bytes.subarray(8, 12).toString("latin1")).toBe("WEBP");
    expect(dataOf(await api(url, "GET", "/api/users/pic_person"))).toMatchObject({ avatarUrl });

    // A new picture (here a JPEG) replaces the old file.
    const second = await upload(
      await sharp({ create: { width: 4, height: 4, channels: 3, background: "#fff" } })
        .jpeg()
        .toBuffer(),
      "application/octet-stream",
    );
    expect(second.body.data?.avatarUrl).toMatch(/\.webp$/);
    expect(second.body.data?.avatarUrl).not.toBe(avatarUrl);
    expect((await fetch(`${url}${avatarUrl}`)).status).toBe(404);
    const webp = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#000" } })
      .webp()
      .toBuffer();
    expect((await upload(webp)).body.data?.avatarUrl).toMatch(/\.webp$/);
  });

  it("[AVATAR-1] a file with an image's first bytes but no image behind them is refused", async () => {
    const fakeJpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100)]);
    const answer = await upload(fakeJpeg, "application/octet-stream");
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe("invalid_input");
  });

  it("[AVATAR-2] a text file claiming to be a PNG is refused", async () => {
    const answer = await upload(
      Buffer.from("definitely not an image, just text named avatar.png"),
      "image/png",
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      ok: false,
      error: { code: "invalid_input", message: "That file is not a PNG, JPEG or WebP image." },
    });
    const gif = await upload(Buffer.from("GIF89a\x01\x00\x01\x00", "latin1"), "image/png");
    expect(gif.status).toBe(400);
  });

  it("[AVATAR-3] more than 2 MB is refused", async () => {
    const big = Buffer.concat([tinyPng(), Buffer.alloc(2 * 1024 * 1024)]);
    const answer = await upload(big);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toMatch(/larger than 2 MB/);
  });

  it("[AVATAR-4] uploads need a session and the CSRF header; unknown or crafted paths are 404", async () => {
    expect((await upload(tinyPng(), "image/png", false)).body.error?.code).toBe("unauthorized");
    const noHeader = await fetch(`${url}/api/me/avatar`, {
      method: "POST",
      headers: { cookie, "content-type": "image/png" },
      body: new Uint8Array(tinyPng()),
    });
    expect(noHeader.status).toBe(403);
    for (const path of [
      "/avatars/../../etc/passwd",
      "/avatars/%2e%2e%2fpglite",
      "/avatars/nothing.png",
      "/avatars/x.svg",
    ]) {
      expect((await fetch(`${url}${path}`)).status, path).toBe(404);
    }
    const removed = await fetch(`${url}/api/me/avatar`, {
      method: "DELETE",
      headers: { ...API_HEADERS, cookie },
    });
    expect(((await removed.json()) as { data: { avatarUrl: unknown } }).data.avatarUrl).toBeNull();
  });
});
