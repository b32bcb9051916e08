/** Longest `next` we follow; a real path in this app is far shorter. */
const MAX_NEXT_LENGTH = 2048;

/**
 * Where to go after signing in: `next` only if it is a path on `origin` itself, else "/". It is
 * resolved the way the browser will resolve it (`new URL(next, origin)`), so every spelling the
 * URL parser turns into another host is caught by comparing origins: `/\evil.com` and
 * `/<TAB>/evil.com` (the parser reads `\` as `/` and drops tabs and newlines), `//evil.com`,
 * `https://evil.com`, `javascript:`. Only pathname, query and hash are kept, and a result that
 * would itself read as protocol-relative (`/.//evil.com` resolves to the path `//evil.com`) is
 * refused, because router.push would resolve it again.
 */
export function safeNextPath(next: string | null | undefined, origin: string): string {
  if (!next || next.length > MAX_NEXT_LENGTH || !next.startsWith("/")) return "/";
  let base: URL;
  let target: URL;
  try {
    base = new URL(origin);
    target = new URL(next, base);
  } catch {
    return "/";
  }
  if (target.origin !== base.origin) return "/";
  const path = `${target.pathname}${target.search}${target.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return "/";
  return path;
}
