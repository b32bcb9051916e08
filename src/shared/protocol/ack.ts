import { z } from "zod";

/**
 * Every refusal the server can give, as a closed set. A client can switch on these; the message
 * is for people. `unauthorized` means "sign in first", `forbidden` means "signed in, but not allowed".
 */
export const errorCodeSchema = z.enum([
  "invalid_input",
  "unauthorized",
  "forbidden",
  "not_found",
  "invalid_state",
  "rate_limited",
  /** The room (or the media capacity behind it) cannot take one more person; the message says which. */
  "room_full",
  /**
   * The person already holds as many of something as they may at once (live or scheduled rooms);
   * waiting does not help, ending or cancelling one does. The message says which and how many.
   */
  "quota_exceeded",
  /**
   * The server is restarting (draining before a deploy): nothing is wrong with the request, and the
   * client tries again by itself once the next process listens.
   */
  "unavailable",
  /**
   * The operator requires a verified real name for this (REQUIRE_VERIFIED_TO_SPEAK / _TO_HOST);
   * the message says how to get verified.
   */
  "verification_required",
  /** Staff suspended or banned this account; the message says why and until when. */
  "account_suspended",
  "internal",
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** One issue found while validating input: where it was and what was wrong. */
export const inputIssueSchema = z.object({ path: z.string(), message: z.string() });
export type InputIssue = z.infer<typeof inputIssueSchema>;

export const ackErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  issues: z.array(inputIssueSchema).optional(),
});
export type AckError = z.infer<typeof ackErrorSchema>;

/** The one answer shape of every Socket.IO command and every JSON HTTP endpoint. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

export function ok<T>(data: T): Ack<T> {
  return { ok: true, data };
}

export function fail(
  code: ErrorCode,
  message: string,
  issues?: InputIssue[],
): { ok: false; error: AckError } {
  return issues ? { ok: false, error: { code, message, issues } } : { ok: false, error: { code, message } };
}

/** Flattens zod issues into the wire shape (no zod internals leak to clients). */
export function toInputIssues(error: z.ZodError): InputIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
}
