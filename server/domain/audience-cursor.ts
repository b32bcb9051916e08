/**
 * Where a page of the audience ends: the (joinedAt, userId) key of its last member. Paging walks
 * the audience in that order, and the key of a listener never changes while they stay, so pages
 * never repeat or skip anyone who is present throughout, whoever arrives or leaves meanwhile.
 */
export type AudienceKey = { joinedAt: number; userId: string };

export function compareKeys(a: AudienceKey, b: AudienceKey): number {
  return a.joinedAt - b.joinedAt || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
}

const KEY_PATTERN = /^(\d{1,16}):([A-Za-z0-9_-]{1,64})$/;

/** Opaque to clients (base64url), so nobody builds cursors by hand and we may change the format. */
export function encodeCursor(key: AudienceKey): string {
  return Buffer.from(`${key.joinedAt}:${key.userId}`, "utf8").toString("base64url");
}

/** The key a cursor stands for, or null when it is not one this server made. */
export function decodeCursor(cursor: string): AudienceKey | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const match = KEY_PATTERN.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match?.[1] || !match[2]) return null;
  const joinedAt = Number(match[1]);
  return Number.isSafeInteger(joinedAt) ? { joinedAt, userId: match[2] } : null;
}
