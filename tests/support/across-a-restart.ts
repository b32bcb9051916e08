import type { Socket } from "socket.io-client";
import { connectSocket, startTestApp } from "./test-app";
import { createTestDatabase, type TestDriver } from "./test-database";

/** Connects a signed-in socket to this run of the app (closed when the run ends). */
export type Connect = (cookie: string) => Promise<Socket>;

/**
 * Runs `before` against an app, stops it (a clean restart: rooms stay live in the database), starts
 * a second app on the same database and runs `after` against it; everything is closed afterwards.
 * `before`'s result (ids, cookies) is handed to `after`.
 */
export async function acrossARestart<T>(
  driver: TestDriver,
  before: (url: string, connect: Connect) => Promise<T>,
  after: (url: string, connect: Connect, made: T) => Promise<void>,
): Promise<void> {
  const database = await createTestDatabase(driver);
  const sockets: Socket[] = [];
  const connectTo = (url: string) => async (cookie: string) => {
    const socket = await connectSocket(url, cookie);
    sockets.push(socket);
    return socket;
  };
  try {
    const first = await startTestApp(driver, {}, { database });
    let made: T;
    try {
      const url = first.app.url.replace("localhost", "127.0.0.1");
      made = await before(url, connectTo(url));
    } finally {
      await first.close();
      for (const socket of sockets.splice(0)) socket.disconnect();
    }
    const second = await startTestApp(driver, {}, { database });
    try {
      const url = second.app.url.replace("localhost", "127.0.0.1");
      await after(url, connectTo(url), made);
    } finally {
      for (const socket of sockets.splice(0)) socket.disconnect();
      await second.close();
    }
  } finally {
    await database.destroy();
  }
}
