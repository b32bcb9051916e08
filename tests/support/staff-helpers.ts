import { randomBytes } from "node:crypto";
import { z } from "zod";
import { API_HEADERS } from "./test-app";

const bodySchema = z.object({
  ok: z.boolean(),
  data: z.unknown().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type Answer = { status: number; body: z.infer<typeof bodySchema> };

/** A JSON call to the API, answered with its status and parsed body. */
export async function call(
  url: string,
  method: "GET" | "POST" | "PUT" | "DELETE",
  path: string,
  cookie: string,
  body?: unknown,
): Promise<Answer> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...API_HEADERS, ...(cookie ? { cookie } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: Answer["body"] = { ok: false };
  try {
    const value = bodySchema.safeParse(JSON.parse(text));
    if (value.success) parsed = value.data;
  } catch {
    // a raw answer (CSV): ok when 200
    parsed = { ok: response.status === 200, data: text };
  }
  return { status: response.status, body: parsed };
}

/** Signs up the account ADMIN_USERNAME names (startTestApp env): it becomes the admin. */
export async function signUpAdmin(
  url: string,
  username: string,
): Promise<{ cookie: string; userId: string }> {
  const password = `pw-${randomBytes(12).toString("base64url")}`;
  const response = await fetch(`${url}/api/signup`, {
    method: "POST",
    headers: API_HEADERS,
    body: JSON.stringify({ displayName: "Ada Admin", username, password }),
  });
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const body = z
    .object({ data: z.object({ id: z.string(), isAdmin: z.boolean() }) })
    .safeParse(await response.json());
  if (!cookie || !body.success || !body.data.data.isAdmin) throw new Error("admin sign-up failed");
  return { cookie, userId: body.data.data.id };
}

/** Signs in with a password over HTTP; the cookie when it worked. */
export async function passwordSignIn(url: string, username: string, password: string) {
  const response = await fetch(`${url}/api/session`, {
    method: "POST",
    headers: API_HEADERS,
    body: JSON.stringify({ username, password }),
  });
  const body = bodySchema.parse(await response.json());
  return {
    status: response.status,
    body,
    cookie: (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
  };
}
