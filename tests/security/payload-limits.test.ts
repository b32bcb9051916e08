import { describe, expect, it } from "vitest";
import { api } from "../support/api-client";
import { connectSocket, send, signIn, startTestApp } from "../support/test-app";

/**
 * [LIMITS-1] Payload sizes are limits like the others (server/config/limits.ts): a JSON body over
 * MAX_JSON_BODY_BYTES is refused with invalid_input and changes nothing; a Socket.IO message over
 * MAX_SOCKET_MESSAGE_BYTES closes only the connection that sent it.
 */
describe("[LIMITS-1] payload size limits", () => {
  it("[LIMITS-1] a JSON body over MAX_JSON_BODY_BYTES is refused and stores nothing; one under it passes", async () => {
    const t = await startTestApp("pglite", { MAX_JSON_BODY_BYTES: "2048" });
    try {
      const url = t.app.url.replace("localhost", "127.0.0.1");
      const person = await signIn(url, "Short Bio");
      const tooLarge = await api(url, "POST", "/api/me/profile", {
        cookie: person.cookie,
        body: { displayName: "Long Bio", bio: "x".repeat(3000) },
      });
      expect(tooLarge.body).toEqual({
        ok: false,
        error: { code: "invalid_input", message: "The request body is too large." },
      });
      const me = await api(url, "GET", "/api/me", { cookie: person.cookie });
      expect(me.body).toMatchObject({ ok: true, data: { displayName: "Short Bio" } });
      const fits = await api(url, "POST", "/api/me/profile", {
        cookie: person.cookie,
        body: { displayName: "Fits", bio: "y".repeat(100) },
      });
      expect(fits.body).toMatchObject({ ok: true });
    } finally {
      await t.close();
    }
  });

  it("[LIMITS-1] a socket message over MAX_SOCKET_MESSAGE_BYTES closes that socket only", async () => {
    const t = await startTestApp("pglite", { MAX_SOCKET_MESSAGE_BYTES: "4096", GUEST_LISTENING: "true" });
    try {
      const url = t.app.url.replace("localhost", "127.0.0.1");
      const flooder = await connectSocket(url, "");
      const bystander = await connectSocket(url, "");
      const closed = new Promise<string>((resolve) =>
        flooder.once("disconnect", (reason) => resolve(reason)),
      );
      flooder.emit("room:join", { roomId: "r".repeat(10_000) });
      expect(await closed).toBe("transport close");
      // The other connection still gets answers (a refusal for an unknown room, not silence).
      const answer = await send(bystander, "room:join", { roomId: "no-such-room" });
      expect(answer.ok).toBe(false);
      bystander.disconnect();
    } finally {
      await t.close();
    }
  });
});
