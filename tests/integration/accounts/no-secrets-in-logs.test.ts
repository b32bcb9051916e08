import { Writable } from "node:stream";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../../server/app";
import { loadConfig } from "../../../server/config/env";
import type { Database } from "../../../server/db/database";
import { openPersistence } from "../../../server/db/persistence";
import { createLogger } from "../../../server/logging/logger";
import { api, cookieOf, type ApiAnswer } from "../../support/api-client";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-database";

const drivers = await testDrivers();

describe.each(drivers)("[SECRETS] no password, hash or session token in logs or answers (%s)", (driver) => {
  const lines: string[] = [];
  let database: TestDatabase;
  let db: Database;
  let app: RunningApp;
  let url: string;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    const config = loadConfig({
      NODE_ENV: "test",
      PORT: "0",
      HOST: "127.0.0.1",
      MEDIA_PORT: "0",
      MEDIA_WORKERS: "1",
      DATA_DIR: database.dataDir,
      REGISTRATION_MODE: "open",
      ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    });
    // The production logger (with its redaction), at the most verbose level, into memory.
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString("utf8"));
        done();
      },
    });
    const logger = createLogger("trace", sink);
    app = await startApp({
      config,
      logger,
      persistence: await openPersistence(config, logger.child({ component: "db" })),
      pages: null,
    });
    url = app.url.replace("localhost", "127.0.0.1");
    db = await database.open();
  });
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  it("[SECRETS-1] a full sign-up / sign-in / socket / sign-out session leaks nothing", async () => {
    const password = "Secret-Passphrase-7g3kq9";
    const answers: ApiAnswer[] = [];
    const call = async (...args: Parameters<typeof api>) => {
      const answer = await api(...args);
      answers.push(answer);
      return answer;
    };

    const signUp = await call(url, "POST", "/api/signup", {
      body: { username: "secretive", displayName: "Sam Secret", password },
    });
    const firstToken = decodeURIComponent(cookieOf(signUp).split("=")[1] ?? "");
    await call(url, "POST", "/api/session", {
      body: { username: "secretive", password: `${password}-wrong` },
    });
    const signIn = await call(url, "POST", "/api/session", { body: { username: "secretive", password } });
    const cookie = cookieOf(signIn);
    const token = decodeURIComponent(cookie.split("=")[1] ?? "");
    await call(url, "GET", "/api/me", { cookie });
    await call(url, "GET", "/api/users/secretive", { cookie });
    const room = await call(url, "POST", "/api/rooms", { cookie, body: { title: "Secrets test" } });
    const roomId = room.body.ok ? String(room.body.data.id) : "";

    const socket = connect(url, {
      transports: ["websocket"],
      extraHeaders: { cookie },
      reconnection: false,
      forceNew: true,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    const joined: unknown = await socket.timeout(10_000).emitWithAck("room:join", { roomId });
    socket.disconnect();
    await call(url, "DELETE", "/api/session", { cookie });
    await call(url, "POST", "/api/signup", {
      body: { username: "secretive2", displayName: "Other", password: "short" },
    });

    const row = await db.prisma.user.findUniqueOrThrow({
      where: { username: "secretive" },
      select: { passwordHash: true },
    });
    const hash = row.passwordHash ?? "";
    expect(hash).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(token).toHaveLength(43);
    expect(firstToken).toHaveLength(43);

    const logs = lines.join("");
    expect(lines.length).toBeGreaterThanOrEqual(3); // the capture works (sign-up, sign-in, socket, ...)
    expect(logs).toContain("account created");
    const responses = answers.map((answer) => {
      const headers = [...answer.headers.entries()].filter(([name]) => name !== "set-cookie");
      return `${answer.text}\n${JSON.stringify(headers)}`;
    });
    const everything = [logs, ...responses, JSON.stringify(joined)].join("\n");
    const hashKey = hash.split("$").at(-1) ?? "";
    const salt = hash.split("$").at(-2) ?? "";
    for (const secret of [password, "short", hash, hashKey, salt, token, firstToken]) {
      expect(secret.length).toBeGreaterThan(4);
      expect(everything.includes(secret), `leaked: ${secret.slice(0, 6)}…`).toBe(false);
    }
  });
});
