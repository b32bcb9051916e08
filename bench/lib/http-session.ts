import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { CSRF_HEADER, currentUserSchema, roomDetailsSchema } from "../../src/shared/protocol";

/**
 * Calls the app's JSON API like a non-browser client: no Origin header, the session cookie sent
 * by hand, and the custom CSRF header every state-changing request must carry.
 */
async function postJson<T>(
  url: string,
  body: unknown,
  schema: z.ZodType<T>,
  cookie?: string,
): Promise<{ data: T; response: Response }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", [CSRF_HEADER]: "1", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  const json: unknown = await response.json();
  if (typeof json !== "object" || json === null || !("ok" in json) || json.ok !== true || !("data" in json)) {
    throw new Error(`POST ${url} failed (${response.status}): ${JSON.stringify(json)}`);
  }
  return { data: schema.parse(json.data), response };
}

/**
 * Creates an account and its session in one call (`POST /api/signup`). The first account of a
 * fresh database needs no invite; the others need REGISTRATION_MODE=open, which the benches set.
 * Returns the user id and the `ar_session=...` pair to send back as a cookie header.
 */
export async function signUp(
  baseUrl: string,
  displayName: string,
): Promise<{ userId: string; cookie: string }> {
  const username = `bot_${randomBytes(6).toString("hex")}`; // 16 characters of [a-z0-9_]
  const password = `bench-${randomBytes(12).toString("base64url")}`;
  const { data, response } = await postJson(
    `${baseUrl}/api/signup`,
    { username, displayName, password },
    currentUserSchema,
  );
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0] ?? "")
    .find((pair) => pair.startsWith("ar_session="));
  if (!cookie) throw new Error("sign-up answered without an ar_session cookie");
  return { userId: data.id, cookie };
}

export async function createRoom(
  baseUrl: string,
  cookie: string,
  title: string,
  settings: { audioFrameMs?: 20 | 40 | 60 } = {},
): Promise<string> {
  const { data } = await postJson(`${baseUrl}/api/rooms`, { title, ...settings }, roomDetailsSchema, cookie);
  return data.id;
}
