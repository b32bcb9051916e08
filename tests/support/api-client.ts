import { API_HEADERS } from "./test-app";

export type ApiAnswer = {
  status: number;
  headers: Headers;
  /** The parsed JSON body (an Ack). */
  body:
    | { ok: true; data: Record<string, unknown> }
    | { ok: false; error: { code: string; message: string; issues?: { path: string; message: string }[] } };
  text: string;
};

/** Calls the API as our own pages do (CSRF header on writes), optionally with a session cookie. */
export async function api(
  url: string,
  method: "GET" | "POST" | "PUT" | "DELETE",
  path: string,
  options: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiAnswer> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(method === "GET" ? {} : API_HEADERS),
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text), text };
}

/** The `name=value` part of a response's Set-Cookie. */
export function cookieOf(answer: ApiAnswer): string {
  return (answer.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

/** Signs up over HTTP; returns the answer and the session cookie. */
export async function signUp(
  url: string,
  input: { username: string; password: string; displayName?: string; inviteCode?: string },
) {
  const answer = await api(url, "POST", "/api/signup", {
    body: { displayName: input.displayName ?? input.username, ...input },
  });
  return { answer, cookie: cookieOf(answer) };
}

export function dataOf(answer: ApiAnswer): Record<string, unknown> {
  if (!answer.body.ok) throw new Error(`expected ok, got ${answer.status} ${answer.text}`);
  return answer.body.data;
}

export function errorCode(answer: ApiAnswer): string | null {
  return answer.body.ok ? null : answer.body.error.code;
}
