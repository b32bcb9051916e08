import type { z } from "zod";
import { ackErrorSchema, CSRF_HEADER, type AckError } from "@/shared/protocol";

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: AckError };

/** Uploads raw bytes (an image) to a JSON API endpoint; same answer handling as callApi. */
export async function uploadApi<T>(path: string, schema: z.ZodType<T>, file: Blob): Promise<ApiResult<T>> {
  try {
    const response = await fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { [CSRF_HEADER]: "1", "content-type": "application/octet-stream" },
      body: file,
      cache: "no-store",
    });
    return parseAnswer(await response.json(), schema);
  } catch {
    return {
      ok: false,
      error: { code: "internal", message: "Cannot reach the server. Check your connection." },
    };
  }
}

function parseAnswer<T>(json: unknown, schema: z.ZodType<T>): ApiResult<T> {
  if (typeof json === "object" && json !== null && "ok" in json) {
    if (json.ok === true && "data" in json) {
      const data = schema.safeParse(json.data);
      if (data.success) return { ok: true, data: data.data };
    } else if ("error" in json) {
      const error = ackErrorSchema.safeParse(json.error);
      if (error.success) return { ok: false, error: error.data };
    }
  }
  return {
    ok: false,
    error: { code: "internal", message: "The server sent an answer we did not understand." },
  };
}

/** Calls the JSON API and validates the answer's data with `schema`; never throws. */
export async function callApi<T>(
  method: "GET" | "POST" | "PUT" | "DELETE",
  path: string,
  schema: z.ZodType<T>,
  body?: unknown,
): Promise<ApiResult<T>> {
  try {
    const response = await fetch(path, {
      method,
      credentials: "same-origin",
      // The CSRF header proves the request comes from our own pages (see server/http/api-router.ts).
      headers: {
        ...(method === "GET" ? {} : { [CSRF_HEADER]: "1" }),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
    return parseAnswer(await response.json(), schema);
  } catch {
    return {
      ok: false,
      error: { code: "internal", message: "Cannot reach the server. Check your connection." },
    };
  }
}
