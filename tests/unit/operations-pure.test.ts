import { describe, expect, it } from "vitest";
import { classifySql } from "../../server/db/query-timing";
import { capacityProblem, checkReadiness } from "../../server/health/readiness";
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
      reason: "failing",
    });
    expect((await checkReadiness([{ name: "database", probe: () => Promise.resolve(null) }])).ready).toBe(
      true,
    );
  });

  it("[OPS-PURE-4] not ready says why: the first failing check's reason, so a dead part beneath a full node reads failing", async () => {
    const answer = (state: string | null) => () => Promise.resolve(state);
    const serving = (state: string | null) => ({
      name: "serving",
      reason: "draining" as const,
      probe: answer(state),
    });
    const capacity = (state: string | null) => ({
      name: "capacity",
      reason: "full" as const,
      probe: answer(state),
    });
    const media = (state: string | null) => ({ name: "media", probe: answer(state) });
    const reasonOf = async (...checks: Parameters<typeof checkReadiness>[0]) =>
      (await checkReadiness(checks)).reason;
    expect(await reasonOf(serving(null), media(null), capacity(null))).toBeNull();
    expect(await reasonOf(serving(null), media(null), capacity("full: no seat"))).toBe("full");
    expect(await reasonOf(serving("draining for a restart"), media(null), capacity("full"))).toBe("draining");
    expect(await reasonOf(serving(null), media("worker 0 is dead"), capacity("full"))).toBe("failing");
  });

  it("[OPS-PURE-5] a node is full without a media seat for one more listener, or at READY_MAX_SOCKETS", () => {
    const node = (freeSeats: number, sockets: number, maxSockets?: number) =>
      capacityProblem({ hasSeats: (seats) => seats <= freeSeats, sockets: () => sockets, maxSockets });
    expect(node(1, 10_000)).toBeNull();
    expect(node(0, 0)).toBe("full: no media seat free for one more listener");
    expect(node(5, 99, 100)).toBeNull();
    expect(node(5, 100, 100)).toBe("full: 100 sockets open, the limit is 100");
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
