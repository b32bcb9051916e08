import type { z } from "zod";
import { ackErrorSchema, type AckError } from "@/shared/protocol";

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: AckError };

/** Calls the JSON API and validates the answer's data with `schema`; never throws. */
export async function callApi<T>(method: "GET" | "POST" | "DELETE", path: string, schema: z.ZodType<T>, body?: unknown): Promise<ApiResult<T>> {
  try {
    const response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
    const json: unknown = await response.json();
    if (typeof json === "object" && json !== null && "ok" in json) {
      if (json.ok === true && "data" in json) {
        const data = schema.safeParse(json.data);
        if (data.success) return { ok: true, data: data.data };
      } else if ("error" in json) {
        const error = ackErrorSchema.safeParse(json.error);
        if (error.success) return { ok: false, error: error.data };
      }
    }
    return { ok: false, error: { code: "internal", message: "The server sent an answer we did not understand." } };
  } catch {
    return { ok: false, error: { code: "internal", message: "Cannot reach the server. Check your connection." } };
  }
}
