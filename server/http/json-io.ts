import type { IncomingMessage, ServerResponse } from "node:http";
import { fail, type Ack, type ErrorCode } from "../../src/shared/protocol";

/** Statuses for each refusal code, so HTTP clients and proxies see the right class of answer. */
const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  invalid_state: 409,
  rate_limited: 429,
  unavailable: 503,
  room_full: 503,
  quota_exceeded: 403,
  verification_required: 403,
  account_suspended: 403,
  internal: 500,
};

export function sendAck(
  response: ServerResponse,
  ack: Ack<unknown>,
  headers: Record<string, string> = {},
): void {
  const status = ack.ok ? 200 : STATUS[ack.error.code];
  const body = JSON.stringify(ack);
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(body),
    ...headers,
  });
  response.end(body);
}

/** A successful non-JSON answer (see defineRawRoute). */
export function sendRaw(
  response: ServerResponse,
  raw: { contentType: string; text: string },
  headers: Record<string, string> = {},
): void {
  response.writeHead(200, {
    "content-type": raw.contentType,
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(raw.text),
    "x-content-type-options": "nosniff",
    ...headers,
  });
  response.end(raw.text);
}

/**
 * Reads a JSON body of at most `maxBytes` (MAX_JSON_BODY_BYTES, 16 KiB by default), counted as it
 * streams in, so a chunked upload without Content-Length cannot grow past it. Returns an error ack
 * instead of throwing.
 */
export async function readJsonBody(
  request: IncomingMessage,
  maxBytes: number,
): Promise<{ ok: true; value: unknown } | ReturnType<typeof fail>> {
  const type = request.headers["content-type"] ?? "";
  // Requiring JSON also blocks plain cross-site form posts (they cannot set this type without CORS).
  if (!type.toLowerCase().startsWith("application/json"))
    return fail("invalid_input", "Send JSON (content-type: application/json).");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBytes) return fail("invalid_input", "The request body is too large.");
    chunks.push(buffer);
  }
  try {
    const text = Buffer.concat(chunks).toString("utf8");
    return { ok: true, value: text.length === 0 ? {} : JSON.parse(text) };
  } catch {
    return fail("invalid_input", "The request body is not valid JSON.");
  }
}
