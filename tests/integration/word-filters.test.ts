import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminReportPageSchema, wordFilterListSchema } from "../../src/shared/protocol";
import { api, dataOf, errorCode, type ApiAnswer } from "../support/api-client";
import { createRoom, signIn, startTestApp, usernameFor, type TestApp } from "../support/test-app";
import { testDrivers } from "../support/test-database";

const drivers = await testDrivers();

const messageOf = (answer: ApiAnswer) => (answer.body.ok ? "" : answer.body.error.message);

/**
 * Word filters end to end: staff add and remove them in the console (audited), and they apply
 * at once to room titles and descriptions, display names and bios: `block` refuses naming the
 * field, `flag` accepts and opens a report for the moderators.
 */
describe.each(drivers)(
  "[TS-FILTER-INT] word filters on titles, descriptions, names and bios (%s)",
  (driver) => {
    let t: TestApp;
    let url: string;
    let mod: { cookie: string; userId: string };
    let member: { cookie: string; userId: string };
    const filterIds: Record<string, string> = {};

    const addFilter = (phrase: string, action: "block" | "flag") =>
      api(url, "POST", "/api/admin/filters", { cookie: mod.cookie, body: { phrase, action } });
    const startRoom = (cookie: string, body: Record<string, unknown>) =>
      api(url, "POST", "/api/rooms", { cookie, body });
    const editProfile = (cookie: string, body: { displayName: string; bio: string }) =>
      api(url, "POST", "/api/me/profile", { cookie, body });
    const signUp = (displayName: string) =>
      api(url, "POST", "/api/signup", {
        body: { displayName, username: usernameFor("filtered"), password: "correct horse battery staple 9" },
      });
    async function filterReports() {
      const page = adminReportPageSchema.parse(
        dataOf(await api(url, "GET", "/api/admin/reports?status=open&limit=100", { cookie: mod.cookie })),
      );
      return page.reports.filter((entry) => entry.source === "word_filter");
    }

    beforeAll(async () => {
      t = await startTestApp(driver);
      url = t.app.url.replace("localhost", "127.0.0.1");
      mod = await signIn(url, "Mo Moderator");
      member = await signIn(url, "Mel Member");
      const database = await t.database.open();
      await database.prisma.user.update({ where: { id: mod.userId }, data: { isModerator: true } });
      for (const [phrase, action] of [
        ["badword", "block"],
        ["傻逼", "block"],
        ["anjing", "block"],
        ["bangsat", "flag"],
        ["垃圾", "flag"],
      ] as const) {
        const added = await addFilter(phrase, action);
        filterIds[phrase] = String(dataOf(added).id);
      }
    });

    afterAll(async () => {
      await t?.close();
    });

    it("[TS-FILTER-INT-1] staff list, add and remove filters; duplicates by matching form are refused; audited", async () => {
      const listed = wordFilterListSchema.parse(
        dataOf(await api(url, "GET", "/api/admin/filters", { cookie: mod.cookie })),
      );
      expect(listed.filters.map((entry) => entry.phrase).sort()).toEqual(
        ["anjing", "badword", "bangsat", "傻逼", "垃圾"].sort(),
      );
      expect(listed.filters.find((entry) => entry.phrase === "badword")?.normalized).toBe("badword");
      // "B A D W O R D" is the same entry once normalised.
      const duplicate = await addFilter("B A D W O R D", "flag");
      expect(errorCode(duplicate)).toBe("invalid_input");
      expect(errorCode(await addFilter("...", "block"))).toBe("invalid_input");
      const temporary = dataOf(await addFilter("temporaryword", "block"));
      expect(errorCode(await startRoom(member.cookie, { title: "temporaryword hour" }))).toBe(
        "invalid_input",
      );
      const removed = await api(url, "DELETE", `/api/admin/filters/${String(temporary.id)}`, {
        cookie: mod.cookie,
      });
      expect(dataOf(removed).phrase).toBe("temporaryword");
      // Applied at once: the cache was refreshed by the removal.
      expect((await startRoom(member.cookie, { title: "temporaryword hour" })).status).toBe(200);
      expect(errorCode(await api(url, "DELETE", "/api/admin/filters/nosuch", { cookie: mod.cookie }))).toBe(
        "not_found",
      );
      const database = await t.database.open();
      const audit = await database.prisma.auditEntry.findMany({
        where: { action: { in: ["filter.add", "filter.remove"] }, reason: "temporaryword" },
        orderBy: { at: "asc" },
      });
      expect(audit.map((entry) => [entry.action, entry.actorId])).toEqual([
        ["filter.add", mod.userId],
        ["filter.remove", mod.userId],
      ]);
      expect(await database.prisma.auditEntry.count({ where: { action: "filter.add" } })).toBe(6);
    });

    it("[TS-FILTER-INT-2] a block match refuses a room's title or description, naming the field", async () => {
      const title = await startRoom(member.cookie, { title: "A b.a.d.w.o.r.d evening" });
      expect(errorCode(title)).toBe("invalid_input");
      expect(messageOf(title)).toBe("The title contains a word this server does not allow.");
      const description = await startRoom(member.cookie, { title: "Tea time", description: "我们都是傻 逼" });
      expect(messageOf(description)).toBe("The description contains a word this server does not allow.");
      const scheduled = await startRoom(member.cookie, {
        title: "Ngobrol 4nj1ng",
        scheduledFor: new Date(Date.now() + 3_600_000).toISOString(),
      });
      expect(messageOf(scheduled)).toBe("The title contains a word this server does not allow.");
      // Innocent words that contain a filtered one pass.
      expect(
        (await startRoom(member.cookie, { title: "Badwording is not a word", description: "anjungan" }))
          .status,
      ).toBe(200);
    });

    it("[TS-FILTER-INT-3] a block match refuses a display name at sign-up and a name or bio on the profile", async () => {
      const signup = await signUp("BADWORD fan");
      expect(errorCode(signup)).toBe("invalid_input");
      expect(messageOf(signup)).toBe("The display name contains a word this server does not allow.");
      const name = await editProfile(member.cookie, { displayName: "ｂａｄｗｏｒｄ", bio: "" });
      expect(messageOf(name)).toBe("The display name contains a word this server does not allow.");
      const bio = await editProfile(member.cookie, { displayName: "Mel Member", bio: "hello, bаdwоrd" });
      expect(messageOf(bio)).toBe("The bio contains a word this server does not allow.");
      expect(bio.body.ok ? [] : bio.body.error.issues).toEqual([
        { path: "bio", message: "The bio contains a word this server does not allow." },
      ]);
    });

    it("[TS-FILTER-INT-4] a flag match accepts the text and opens a word-filter report naming field, text and phrase", async () => {
      const roomId = await createRoom(url, member.cookie, "Bangsat banter", { description: "一堆垃圾" });
      const profile = await editProfile(member.cookie, { displayName: "Mel Member", bio: "b a n g s a t" });
      expect(profile.status).toBe(200);
      const signup = await signUp("Tukang 垃圾");
      expect(signup.status).toBe(200);
      const newcomerId = String(dataOf(signup).id);
      const reports = await filterReports();
      const summary = reports.map((entry) => ({
        reporter: entry.reporter,
        category: entry.category,
        room: entry.room?.id ?? null,
        target: entry.target?.id ?? null,
        filter: entry.context.filter,
      }));
      expect(summary).toEqual(
        expect.arrayContaining([
          {
            reporter: null,
            category: "other",
            room: roomId,
            target: member.userId,
            filter: { field: "title", text: "Bangsat banter", phrase: "bangsat" },
          },
          {
            reporter: null,
            category: "other",
            room: roomId,
            target: member.userId,
            filter: { field: "description", text: "一堆垃圾", phrase: "垃圾" },
          },
          {
            reporter: null,
            category: "other",
            room: null,
            target: member.userId,
            filter: { field: "bio", text: "b a n g s a t", phrase: "bangsat" },
          },
          {
            reporter: null,
            category: "other",
            room: null,
            target: newcomerId,
            filter: { field: "displayName", text: "Tukang 垃圾", phrase: "垃圾" },
          },
        ]),
      );
      expect(reports).toHaveLength(4);
    });
  },
);
