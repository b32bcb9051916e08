import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../server/db/database";
import { createRepositories } from "../../../server/db/repositories";
import { api, dataOf, errorCode, signUp } from "../../support/api-client";
import { startTestApp, type TestApp } from "../../support/test-app";
import { testDrivers } from "../../support/test-database";

const drivers = await testDrivers();
const PASSWORD = "a long enough passphrase";

describe.each(drivers)("[SOCIAL] profiles, follows and blocks (%s)", (driver) => {
  let t: TestApp;
  let url: string;
  let db: Database;
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(driver, { ADMIN_USERNAME: "admin" });
    url = t.app.url.replace("localhost", "127.0.0.1");
    db = await t.database.open();
    for (const name of ["admin", "ana", "ben", "cyd"]) {
      const { answer, cookie } = await signUp(url, {
        username: name,
        password: PASSWORD,
        displayName: name.toUpperCase(),
      });
      cookies[name] = cookie;
      ids[name] = String(dataOf(answer).id);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const profile = async (name: string, viewer?: string) =>
    dataOf(await api(url, "GET", `/api/users/${name}`, viewer ? { cookie: cookies[viewer] } : {}));
  const people = async (name: string, list: "followers" | "following") =>
    (dataOf(await api(url, "GET", `/api/users/${name}/${list}`)).people as { username: string }[]).map(
      (person) => person.username,
    );
  const follow = (who: string, whom: string, method: "POST" | "DELETE" = "POST") =>
    api(url, method, `/api/users/${whom}/follow`, { cookie: cookies[who] });
  const block = (who: string, whom: string, method: "POST" | "DELETE" = "POST") =>
    api(url, method, `/api/users/${whom}/block`, { cookie: cookies[who] });

  it("[SOCIAL-1] follow and unfollow update counts, lists and the viewer's view", async () => {
    expect((await follow("ana", "ben")).status).toBe(200);
    expect((await follow("ana", "ben")).status).toBe(200); // idempotent
    expect((await follow("cyd", "ben")).status).toBe(200);
    expect(await profile("ben", "ana")).toMatchObject({
      followers: 2,
      following: 0,
      viewer: { follows: true, followsYou: false, isSelf: false },
    });
    expect(await profile("ana", "ben")).toMatchObject({ following: 1, viewer: { followsYou: true } });
    expect((await people("ben", "followers")).sort()).toEqual(["ana", "cyd"]);
    expect(await people("ana", "following")).toEqual(["ben"]);
    expect((await follow("cyd", "ben", "DELETE")).status).toBe(200);
    expect(await profile("ben")).toMatchObject({ followers: 1, viewer: { signedIn: false } });
    expect(errorCode(await follow("ana", "ana"))).toBe("invalid_input");
    expect(errorCode(await follow("ana", "nobody"))).toBe("not_found");
    expect(errorCode(await api(url, "POST", "/api/users/ben/follow"))).toBe("unauthorized");
  });

  it("[SOCIAL-2] blocking removes follows both ways; the blocked person cannot follow back", async () => {
    await follow("ana", "cyd");
    await follow("cyd", "ana");
    expect((await block("cyd", "ana")).status).toBe(200);
    expect(await profile("cyd")).toMatchObject({ followers: 0, following: 0 });
    const refused = await follow("ana", "cyd");
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      ok: false,
      error: { code: "forbidden", message: "You cannot follow this person." },
    });
    // The blocker cannot follow either until they unblock.
    expect(errorCode(await follow("cyd", "ana"))).toBe("forbidden");
    expect(await profile("ana", "cyd")).toMatchObject({ viewer: { blocked: true } });

    // The server-side functions other layers use.
    const { social } = createRepositories(db.prisma);
    expect(await social.isBlocked(ids.cyd!, ids.ana!)).toBe(true);
    expect(await social.isBlocked(ids.ana!, ids.cyd!)).toBe(false);
    expect(await social.isBlockedEitherWay(ids.ana!, ids.cyd!)).toBe(true);
    expect(await social.blockedUserIds(ids.cyd!)).toEqual([ids.ana]);

    expect((await block("cyd", "ana", "DELETE")).status).toBe(200);
    expect(await social.blockedUserIds(ids.cyd!)).toEqual([]);
    expect((await follow("ana", "cyd")).status).toBe(200);
    expect(errorCode(await block("cyd", "cyd"))).toBe("invalid_input");
  });

  it("[SOCIAL-3] profile edits are validated; bio at most 160 characters", async () => {
    const saved = await api(url, "POST", "/api/me/profile", {
      cookie: cookies.ben,
      body: { displayName: "Ben Bright", bio: "Jazz, synths and late-night radio." },
    });
    expect(dataOf(saved)).toMatchObject({ displayName: "Ben Bright" });
    expect(await profile("BEN")).toMatchObject({
      displayName: "Ben Bright",
      bio: "Jazz, synths and late-night radio.",
      username: "ben",
      realNameVerified: false,
    });
    const long = await api(url, "POST", "/api/me/profile", {
      cookie: cookies.ben,
      body: { displayName: "Ben", bio: "x".repeat(161) },
    });
    expect(long.body).toMatchObject({
      ok: false,
      error: {
        code: "invalid_input",
        issues: [{ path: "bio", message: "A bio has at most 160 characters." }],
      },
    });
    expect(
      errorCode(await api(url, "POST", "/api/me/profile", { body: { displayName: "X", bio: "" } })),
    ).toBe("unauthorized");
  });

  it("[SOCIAL-4] only an admin can set the real-name-verified badge", async () => {
    const refused = await api(url, "POST", "/api/users/ben/verification", {
      cookie: cookies.ana,
      body: { verified: true },
    });
    expect(errorCode(refused)).toBe("forbidden");
    expect(
      (
        await api(url, "POST", "/api/users/ben/verification", {
          cookie: cookies.admin,
          body: { verified: true },
        })
      ).status,
    ).toBe(200);
    expect(await profile("ben")).toMatchObject({ realNameVerified: true });
    expect(await profile("admin", "admin")).toMatchObject({
      isAdmin: true,
      viewer: { isSelf: true, isAdmin: true },
    });
    expect((await api(url, "GET", "/api/users/no_such_person")).status).toBe(404);
  });
});
