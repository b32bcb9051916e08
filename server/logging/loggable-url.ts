/**
 * A request URL as it may appear in logs: secrets that travel in URLs removed. A closed room's
 * share link carries its key in the query (`/rooms/<id>?key=...`), invite links carry the code in
 * the path (`/invite/<code>`, `/api/invite-codes/<code>`) or the query (`/signup?invite=...`), and
 * logs are read by more people, and kept longer, than the database. So every query value is
 * dropped (names kept, for debugging) and the secret path segments are masked.
 */
const SECRET_PATH_SEGMENTS = [/^(\/invite\/)[^/]+/, /^(\/api\/invite-codes\/)[^/]+/];

export const REDACTED = "[redacted]";

export function loggableUrl(raw: string | undefined): string {
  let url: URL;
  try {
    url = new URL(raw ?? "/", "http://localhost");
  } catch {
    return REDACTED;
  }
  let pathname = url.pathname;
  for (const pattern of SECRET_PATH_SEGMENTS) pathname = pathname.replace(pattern, `$1${REDACTED}`);
  const names = [...new Set(url.searchParams.keys())];
  const query = names.map((name) => `${encodeURIComponent(name)}=${REDACTED}`).join("&");
  return query ? `${pathname}?${query}` : pathname;
}
