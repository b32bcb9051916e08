import { describe, expect, it } from "vitest";
import { classifySql } from "../../server/db/query-timing";
import { checkReadiness } from "../../server/health/readiness";
import { audioPacketsReceived } from "../../src/features/room/first-audio";

describe("[OPS-PURE] small pieces of metrics and health", () => {
  it("[OPS-PURE-1] Prisma's SQL is labelled by kind and first table; anything else stays bounded", () => {
    expect(
      classifySql('SELECT "public"."User"."id" FROM "public"."User" WHERE "public"."User"."id" = $1'),
    ).toEqual({
      statement: "select",
      table: "User",
    });
    expect(classifySql('INSERT INTO "public"."RoomEvent" ("id") VALUES ($1)')).toEqual({
      statement: "insert",
      table: "RoomEvent",
    });
    expect(classifySql("BEGIN")).toEqual({ statement: "begin", table: "none" });
    expect(classifySql("VACUUM")).toEqual({ statement: "other", table: "none" });
  });

  it("[OPS-PURE-2] readiness names each failing part, including one that throws or never answers", async () => {
    const result = await checkReadiness([
      { name: "database", probe: () => Promise.resolve(null) },
      { name: "media", probe: () => Promise.resolve("media worker 1 is dead") },
      { name: "redis", probe: () => Promise.reject(new Error("connection refused")) },
    ]);
    expect(result).toEqual({
      ready: false,
      checks: { database: "ok", media: "media worker 1 is dead", redis: "connection refused" },
    });
    expect((await checkReadiness([{ name: "database", probe: () => Promise.resolve(null) }])).ready).toBe(
      true,
    );
  });

  it("[OPS-PURE-3] first audio counts inbound audio RTP packets only", () => {
    expect(audioPacketsReceived([])).toBe(0);
    expect(
      audioPacketsReceived([
        { type: "inbound-rtp", kind: "audio", packetsReceived: 3 },
        { type: "inbound-rtp", kind: "video", packetsReceived: 50 },
        { type: "candidate-pair", packetsReceived: 99 },
        { type: "inbound-rtp", kind: "audio", packetsReceived: 2 },
      ]),
    ).toBe(5);
  });
});
